"""The actor component on hand-built Docs: states, office holders on the publication date, groups, home country."""

import datetime

import pytest
from hand_docs import ABE_THEN_HE, PROTESTERS_IN_BUCHAREST, ROMANIAN_PROTESTERS, make_doc

from tacitus.components.actors import ActorResolver

ACTORS = ActorResolver("tacitus_actors")


def _codes(doc):
    return [(m.head, tuple(a.code for a in m.actors), m.kind) for m in doc._.tacitus_mentions]


def test_actors_office_holders_are_resolved_on_the_publication_date():
    doc = ACTORS(make_doc(ABE_THEN_HE, tacitus_published=datetime.date(2015, 5, 16)))
    assert _codes(doc) == [(0, ("JPNGOV",), "person"), (2, ("RUSGOV",), "person"), (6, ("RUS",), "entity")]


def test_actors_a_former_office_holder_is_an_elite():
    doc = ACTORS(make_doc(ABE_THEN_HE, tacitus_published=datetime.date(2022, 5, 16)))
    assert _codes(doc)[0] == (0, ("JPNELI",), "person")


def test_actors_a_capital_is_its_government_with_the_cameo_country_code():
    doc = ACTORS(make_doc(PROTESTERS_IN_BUCHAREST))
    assert _codes(doc) == [(0, ("CVL",), "group"), (3, ("ROMGOV",), "entity")]


def test_actors_a_group_with_a_demonym_takes_its_country():
    doc = ACTORS(make_doc(ROMANIAN_PROTESTERS))
    assert _codes(doc) == [(0, ("ROM",), "entity"), (1, ("ROMCVL",), "group")]
    assert doc._.tacitus_mentions[1].actors[0].country == "ROU"


def test_actors_home_country_is_the_dominant_one():
    doc = ACTORS(make_doc(ROMANIAN_PROTESTERS))
    assert doc._.tacitus_home_country == "ROU"


def test_actors_the_outlet_decides_the_home_country():
    doc = ACTORS(make_doc(ROMANIAN_PROTESTERS, tacitus_outlet="The Yomiuri Shimbun"))
    assert doc._.tacitus_home_country == "JPN"


@pytest.mark.parametrize(("how", "home_source", "expected"), [
    ("demonym", "story", "text"),
    ("office holder (foreign minister, 2012-12-26..2020-09-16)", "story", "knowledge"),
    ("armed group", "story", "knowledge"),
    ("state body", "story", "knowledge"),
    ("title, document's country", "dateline", "dateline"),
    ("group, document's country", "story", "story"),
])
def test_actors_say_where_their_country_came_from(how, home_source, expected):
    from tacitus.components.actors import country_source_of

    assert country_source_of(how, home_source) == expected


def test_actors_without_a_country_have_no_country_source():
    from tacitus.components.actors import with_country_sources
    from tacitus.components.mentions import Mention
    from tacitus.model import Actor

    un = Actor("the U.N.", "United Nations", None, "IGO", "IGOUNO")
    japan = Actor("Japan", "Japan", "JPN", None, "JPN")
    mention = with_country_sources(Mention(0, 2, 1, (un, japan), "entity", 1.0, "igo"), "story")
    assert [a.country_source for a in mention.actors] == ["none", "text"]
