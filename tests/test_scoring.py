"""Unit tests of tacitus.scoring with hand-made gold and predicted keys."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tacitus.scoring import Counts, actor_key, event_key, match, score, status_accuracy

JPN_RUS = ("JPN", "RUS", "04", "planned")
RUS_JPN = ("RUS", "JPN", "04", "planned")
USA_RUS = ("USA", "RUS", "16", "occurred")
EU_RUS = ("IGOEU", "RUS", "16", "occurred")


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (Counts(2, 0, 0), 1.0, 1.0, 1.0),
        (Counts(1, 1, 2), 0.5, 1 / 3, 0.4),
        (Counts(0, 3, 0), 0.0, 1.0, 0.0),
        (Counts(0, 0, 0), 1.0, 1.0, 1.0),
        (Counts(0, 0, 4), 1.0, 0.0, 0.0),
    ],
)
def test_counts_ratios(counts, precision, recall, f1):
    assert counts.precision == pytest.approx(precision)
    assert counts.recall == pytest.approx(recall)
    assert counts.f1 == pytest.approx(f1)


def test_counts_add():
    assert Counts(1, 2, 3) + Counts(4, 5, 6) == Counts(5, 7, 9)


def test_score_perfect():
    gold = [[JPN_RUS, RUS_JPN], [], [USA_RUS]]
    scores = score(gold, [list(g) for g in gold])
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert scores.worst() == []


def test_score_micro_over_sentences():
    gold = [[JPN_RUS, RUS_JPN], [USA_RUS, EU_RUS]]
    predicted = [[JPN_RUS], [USA_RUS, ("USA", "IRN", "16", "occurred")]]
    scores = score(gold, predicted)
    assert scores.counts == Counts(true_positives=2, false_positives=1, false_negatives=2)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 4)


def test_score_is_per_sentence():
    # The same key in another sentence does not match.
    scores = score([[USA_RUS], []], [[], [USA_RUS]])
    assert scores.counts == Counts(0, 1, 1)


def test_score_multiset_counts_duplicates():
    scores = score([[USA_RUS]], [[USA_RUS, USA_RUS]])
    assert scores.counts == Counts(1, 1, 0)


def test_score_negative_sentence_with_prediction_is_false_positive():
    scores = score([[]], [[USA_RUS]])
    assert scores.counts == Counts(0, 1, 0)
    assert scores.recall == 1.0
    assert scores.precision == 0.0


def test_score_alternatives_match_either_direction():
    either = frozenset([JPN_RUS, RUS_JPN])
    assert score([[either]], [[RUS_JPN]]).counts == Counts(1, 0, 0)
    assert score([[either]], [[JPN_RUS]]).counts == Counts(1, 0, 0)


def test_match_is_maximum_not_greedy():
    # Greedy would give the first gold item the only key the second can use.
    gold = [frozenset([JPN_RUS, RUS_JPN]), JPN_RUS]
    assert len(match(gold, [JPN_RUS, RUS_JPN])) == 2


def test_score_group_breakdown():
    gold = [[JPN_RUS, USA_RUS]]
    predicted = [[JPN_RUS, ("CHN", "USA", "11", "occurred")]]
    scores = score(gold, predicted, group=lambda key: key[2])
    assert scores.by_group == {
        "04": Counts(1, 0, 0),
        "11": Counts(0, 1, 0),
        "16": Counts(0, 0, 1),
    }


def test_score_items_report_missed_and_spurious():
    scores = score([[JPN_RUS], [USA_RUS, EU_RUS]], [[JPN_RUS], [("GBR", "RUS", "16", "occurred")]])
    worst = scores.worst()
    assert [item.index for item in worst] == [1]
    assert set(worst[0].missed) == {USA_RUS, EU_RUS}
    assert worst[0].spurious == (("GBR", "RUS", "16", "occurred"),)
    assert worst[0].errors == 3


def test_score_rejects_unequal_lengths():
    with pytest.raises(ValueError, match="sentences"):
        score([[JPN_RUS]], [])


def test_status_accuracy_counts_matches_without_status():
    gold = [[JPN_RUS, ("USA", "RUS", "16", "planned")], [EU_RUS]]
    predicted = [
        [("JPN", "RUS", "04", "occurred"), ("USA", "RUS", "16", "planned")],
        [("IGOEU", "RUS", "17", "occurred")],
    ]
    assert status_accuracy(gold, predicted) == (1, 2)


def test_status_accuracy_prefers_exact_pairs():
    gold = [[("JPN", "RUS", "04", "planned"), ("JPN", "RUS", "04", "occurred")]]
    predicted = [[("JPN", "RUS", "04", "occurred"), ("JPN", "RUS", "04", "planned")]]
    assert status_accuracy(gold, predicted) == (2, 2)


def _actor(country, code):
    return SimpleNamespace(country=country, code=code)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        (_actor("JPN", "JPNGOV"), "JPN"),
        (_actor(None, "IGOG7"), "IGOG7"),
        (None, None),
    ],
)
def test_actor_key(actor, expected):
    assert actor_key(actor) == expected


def test_event_key():
    event = SimpleNamespace(
        source=_actor("JPN", "JPNGOV"), target=_actor(None, "IGOEU"), root="04", status="planned"
    )
    assert event_key(event) == ("JPN", "IGOEU", "04", "planned")
