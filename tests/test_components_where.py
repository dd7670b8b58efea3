"""The place component on hand-built Docs: the candidates are set by hand."""

import pytest

from hand_docs import PROTESTERS_IN_BUCHAREST, TALKS_IN_MOSCOW, WILL_NOT_VISIT, country, group, make_doc, mention

from tacitus.components.candidate import Candidate
from tacitus.components.places import PlaceResolver
from tacitus.model import Location

WHERE = PlaceResolver("tacitus_where")


def test_where_a_place_the_trigger_governs_has_coordinates():
    doc = make_doc(TALKS_IN_MOSCOW)
    doc._.tacitus_candidates = [Candidate(3, "040", (country("JPN"), country("RUS")), (), "r", 0.8, "verb")]
    assert WHERE(doc)._.tacitus_places == [Location("Moscow", "RUS", 55.76, 37.62)]


def test_where_a_city_the_gazetteer_knows_keeps_its_iso_country():
    doc = make_doc(PROTESTERS_IN_BUCHAREST)
    doc._.tacitus_candidates = [Candidate(1, "141", (group("CVL", "Protesters"),), (), "r", 0.8, "verb")]
    assert WHERE(doc)._.tacitus_places == [Location("Bucharest", "ROU", 44.43, 26.1)]


def test_where_a_visit_without_a_place_has_none_here():
    # the host country of a visit follows from the dyad: the roles component's to decide
    doc = make_doc(WILL_NOT_VISIT)
    doc._.tacitus_candidates = [Candidate(3, "042", (country("RUS", "GOV"),), (country("JPN"),), "r", 0.8, "verb")]
    assert WHERE(doc)._.tacitus_places == [None]


# -- the cities of GeoNames behind the gazetteer -------------------------------------------------------------------
def _marched_in(*place: tuple[str, str, str, str]) -> list:
    """ "Protesters marched in <place> ." with the place's tokens as (text, dep, pos, ent IOB); the last heads them."""
    rows = [("Protesters", 1, "nsubj", "NOUN", "NNS", "protester", "O"),
            ("marched", 1, "ROOT", "VERB", "VBD", "march", "O"),
            ("in", 1, "prep", "ADP", "IN", "in", "O")]
    last = 2 + len(place)
    for i, (text, dep, pos, ent) in enumerate(place, 3):
        rows.append((text, 2 if i == last else last, dep, pos, "NNP", text, ent))
    return rows + [(".", 1, "punct", "PUNCT", ".", ".", "O")]


def _where(rows: list, **extensions) -> Location | None:
    doc = make_doc(rows, **extensions)
    doc._.tacitus_candidates = [Candidate(1, "141", (group("CVL", "Protesters"),), (), "r", 0.8, "verb")]
    return WHERE(doc)._.tacitus_places[0]


def test_where_a_city_of_geonames_tagged_as_a_place_has_coordinates_and_country():
    location = _where(_marched_in(("Nantes", "pobj", "PROPN", "B-GPE")))
    assert (location.name, location.country) == ("Nantes", "FRA") and location.lat == pytest.approx(47.2, abs=0.1)


def test_where_a_city_of_a_common_word_is_no_place_on_its_own():
    assert _where(_marched_in(("Reading", "pobj", "PROPN", "B-GPE"))) is None


def test_where_a_city_of_a_common_word_is_a_place_with_its_country_after_a_comma():
    rows = _marched_in(("Reading", "pobj", "PROPN", "B-GPE"))
    rows[4:4] = [(",", 3, "punct", "PUNCT", ",", ",", "O"), ("England", 3, "appos", "PROPN", "NNP", "England",
                                                              "B-GPE")]
    assert _where(rows).country == "GBR"


def test_where_a_person_named_like_a_city_is_no_place():
    assert _where(_marched_in(("Jackson", "pobj", "PROPN", "B-PERSON"))) is None


def test_where_an_untagged_small_city_needs_the_text_to_say_it_is_one():
    assert _where(_marched_in(("Mosul", "pobj", "PROPN", "O"))) is not None  # over 100,000 people
    assert _where(_marched_in(("Bor", "pobj", "PROPN", "O"))) is None


def test_where_the_town_of_a_city_places_it_even_untagged():
    rows = [("Protesters", 1, "nsubj", "NOUN", "NNS", "protester", "O"),
            ("marched", 1, "ROOT", "VERB", "VBD", "march", "O"),
            ("in", 1, "prep", "ADP", "IN", "in", "O"),
            ("the", 4, "det", "DET", "DT", "the", "O"),
            ("town", 2, "pobj", "NOUN", "NN", "town", "O"),
            ("of", 4, "prep", "ADP", "IN", "of", "O"),
            ("El", 7, "compound", "PROPN", "NNP", "El", "O"),
            ("Geneina", 5, "pobj", "PROPN", "NNP", "Geneina", "O"),
            (".", 1, "punct", "PUNCT", ".", ".", "O")]
    location = _where(rows)
    assert location.country == "SDN" and location.lat is not None


def test_where_an_ambiguous_city_is_read_in_the_story_country():
    rows = _marched_in(("Reading", "pobj", "PROPN", "B-GPE"))
    rows[4:4] = [(",", 3, "punct", "PUNCT", ",", ",", "O"), ("Pennsylvania", 3, "appos", "PROPN", "NNP",
                                                              "Pennsylvania", "B-GPE")]
    # "Pennsylvania" is no country: the story's country decides between the towns named Reading
    assert _where(rows, tacitus_home_country="USA") is None  # a common word, and no country after the comma
    location = _where(_marched_in(("Portsmouth", "pobj", "PROPN", "B-GPE")), tacitus_home_country="USA")
    assert location.country == "USA"


def test_where_a_small_town_abroad_is_no_place_of_the_sentence_actors_event():
    rows = _marched_in(("Borna", "pobj", "PROPN", "B-GPE"))
    assert _where(rows).country == "DEU"
    nigerians = [mention(make_doc(rows), 0, country("NGA", "CVL"))]
    assert _where(rows, tacitus_mentions=nigerians) is None


def test_where_a_condemned_attack_is_placed_by_its_own_clause_and_a_named_city():
    # "condemns the bombings that occurred in Kandahar City": the object's clause, "Kandahar" + "City"
    from hand_docs import CONDEMNS_BOMBINGS_IN_KANDAHAR

    doc = make_doc(CONDEMNS_BOMBINGS_IN_KANDAHAR)
    doc._.tacitus_candidates = [Candidate(3, "111", (country("USA"),), (), "r", 0.8, "verb")]
    [place] = WHERE(doc)._.tacitus_places
    assert (place.name, place.country) == ("Kandahar", "AFG")
