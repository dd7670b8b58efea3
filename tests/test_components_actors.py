"""The actor component on hand-built Docs: states, office holders on the publication date, groups, home country."""

import datetime

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


def test_actors_a_state_body_named_by_its_own_name_is_its_state_and_sector():
    rows = [("The", 1, "det", "DET", "DT", "the", "O"),
            ("Pentagon", 2, "nsubj", "PROPN", "NNP", "Pentagon", "B-ORG"),
            ("condemned", 2, "ROOT", "VERB", "VBD", "condemn", "O"),
            ("the", 5, "det", "DET", "DT", "the", "O"),
            ("Iranian", 5, "amod", "ADJ", "JJ", "iranian", "B-NORP"),
            ("attack", 2, "dobj", "NOUN", "NN", "attack", "O"),
            (".", 2, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows))
    assert _codes(doc)[0] == (1, ("USAMIL",), "entity")
    assert doc._.tacitus_mentions[0].how == "state body by name"
