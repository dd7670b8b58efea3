"""Gold annotations and coded events as comparable records: actor keys, dates, mutual codes, mirrors."""

from __future__ import annotations

import pytest

from evaluation_fixtures import record
from tacitus.evaluation.records import actor_key, date_within, dates_overlap, gold_records, predicted_records, same_dyad
from tacitus.model import Actor, Event, Location, When


def _actor(country, sector=None, code=None):
    return Actor("words", "name", country, sector, code or f"{country or ''}{sector or ''}" or "UNK")


def _event(source, target, code="046", sentence="They met.", rule="r"):
    return Event("d", "e", code, code[:2], "label", 1, 1.0, None, "occurred", source, target,
                 When("2023-11-02", "2023-11-02", "day"), Location("Geneva", "CHE"), sentence, (0, 1), "met",
                 (0, 1), rule, 0.8)


@pytest.mark.parametrize(("actor", "key"), [
    (_actor("JPN", "GOV"), "JPN"),
    (_actor(None, "IGO", "IGOUNO"), "IGOUNO"),
    (_actor(None, "NGO", "NGOAI"), "NGOAI"),
    (_actor(None, "REB"), "---"),
    (None, None),
])
def test_records_actor_key(actor, key):
    assert actor_key(actor) == key


def test_records_reciprocal_codes_come_from_the_lexicon():
    assert same_dyad(record("USA", "CHN", code="046"), record("CHN", "USA", code="046"))
    assert same_dyad(record("USA", "CHN", code="190"), record("CHN", "USA", code="190"))
    assert not same_dyad(record("USA", "CHN", code="163"), record("CHN", "USA", code="163"))


def test_records_mutual_needs_a_target_to_swap():
    assert not same_dyad(record("USA", None, code="046"), record("---", "USA", code="046"))


@pytest.mark.parametrize(("gold", "predicted", "overlap", "within"), [
    (("2023-11-02", "2023-11-02"), ("2023-11-02", "2023-11-02"), True, True),
    (("2023-11-01", "2023-11-30"), ("2023-11-02", "2023-11-02"), True, True),
    (("2023-11-02", "2023-11-02"), ("2023-11-01", "2023-11-30"), True, False),
    ((None, "2023-12-31"), ("2023-06-01", "2023-06-30"), True, True),
    (("2023-11-02", "2023-11-02"), (None, None), True, False),
    (("2023-11-02", "2023-11-02"), ("2023-11-03", "2023-11-04"), False, False),
    ((None, None), ("2020-01-01", "2020-01-01"), True, True),
])
def test_records_date_windows(gold, predicted, overlap, within):
    g, p = record(start=gold[0], end=gold[1]), record(start=predicted[0], end=predicted[1])
    assert (dates_overlap(g, p), date_within(g, p)) == (overlap, within)


def test_records_gold_record_fields():
    (gold,) = gold_records("a1", [{
        "source": {"text": "Russian shelling", "country": "RUS", "sector": "MIL"},
        "target": None, "code": "194", "root": "19", "status": "occurred",
        "date": None, "place": {"name": "Kherson", "country": "UKR"},
        "mentions": ["Shelling  killed\ntwo."], "background": False}])
    assert (gold.dyad, gold.start, gold.end, gold.place_country, gold.mentions) == (
        ("RUS", None), None, None, "UKR", ("Shelling killed two.",))


def test_records_mirror_of_a_mutual_event_is_one_prediction():
    usa, chn = _actor("USA", "GOV"), _actor("CHN", "GOV")
    kept = predicted_records("a1", [_event(usa, chn), _event(chn, usa)])
    assert [r.dyad for r in kept] == [("USA", "CHN")]


def test_records_directed_events_both_ways_are_two_predictions():
    usa, chn = _actor("USA", "GOV"), _actor("CHN", "GOV")
    assert len(predicted_records("a1", [_event(usa, chn, "111"), _event(chn, usa, "111")])) == 2


def test_records_mirror_from_another_sentence_is_kept():
    usa, chn = _actor("USA", "GOV"), _actor("CHN", "GOV")
    assert len(predicted_records("a1", [_event(usa, chn), _event(chn, usa, sentence="Again.")])) == 2
