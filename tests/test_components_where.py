"""The place component on hand-built Docs: the candidates are set by hand."""

from hand_docs import PROTESTERS_IN_BUCHAREST, TALKS_IN_MOSCOW, WILL_NOT_VISIT, country, group, make_doc

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
