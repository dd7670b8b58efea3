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


def test_actors_an_official_by_title_and_nationality_is_the_state_sector():
    rows = [("The", 3, "det", "DET", "DT", "the", "O"),
            ("Japanese", 3, "amod", "ADJ", "JJ", "japanese", "B-NORP"),
            ("foreign", 3, "amod", "ADJ", "JJ", "foreign", "O"),
            ("minister", 4, "nsubj", "NOUN", "NN", "minister", "O"),
            ("visited", 4, "ROOT", "VERB", "VBD", "visit", "O"),
            ("China", 4, "dobj", "PROPN", "NNP", "China", "B-GPE"),
            (".", 4, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows))
    assert (3, ("JPNGOV",), "person") in _codes(doc)


def test_actors_an_official_of_a_possessive_country():
    rows = [("Kenya", 3, "poss", "PROPN", "NNP", "Kenya", "B-GPE"),
            ("'s", 0, "case", "PART", "POS", "'s", "O"),
            ("interior", 3, "compound", "NOUN", "NN", "interior", "O"),
            ("minister", 4, "nsubj", "NOUN", "NN", "minister", "O"),
            ("spoke", 4, "ROOT", "VERB", "VBD", "speak", "O"),
            (".", 4, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows))
    assert (3, ("KENGOV",), "person") in _codes(doc)


def test_actors_a_named_group_leader_acts_for_the_group_not_its_state():
    rows = [("The", 2, "det", "DET", "DT", "the", "O"),
            ("Hamas", 2, "compound", "PROPN", "NNP", "Hamas", "B-ORG"),
            ("leader", 3, "nsubj", "NOUN", "NN", "leader", "O"),
            ("spoke", 3, "ROOT", "VERB", "VBD", "speak", "O"),
            (".", 3, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows))
    assert (2, ("PSEREB",), "group") in _codes(doc)


_DESCRIBED = [("Chad", 1, "nsubj", "PROPN", "NNP", "Chad", "B-GPE"),
              ("protested", 1, "ROOT", "VERB", "VBD", "protest", "O"),
              (".", 1, "punct", "PUNCT", ".", ".", "O"),
              ("The", 6, "det", "DET", "DT", "the", "O"),
              ("central", 5, "amod", "ADJ", "JJ", "central", "O"),
              ("African", 6, "amod", "ADJ", "JJ", "african", "O"),
              ("country", 7, "nsubj", "NOUN", "NN", "country", "O"),
              ("condemned", 7, "ROOT", "VERB", "VBD", "condemn", "O"),
              ("Libya", 7, "dobj", "PROPN", "NNP", "Libya", "B-GPE"),
              (".", 7, "punct", "PUNCT", ".", ".", "O")]


def test_actors_a_described_state_is_the_story_state_that_fits():
    doc = ACTORS(make_doc(_DESCRIBED))
    described = next(m for m in doc._.tacitus_mentions if m.head == 6)
    assert (described.start, described.actors[0].code) == (3, "TCD") and described.how.startswith("description")


def test_actors_a_description_no_named_state_fits_is_unresolved():
    rows = list(_DESCRIBED)
    rows[4] = ("southern", 5, "amod", "ADJ", "JJ", "southern", "O")  # "the southern African country": not Chad
    doc = ACTORS(make_doc(rows))
    assert [m for m in doc._.tacitus_mentions if m.head == 6] == []


def test_actors_a_holder_who_took_office_after_the_article_is_no_former_holder():
    assert ACTORS.resolve_person("Hegseth", datetime.date(2015, 5, 16), {}, None) is None
    actor, _, how = ACTORS.resolve_person("Mattis", datetime.date(2020, 5, 16), {}, None)
    assert actor.code == "USAELI" and how == "former office holder"


def test_actors_a_person_named_in_full_who_takes_office_later_is_of_that_state():
    actor, _, how = ACTORS.resolve_person("Morgan Tsvangirai", datetime.date(2008, 6, 18), {}, None)
    assert (actor.code, actor.sector, how) == ("ZWE", None, "later office holder's country")
    assert ACTORS.resolve_person("Tsvangirai", datetime.date(2008, 6, 18), {}, None) is None  # a surname alone


def test_actors_a_defence_minister_in_office_is_his_government():
    actor, _, how = ACTORS.resolve_person("Defence Minister Shoigu", datetime.date(2015, 5, 16), {}, None)
    assert actor.code == "RUSGOV" and how.startswith("office holder (defence_minister")


def test_actors_an_organisation_officer_acts_for_the_organisation_not_the_story_country():
    actor, _, how = ACTORS.resolve_person("SADC Executive Secretary Tomaz Salamao", datetime.date(2008, 10, 1), {},
                                          "ZWE")
    assert actor.code == "IGOSADC" and how == "officer of IGOSADC"


@pytest.mark.parametrize("published", [None, datetime.date(2008, 6, 18)])
def test_actors_an_organisations_officer_by_title_is_not_the_state_office_he_held(published):
    # Ban Ki-moon was South Korea's foreign minister (2004-2006) before he led the U.N.
    actor, _, how = ACTORS.resolve_person("U.N. Secretary-General Ban ki-Moon", published, {}, "ZWE")
    assert (actor.code, actor.sector, how) == ("IGOUNO", "IGO", "officer of IGOUNO")
    assert ACTORS.resolve_person("Ban Ki-moon", datetime.date(2005, 6, 1), {}, None)[0].country == "KOR"


def test_actors_a_group_leader_by_name_acts_for_the_group():
    actor, _, _ = ACTORS.resolve_person("Hamas leader Ismail Abu Shanab", datetime.date(2003, 8, 21), {}, "ISR")
    assert actor.code == "PSEREB"


def test_actors_an_organisation_troops_act_for_the_organisation():
    rows = [("NATO", 1, "compound", "PROPN", "NNP", "NATO", "B-ORG"),
            ("troops", 2, "nsubj", "NOUN", "NNS", "troop", "O"),
            ("advanced", 2, "ROOT", "VERB", "VBD", "advance", "O"),
            (".", 2, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows, tacitus_dateline="KABUL"))
    assert (1, ("IGONATO",), "group") in _codes(doc)


def test_actors_a_known_name_the_model_left_untagged_is_found():
    # "Secretary of Defense Ash Carter met Isik .": the small model tags "Defense" as ORG and not the name
    rows = [("Secretary", 4, "compound", "PROPN", "NNP", "Secretary", "O"),
            ("of", 0, "prep", "ADP", "IN", "of", "O"),
            ("Defense", 1, "pobj", "PROPN", "NNP", "Defense", "B-ORG"),
            ("Ash", 4, "compound", "PROPN", "NNP", "Ash", "O"),
            ("Carter", 5, "nsubj", "PROPN", "NNP", "Carter", "O"),
            ("met", 5, "ROOT", "VERB", "VBD", "meet", "O"),
            ("Isik", 5, "dobj", "PROPN", "NNP", "Isik", "O"),
            (".", 5, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows, tacitus_published=datetime.date(2016, 2, 11)))
    people = [(m.start, m.end, tuple(a.code for a in m.actors)) for m in doc._.tacitus_mentions if m.kind == "person"]
    assert people == [(0, 5, ("USAGOV",))]  # the mention holds the title with its "of" phrase


def test_actors_a_surname_the_article_gave_a_full_name_is_that_person():
    # "U.S. Ambassador Keith Harper spoke . Ambassador Harper urged China ." in 2015, while Stephen Harper led
    # Canada: the second Harper is the ambassador
    rows = [("U.S.", 2, "compound", "PROPN", "NNP", "U.S.", "B-GPE"),
            ("Ambassador", 3, "compound", "PROPN", "NNP", "Ambassador", "O"),
            ("Keith", 3, "compound", "PROPN", "NNP", "Keith", "B-PERSON"),
            ("Harper", 4, "nsubj", "PROPN", "NNP", "Harper", "I-PERSON"),
            ("spoke", 4, "ROOT", "VERB", "VBD", "speak", "O"),
            (".", 4, "punct", "PUNCT", ".", ".", "O"),
            ("Ambassador", 7, "compound", "PROPN", "NNP", "Ambassador", "O"),
            ("Harper", 8, "nsubj", "PROPN", "NNP", "Harper", "B-PERSON"),
            ("urged", 8, "ROOT", "VERB", "VBD", "urge", "O"),
            ("China", 8, "dobj", "PROPN", "NNP", "China", "B-GPE"),
            (".", 8, "punct", "PUNCT", ".", ".", "O")]
    doc = make_doc(rows, tacitus_published=datetime.date(2015, 3, 10))
    doc = ACTORS(doc)
    people = [(m.head, tuple(a.code for a in m.actors)) for m in doc._.tacitus_mentions if m.kind == "person"]
    assert people == [(3, ("USAGOV",)), (7, ("USAGOV",))]


@pytest.mark.parametrize("text, expected", [
    ("Moderate Palestinian President Karim Nasser", "PSEGOV"),  # the nationality is the qualifier's last word
    ("veteran Ugandan opposition leader Jonah Okello", "UGAOPP"),
    ("Palestinian President Karim Nasser", "PSEGOV"),
])
def test_actors_a_title_qualifier_names_the_persons_country_in_the_story_of_another(text, expected):
    actor, _, how = ACTORS.resolve_person(text, datetime.date(2007, 5, 25), {}, "ISR")
    assert (actor.code, how.startswith("title with nationality")) == (expected, True)


@pytest.mark.parametrize("rows, head, expected", [
    ("UNION_LEADERS_DETAINED", 1, "LAB"),        # "union leaders": the union's people, not a government's
    ("MEMBERS_OF_ACTIVIST_GROUP", 2, "CVL"),     # "members of the activist group"
])
def test_actors_member_nouns_take_the_sector_of_their_group(rows, head, expected):
    import hand_docs

    doc = ACTORS(make_doc(getattr(hand_docs, rows)))
    found = [m for m in doc._.tacitus_mentions if m.head == head]
    assert [a.sector for m in found for a in m.actors] == [expected]


SECRETARY_THANKED_JAPAN = [  # "The Secretary thanked Japan ."
    ("The", 1, "det", "DET", "DT", "the", "O"),
    ("Secretary", 2, "nsubj", "PROPN", "NNP", "Secretary", "O"),
    ("thanked", 2, "ROOT", "VERB", "VBD", "thank", "O"),
    ("Japan", 2, "dobj", "PROPN", "NNP", "Japan", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", ".", "O"),
]


@pytest.mark.parametrize("voice, expected", [
    ("USA", [(1, ("USAGOV",), "person"), (3, ("JPN",), "entity")]),   # on the State Department's own pages
    (None, [(3, ("JPN",), "entity")]),                                # anywhere else: whose secretary?
])
def test_actors_a_bare_title_on_a_governments_own_site_is_its_official(voice, expected):
    doc = ACTORS(make_doc(SECRETARY_THANKED_JAPAN, tacitus_voice=voice))
    assert _codes(doc) == expected


WORK_HOSTED_COUNTERPARTS = [  # "Deputy Secretary of Defense Bob Work hosted his counterparts from Norway ."
    ("Deputy", 1, "nmod", "PROPN", "NNP", "Deputy", "O"),
    ("Secretary", 5, "nmod", "PROPN", "NNP", "Secretary", "O"),
    ("of", 1, "prep", "ADP", "IN", "of", "O"),
    ("Defense", 2, "pobj", "PROPN", "NNP", "Defense", "O"),
    ("Bob", 5, "compound", "PROPN", "NNP", "Bob", "B-PERSON"),
    ("Work", 6, "nsubj", "PROPN", "NNP", "Work", "I-PERSON"),
    ("hosted", 6, "ROOT", "VERB", "VBD", "host", "O"),
    ("his", 8, "poss", "PRON", "PRP$", "his", "O"),
    ("counterparts", 6, "dobj", "NOUN", "NNS", "counterpart", "O"),
    ("from", 8, "prep", "ADP", "IN", "from", "O"),
    ("Norway", 9, "pobj", "PROPN", "NNP", "Norway", "B-GPE"),
    (".", 6, "punct", "PUNCT", ".", ".", "O"),
]


@pytest.mark.parametrize("voice, expected", [
    ("USA", [(5, ("USAGOV",), "person"), (8, ("NORGOV",), "group"), (10, ("NOR",), "entity")]),
    # elsewhere a title with no nationality falls back on the document's country (here the one it names most)
    (None, [(5, ("NORGOV",), "person"), (8, ("NORGOV",), "group"), (10, ("NOR",), "entity")]),
])
def test_actors_a_titled_name_on_a_governments_own_site_is_its_official(voice, expected):
    # the title with its "of" phrase is the person's ("Deputy Secretary of Defense"); with no nationality it is
    # the page's government's (grammar.yaml voice_titles); "his counterparts from Norway" are Norway's officials
    doc = ACTORS(make_doc(WORK_HOSTED_COUNTERPARTS, tacitus_voice=voice))
    assert _codes(doc) == expected
    if voice:
        first = doc._.tacitus_mentions[0]
        assert (first.start, first.how) == (0, "title of the page's government")


def test_actors_a_state_body_entity_cut_before_its_country_takes_it():
    # "We call on the Government of Mali": the small model's ORG entity stops at "of"; not the story's country
    rows = [("We", 1, "nsubj", "PRON", "PRP", "we", "O"),
            ("call", 1, "ROOT", "VERB", "VBP", "call", "O"),
            ("on", 1, "prep", "ADP", "IN", "on", "O"),
            ("the", 4, "det", "DET", "DT", "the", "B-ORG"),
            ("Government", 2, "pobj", "PROPN", "NNP", "Government", "I-ORG"),
            ("of", 4, "prep", "ADP", "IN", "of", "I-ORG"),
            ("Mali", 5, "pobj", "PROPN", "NNP", "Mali", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows, tacitus_dateline="WASHINGTON"))
    assert (4, ("MLIGOV",), "entity") in _codes(doc)


def test_actors_the_place_of_a_dateline_is_no_actor():
    # "DHAKA, SEPTEMBER 20, 2017: The United States condemned …": Dhaka is where the story was filed
    rows = [("DHAKA", 8, "nmod", "PROPN", "NNP", "DHAKA", "B-GPE"),
            (",", 0, "punct", "PUNCT", ",", ",", "O"),
            ("SEPTEMBER", 8, "npadvmod", "PROPN", "NNP", "SEPTEMBER", "B-DATE"),
            ("20", 2, "nummod", "NUM", "CD", "20", "I-DATE"),
            (",", 2, "punct", "PUNCT", ",", ",", "I-DATE"),
            ("2017", 2, "nummod", "NUM", "CD", "2017", "I-DATE"),
            (":", 8, "punct", "PUNCT", ":", ":", "O"),
            ("The", 8, "det", "DET", "DT", "the", "B-GPE"),
            ("United", 9, "compound", "PROPN", "NNP", "United", "I-GPE"),
            ("States", 10, "nsubj", "PROPN", "NNP", "States", "I-GPE"),
            ("condemned", 10, "ROOT", "VERB", "VBD", "condemn", "O"),
            ("the", 12, "det", "DET", "DT", "the", "O"),
            ("attack", 10, "dobj", "NOUN", "NN", "attack", "O"),
            (".", 10, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows))
    assert doc.text.startswith("DHAKA, SEPTEMBER 20, 2017: The United States")
    assert _codes(doc) == [(9, ("USA",), "entity")]


def test_actors_a_former_official_named_without_nationality_is_an_elite_of_the_storys_country():
    # "Fighting broke out in South Sudan. Kiir accused former vice president Machar …": no table knows Machar
    rows = [("Fighting", 1, "nsubj", "NOUN", "NN", "fighting", "O"),
            ("spread", 1, "ROOT", "VERB", "VBD", "spread", "O"),
            ("in", 1, "prep", "ADP", "IN", "in", "O"),
            ("South", 4, "compound", "PROPN", "NNP", "South", "B-GPE"),
            ("Sudan", 2, "pobj", "PROPN", "NNP", "Sudan", "I-GPE"),
            (".", 1, "punct", "PUNCT", ".", ".", "O"),
            ("They", 7, "nsubj", "PRON", "PRP", "they", "O"),
            ("accused", 7, "ROOT", "VERB", "VBD", "accuse", "O"),
            ("former", 10, "amod", "ADJ", "JJ", "former", "O"),
            ("vice", 10, "compound", "NOUN", "NN", "vice", "O"),
            ("president", 11, "compound", "NOUN", "NN", "president", "O"),
            ("Machar", 7, "dobj", "PROPN", "NNP", "Machar", "B-PERSON"),
            (".", 7, "punct", "PUNCT", ".", ".", "O")]
    doc = ACTORS(make_doc(rows, tacitus_published=datetime.date(2013, 12, 17)))
    machar = next(m for m in doc._.tacitus_mentions if m.head == 11)
    assert ([a.code for a in machar.actors], machar.how) == (["SSDELI"], "title, document's country")
