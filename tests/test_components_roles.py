"""The roles component on hand-built Docs: candidates, dates, status and places are set by hand."""

import datetime
from dataclasses import replace

import pytest
from hand_docs import (ASKED_THEN_CONVEYED, BOMB_KILLED_SOLDIERS, CONDOLENCES_TO_FAMILIES, MISSILE_OVER_JAPAN, PROTESTERS_IN_BUCHAREST, TALKS_IN_MOSCOW, country,
                       group, make_doc, mention)

from tacitus.components.candidate import Candidate, Dating, Verdict
from tacitus.components.roles import RoleResolver
from tacitus.model import Actor, Location, Status, When

ROLES = RoleResolver("tacitus_roles")
PUBLICATION = Dating(When("2015-05-16", "2015-05-16", "publication"))
MOSCOW = Location("Moscow", "RUS", 55.76, 37.62)


def _run(rows, candidates, *, places=None, verdicts=None, dates=None, coref=(), home=None):
    doc = make_doc(rows, tacitus_published=datetime.date(2015, 5, 16), tacitus_home_country=home)
    doc._.tacitus_candidates = candidates
    doc._.tacitus_dates = dates or [PUBLICATION] * len(candidates)
    doc._.tacitus_status = verdicts or [Verdict(Status.OCCURRED)] * len(candidates)
    doc._.tacitus_places = places or [None] * len(candidates)
    doc._.tacitus_coref = [mention(doc, head, *actors) for head, actors in coref]
    return ROLES(doc)._.tacitus_dyads


def _pairs(dyads):
    return [(d.code, d.source.code, d.target.code if d.target else None) for d in dyads]


def test_roles_protesters_take_the_country_of_the_place_and_aim_at_its_government():
    # "Protesters marched in Bucharest": the same code as "Romanian protesters" (ROM, CAMEO's code for ROU)
    candidate = Candidate(1, "141", (group("CVL", "Protesters"),), (), "verb:march[141]", 0.9, "verb")
    dyads = _run(PROTESTERS_IN_BUCHAREST, [candidate], places=[Location("Bucharest", "ROU", 44.43, 26.1)])
    assert _pairs(dyads) == [("141", "ROMCVL", "ROMGOV")]
    assert dyads[0].source.country == "ROU"
    assert dyads[0].rule == "verb:march[141] → target: the protesters' government"


def test_roles_a_group_with_no_country_anywhere_is_dropped():
    candidate = Candidate(1, "141", (group("CVL", "Protesters"),), (), "r", 0.9, "verb")
    assert _run(PROTESTERS_IN_BUCHAREST, [candidate]) == []


def test_roles_a_group_takes_the_storys_country_last():
    candidate = Candidate(1, "141", (group("CVL", "Protesters"),), (), "r", 0.9, "verb")
    assert _pairs(_run(PROTESTERS_IN_BUCHAREST, [candidate], home="UKR")) == [("141", "UKRCVL", "UKRGOV")]


@pytest.mark.parametrize("targets, expected", [
    ((country("USA", "GOV"),), [("114", "CHNGOV", "USAGOV")]),
    ((), []),  # a diplomatic protest (11) needs a target
])
def test_roles_a_state_that_protests_complains_officially(targets, expected):
    candidate = Candidate(3, "140", (country("CHN", "GOV"),), targets, "verb:protest[140]", 0.9, "verb")
    dyads = _run(TALKS_IN_MOSCOW, [candidate])
    assert _pairs(dyads) == expected
    assert all(d.rule == "verb:protest[140] (state protest → 114)" for d in dyads)


@pytest.mark.parametrize("source, expected", [
    (country("ISR", "MIL"), [("190", "ISRMIL", "PSE")]),   # the army's strike is an attack
    (country("ISR"), [("190", "ISR", "PSE")]),             # and so is a state's
    (country("ISR", "LAB"), [("143", "ISRLAB", "PSE")]),   # workers walk out
])
def test_roles_an_armys_strike_is_an_attack_and_a_unions_a_walk_out(source, expected):
    candidate = Candidate(3, "143", (source,), (country("PSE"),), "noun:strike[143]", 0.8, "noun")
    dyads = _run(TALKS_IN_MOSCOW, [candidate])
    assert _pairs(dyads) == expected
    assert all(("military strike → 190" in d.rule) == (d.code == "190") for d in dyads)


def test_roles_actors_named_together_meet_each_other():
    candidate = Candidate(3, "040", (country("JPN"), country("RUS")), (), "verb:hold talk[040]", 0.8, "verb")
    dyads = _run(TALKS_IN_MOSCOW, [candidate], places=[MOSCOW])
    assert _pairs(dyads) == [("040", "JPN", "RUS"), ("040", "RUS", "JPN")]
    assert [(d.reciprocal, d.location) for d in dyads] == [(True, MOSCOW), (True, MOSCOW)]


def test_roles_two_sides_of_one_country_act_on_each_other():
    # "clashes between opposition and government supporters": one country, two sides
    candidate = Candidate(3, "190", (country("LBN", "OPP"), country("LBN", "GOV")), (), "noun:clash[190]", 0.8, "noun")
    dyads = _run(TALKS_IN_MOSCOW, [candidate])
    assert _pairs(dyads) == [("190", "LBNGOV", "LBNOPP"), ("190", "LBNOPP", "LBNGOV")]
    assert all(d.reciprocal for d in dyads)


def test_roles_a_country_and_its_government_are_one_side():
    # "Lebanon and its government": no sector on one of them, so no second side; nor for a one-sided act
    candidate = Candidate(3, "190", (country("LBN"), country("LBN", "GOV")), (), "noun:clash[190]", 0.8, "noun")
    assert _pairs(_run(TALKS_IN_MOSCOW, [candidate])) == [("190", "LBNGOV", None)]
    one_sided = Candidate(3, "141", (country("LBN", "OPP"), country("LBN", "CVL")), (), "verb:protest", 0.8, "verb")
    # a protest is no mutual act: its sides do not act on each other (the protesters aim at their government)
    assert [p[2] for p in _pairs(_run(TALKS_IN_MOSCOW, [one_sided]))] == ["LBNGOV"]


KABUL = Location("Kabul", "AFG", 34.53, 69.17)


@pytest.mark.parametrize("places, home, expected, how", [
    ([KABUL], None, "AFGCVL", "place"),     # where the attack was
    (None, "SOM", "SOMCVL", "story"),       # the story's country
    (None, "USA", "---CVL", "none"),        # the mourners' own country is no victim of theirs
    (None, None, "---CVL", "none"),
])
def test_roles_condolences_go_to_the_victims(places, home, expected, how):
    candidate = Candidate(2, "018", (country("USA"),), (), "verb:offer condolence[018]", 0.8, "verb")
    dyads = _run(CONDOLENCES_TO_FAMILIES, [candidate], places=places, home=home)
    assert _pairs(dyads) == [("018", "USA", expected)]
    assert (dyads[0].target.text, dyads[0].target.sector, dyads[0].target.country_source) == ("the families", "CVL",
                                                                                                how)


def test_roles_condolences_to_a_named_actor_keep_it():
    candidate = Candidate(2, "018", (country("USA"),), (country("JPN"),), "verb:offer condolence[018]", 0.8, "verb")
    assert _pairs(_run(CONDOLENCES_TO_FAMILIES, [candidate], places=[KABUL])) == [("018", "USA", "JPN")]


SADC = Actor("SADC leaders", "Southern African Development Community", None, "IGO", "IGOSADC", "knowledge")


def test_roles_an_organisations_members_meet_each_other():
    # "SADC leaders met in Moscow": a meeting of the organisation's members, no target
    candidate = Candidate(3, "040", (SADC,), (), "verb:meet[040]", 0.8, "verb")
    assert _pairs(_run(TALKS_IN_MOSCOW, [candidate], places=[MOSCOW])) == [("040", "IGOSADC", None)]
    # not for a setting ("met Putin at the G20 summit": a noun under a preposition), a one-sided act, a state alone
    assert _pairs(_run(TALKS_IN_MOSCOW, [replace(candidate, trigger=6, kind="noun")])) == []
    assert _pairs(_run(TALKS_IN_MOSCOW, [replace(candidate, code="111")])) == []
    assert _pairs(_run(TALKS_IN_MOSCOW, [replace(candidate, sources=(country("JPN"),))])) == []


def test_roles_one_actor_per_country_the_most_specific():
    candidate = Candidate(3, "190", (country("RUS"), country("RUS", "MIL")), (country("UKR"),), "r", 0.8, "verb")
    assert _pairs(_run(TALKS_IN_MOSCOW, [candidate])) == [("190", "RUSMIL", "UKR")]


def test_roles_a_pronoun_subject_keeps_the_previous_sentences_target():
    usa, japan = country("USA"), country("JPN")
    asked = Candidate(2, "020", (usa,), (japan,), "verb:ask[020]", 0.9, "verb", source_token=1, open_target=True)
    conveyed = Candidate(10, "110", (usa,), (), "verb:convey concern[110]", 0.9, "verb", source_token=8,
                         open_target=True)
    dyads = _run(ASKED_THEN_CONVEYED, [asked, conveyed])
    assert _pairs(dyads) == [("020", "USA", "JPN"), ("110", "USA", "JPN")]
    assert dyads[1].rule == "verb:convey concern[110] + target of the previous sentence"
    assert dyads[1].confidence == pytest.approx(0.9 * 0.7, abs=1e-3)


@pytest.mark.parametrize("coref, expected", [
    ([(6, (country("JPN"),))], [("150", "PRK", "JPN")]),  # "fired a missile over Japan": a show of force at Japan
    ([], [("150", "PRK", None)]),
])
def test_roles_a_missile_fired_at_nobody_is_a_show_of_force(coref, expected):
    candidate = Candidate(2, "190", (country("PRK"),), (), "verb:fire missile[190]", 0.9, "verb",
                          object_lemma="missile")
    assert _pairs(_run(MISSILE_OVER_JAPAN, [candidate], coref=coref)) == expected


def test_roles_an_attack_on_a_place_targets_its_state():
    candidate = Candidate(3, "190", (country("RUS", "MIL"),), (), "r", 0.9, "verb")
    dyads = _run(TALKS_IN_MOSCOW, [candidate], places=[Location("Juba", "SSD", 4.85, 31.58)])
    assert _pairs(dyads) == [("190", "RUSMIL", "SSD")]


def test_roles_sides_that_took_a_place_together_take_it_from_its_state():
    # "French and Malian troops seized the city of Timbuktu": allies, each seizing Mali's city
    candidate = Candidate(3, "192", (country("FRA", "MIL"), country("MLI", "MIL")), (), "verb:seize city[192]", 0.9,
                          "verb", object_lemma="city")
    dyads = _run(TALKS_IN_MOSCOW, [candidate], places=[Location("Timbuktu", "MLI", 16.77, -3.0)])
    assert _pairs(dyads) == [("192", "FRAMIL", "MLI"), ("192", "MLIMIL", "MLI")]


@pytest.mark.parametrize("place, target, expected, how", [
    # "A roadside bomb killed three soldiers" in Kandahar: an unnamed armed group of the place's country
    (Location("Kandahar", "AFG", 31.6, 65.7), country("AFG", "MIL", "three soldiers"), "AFGREB", "place"),
    # no place: armed groups fight where their targets are
    (None, country("AFG", "MIL", "three soldiers"), "AFGREB", "story"),
    # the actor code is CAMEO's for the country (ROM for Romania), as for every settled actor
    (Location("Bucharest", "ROU", 44.43, 26.1), country("ROU", "MIL", "three soldiers"), "ROMREB", "place"),
    # no place, and a target of no country: the attackers' country is not known
    (None, Actor("Red Cross", "ICRC", None, "NGO", "NGOICRC"), "---REB", "none"),
])
def test_roles_violence_by_an_actor_the_text_does_not_name(place, target, expected, how):
    candidate = Candidate(3, "180", (), (target,), "verb:kill[180] unnamed bomb→dobj", 0.8, "verb")
    [dyad] = _run(BOMB_KILLED_SOLDIERS, [candidate], places=[place])
    assert (dyad.source.code, dyad.source.sector, dyad.source.country_source) == (expected, "REB", how)
    assert dyad.source.text == "A roadside bomb"
    assert dyad.rule.endswith(f"→ source: unnamed, {how}")


def test_roles_only_violence_goes_without_a_named_actor():
    candidate = Candidate(3, "042", (), (country("AFG"),), "r", 0.8, "verb")
    assert _run(BOMB_KILLED_SOLDIERS, [candidate], places=[Location("Kandahar", "AFG", 31.6, 65.7)]) == []


def test_roles_a_visit_the_text_does_not_place_is_in_the_host_country():
    candidate = Candidate(3, "042", (country("RUS", "GOV"),), (country("JPN"),), "r", 0.9, "verb")
    [dyad] = _run(TALKS_IN_MOSCOW, [candidate])
    assert (dyad.location.name, dyad.location.country) == ("Japan", "JPN")


def test_roles_an_event_needs_a_dyad():
    candidate = Candidate(3, "042", (country("RUS", "GOV"),), (), "r", 0.9, "verb")
    assert _run(TALKS_IN_MOSCOW, [candidate]) == []


def test_roles_a_bare_nominal_mention_of_a_dated_event_is_not_a_new_one():
    visit = Candidate(3, "042", (country("RUS", "GOV"),), (country("JPN"),), "verb:visit[042]", 0.9, "verb")
    again = Candidate(4, "042", (country("RUS", "GOV"),), (country("JPN"),), "noun:visit[042]", 0.9, "noun")
    dates = [Dating(When("2015-05-18", "2015-05-18", "day", "on Monday"), True, None), PUBLICATION]
    verdicts = [Verdict(Status.PLANNED, "on Monday"), Verdict(Status.OCCURRED)]
    dyads = _run(TALKS_IN_MOSCOW, [visit, again], dates=dates, verdicts=verdicts)
    assert [(d.candidate, d.rule) for d in dyads] == [(0, "verb:visit[042]")]


def test_roles_one_event_per_sentence_dyad_code_and_status_the_most_confident():
    weak = Candidate(3, "042", (country("RUS", "GOV"),), (country("JPN"),), "weak", 0.5, "verb")
    strong = Candidate(4, "042", (country("RUS", "GOV"),), (country("JPN"),), "strong", 0.8, "noun")
    assert [(d.rule, d.confidence) for d in _run(TALKS_IN_MOSCOW, [weak, strong])] == [("strong", 0.8)]


def test_roles_say_where_a_settled_groups_country_came_from():
    candidate = Candidate(1, "141", (group("CVL", "Protesters"),), (), "verb:march[141]", 0.9, "verb")
    [dyad] = _run(PROTESTERS_IN_BUCHAREST, [candidate], places=[Location("Bucharest", "ROU", 44.43, 26.1)])
    assert dyad.source.country_source == "place"
    [dyad] = _run(PROTESTERS_IN_BUCHAREST, [candidate], home="UKR")
    assert dyad.source.country_source == "story"


def test_roles_keep_a_group_nothing_places_when_the_other_side_is_known():
    # "Militants accused the Nigerian army of abuses": the militants stay, as ---REB, their country unknown
    # (an attack would give them the country of the side attacked)
    militants = group("REB", "Militants")
    candidate = Candidate(1, "112", (militants,), (country("NGA", "MIL"),), "verb:accuse[112]", 0.9, "verb")
    [dyad] = _run(PROTESTERS_IN_BUCHAREST, [candidate])
    assert (dyad.source.code, dyad.source.country, dyad.source.country_source) == ("---REB", None, "none")
    assert dyad.target.code == "NGAMIL"



def test_roles_talking_to_the_press_is_no_event():
    # "Lavrov spoke to reporters in Moscow": the reporters are no party to a consultation, so nothing is left
    rows = [("Lavrov", 1, "nsubj", "PROPN", "NNP", "Lavrov", "B-PERSON"),
            ("spoke", 1, "ROOT", "VERB", "VBD", "speak", "O"),
            ("to", 1, "prep", "ADP", "IN", "to", "O"),
            ("reporters", 2, "pobj", "NOUN", "NNS", "reporter", "O"),
            ("in", 1, "prep", "ADP", "IN", "in", "O"),
            ("Moscow", 4, "pobj", "PROPN", "NNP", "Moscow", "B-GPE"),
            (".", 1, "punct", "PUNCT", ".", ".", "O")]
    press = Candidate(1, "040", (country("RUS", "GOV"),), (group("MED", "reporters"),), "verb:speak to[040]", 0.9,
                      "verb")
    assert _run(rows, [press], places=[MOSCOW], home="RUS") == []
    minister = Candidate(1, "040", (country("RUS", "GOV"),), (country("JPN", "GOV"),), "verb:speak to[040]", 0.9,
                         "verb")
    assert _pairs(_run(rows, [minister], places=[MOSCOW])) == [("040", "RUSGOV", "JPNGOV")]


@pytest.mark.parametrize("source, expected", [
    (country("CHN", "COP", "Hong Kong police"), "175"),  # police fired rubber bullets at protesters: repression
    (country("CHN", "REB", "militants"), "193"),         # others who fire on a crowd assault it
])
def test_roles_force_against_protesters_is_repression(source, expected):
    candidate = Candidate(1, "193", (source,), (group("CVL", "protesters"),), "verb:fire bullet[193]", 0.9, "verb")
    [dyad] = _run(PROTESTERS_IN_BUCHAREST, [candidate], places=[Location("Hong Kong", "CHN", 22.3, 114.2)])
    assert dyad.code == expected


@pytest.mark.parametrize("places, home, expected, how", [
    ([KABUL], None, "AFGREB", "place"),     # where the attack was
    (None, "SOM", "SOMREB", "story"),       # the story's country
    (None, "USA", "---REB", "none"),        # not the condemner's own country
    (None, None, "---REB", "none"),
])
def test_roles_the_unnamed_perpetrators_of_a_condemned_attack_are_of_its_country(places, home, expected, how):
    from hand_docs import CONDEMNS_BOMBINGS_IN_KANDAHAR

    attackers = Actor("bombings", "unnamed attackers", None, "REB", "REB", "none")
    candidate = Candidate(3, "111", (country("USA"),), (attackers,), "verb:condemn[111]", 0.8, "verb")
    dyads = _run(CONDEMNS_BOMBINGS_IN_KANDAHAR, [candidate], places=places, home=home)
    assert _pairs(dyads) == [("111", "USA", expected)]
    assert dyads[0].target.country_source == how


def test_roles_the_unnamed_authorities_take_the_country_of_the_place():
    from hand_docs import UNION_LEADERS_DETAINED

    authorities = Actor("the authorities", "unnamed authorities", None, "COP", "COP", "none")
    leaders = Actor("Union leaders", "leader", None, "LAB", "LAB")
    candidate = Candidate(3, "173", (authorities,), (leaders,), "verb:detain[173]", 0.8, "verb")
    conakry = Location("Conakry", "GIN", 9.54, -13.68)
    assert _pairs(_run(UNION_LEADERS_DETAINED, [candidate], places=[conakry])) == [("173", "GINCOP", "GINLAB")]
    # no place: the union leaders are of the story's country, and so are the authorities who detained them
    assert _pairs(_run(UNION_LEADERS_DETAINED, [candidate], home="GIN")) == [("173", "GINCOP", "GINLAB")]


def test_roles_a_transnational_group_is_of_the_country_it_fights_in():
    isil = Actor("ISIL", "Islamic State", None, "REB", "IMGREB", "none")
    candidate = Candidate(3, "195", (country("USA", "MIL"),), (isil,), "verb:conduct airstrike[195]", 0.8, "verb")
    iraq = Location("Iraq", "IRQ", 33.2, 43.7)
    [dyad] = _run(TALKS_IN_MOSCOW, [candidate], places=[iraq])
    assert (dyad.target.code, dyad.target.country, dyad.target.key, dyad.target.country_source) == (
        "IMGREB", "IRQ", "IRQ", "place")
    [dyad] = _run(TALKS_IN_MOSCOW, [candidate])  # no place: no country
    assert (dyad.target.country, dyad.target.key) == (None, "IMGREB")
