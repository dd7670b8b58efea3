"""The article-level match and the cause of every error, on hand-made records."""

from __future__ import annotations

import pytest

from evaluation_fixtures import record
from tacitus.evaluation import matching
from tacitus.evaluation.matching import match_article


def _causes(outcome) -> tuple[list[str], list[str]]:
    return [e.cause for e in outcome.misses], [e.cause for e in outcome.false_events]


def test_matching_same_record_matches():
    outcome = match_article([record()], [record()])
    assert len(outcome.matched) == 1 and _causes(outcome) == ([], [])


def test_matching_mutual_code_matches_either_direction():
    gold = record("USA", "CHN", code="046")
    outcome = match_article([gold], [record("CHN", "USA", code="046")])
    assert len(outcome.matched) == 1


def test_matching_directed_code_needs_the_direction():
    outcome = match_article([record("USA", "RUS", code="111")], [record("RUS", "USA", code="111")])
    assert outcome.matched == ()
    assert _causes(outcome) == ([matching.WRONG_TARGET], [matching.WRONG_TARGET])


@pytest.mark.parametrize(("start", "end"), [(None, None), (None, "2023-11-05"), ("2023-11-01", None),
                                            ("2023-10-01", "2023-11-02")])
def test_matching_open_or_overlapping_date_bounds_match(start, end):
    assert len(match_article([record()], [record(start=start, end=end)]).matched) == 1


def test_matching_open_gold_bound_matches_a_later_date():
    gold = record(start=None, end="2023-12-31")
    assert len(match_article([gold], [record(start="2023-06-01", end="2023-06-01")]).matched) == 1


def test_matching_is_one_to_one_and_the_second_is_a_duplicate():
    outcome = match_article([record()], [record(index=0), record(index=1, mention="Another.")])
    assert len(outcome.matched) == 1
    assert _causes(outcome) == ([], [matching.DUPLICATE])


def test_matching_takes_the_pair_that_agrees_best():
    gold = [record(code="111", index=0), record(code="112", index=1)]
    predicted = [record(code="112", index=0), record(code="111", index=1)]
    outcome = match_article(gold, predicted)
    assert sorted((p.gold.code, p.predicted.code) for p in outcome.matched) == [("111", "111"), ("112", "112")]


def test_matching_background_match_is_neither_right_nor_wrong():
    gold = record(background=True, start="2014-03-18", end="2014-03-18")
    outcome = match_article([gold], [record(start="2014-03-18", end="2014-03-18")])
    assert len(outcome.background) == 1
    assert (outcome.matched, outcome.misses, outcome.false_events) == ((), (), ())


def test_matching_background_record_unmatched_is_not_a_miss():
    assert match_article([record(background=True)], []).misses == ()


def test_matching_background_dyad_with_todays_date_is_background_or_history():
    gold = record(background=True, start="2014-03-18", end="2014-03-18")
    outcome = match_article([gold], [record(start="2023-11-02", end="2023-11-02")])
    assert _causes(outcome) == ([], [matching.BACKGROUND])


def test_matching_news_record_is_matched_before_background():
    news = record(index=0)
    history = record(index=1, background=True, start=None, end=None)
    outcome = match_article([history, news], [record()])
    assert [p.gold.background for p in outcome.matched] == [False]


def test_matching_every_event_on_a_negative_article_is_not_an_event():
    outcome = match_article([], [record(), record(index=1, code="042")])
    assert _causes(outcome) == ([], [matching.NOT_AN_EVENT, matching.NOT_AN_EVENT])


def test_matching_nothing_predicted_is_no_trigger():
    assert _causes(match_article([record()], [])) == ([matching.NO_TRIGGER], [])


def test_matching_wrong_status_explains_both_sides():
    outcome = match_article([record(status="planned")], [record(status="occurred")])
    assert _causes(outcome) == ([matching.WRONG_STATUS], [matching.WRONG_STATUS])
    assert outcome.misses[0].predicted is outcome.false_events[0].predicted


def test_matching_wrong_date():
    outcome = match_article([record()], [record(start="2023-10-01", end="2023-10-01")])
    assert _causes(outcome) == ([matching.WRONG_DATE], [matching.WRONG_DATE])


def test_matching_unresolved_actor():
    outcome = match_article([record("USA", "RUS")], [record("---", "RUS")])
    assert _causes(outcome) == ([matching.ACTOR_UNRESOLVED], [matching.ACTOR_UNRESOLVED])


def test_matching_unresolved_needs_a_shared_sentence():
    outcome = match_article([record("USA", "RUS")], [record("---", "RUS", mention="Elsewhere.")])
    assert _causes(outcome) == ([matching.NO_TRIGGER], [matching.NOT_AN_EVENT])


def test_matching_wrong_source():
    outcome = match_article([record("USA", "RUS")], [record("GBR", "RUS")])
    assert _causes(outcome) == ([matching.WRONG_SOURCE], [matching.WRONG_SOURCE])


@pytest.mark.parametrize("target", ["CHN", None])
def test_matching_wrong_or_missing_target(target):
    outcome = match_article([record("USA", "RUS")], [record("USA", target)])
    assert _causes(outcome) == ([matching.WRONG_TARGET], [matching.WRONG_TARGET])


def test_matching_extra_target_is_a_wrong_target():
    outcome = match_article([record("USA", None, code="173")], [record("USA", "RUS", code="173")])
    assert _causes(outcome) == ([matching.WRONG_TARGET], [matching.WRONG_TARGET])


def test_matching_wrong_root():
    outcome = match_article([record(code="111")], [record(code="042")])
    assert _causes(outcome) == ([matching.WRONG_ROOT], [matching.WRONG_ROOT])


def test_matching_sentence_contained_in_a_mention_is_shared():
    gold = record("USA", "RUS", mention="First part. Second part.")
    outcome = match_article([gold], [record("GBR", "RUS", mention="Second part.")])
    assert _causes(outcome) == ([matching.WRONG_SOURCE], [matching.WRONG_SOURCE])


def test_matching_repeat_of_a_false_event_is_a_duplicate():
    outcome = match_article([], [record(index=0), record(index=1, mention="Again.")])
    assert _causes(outcome) == ([], [matching.NOT_AN_EVENT, matching.DUPLICATE])


def test_matching_same_dyad_and_root_as_a_matched_record_is_a_duplicate_whatever_its_date():
    outcome = match_article([record()], [record(index=0), record(index=1, start="2020-01-01", end="2020-01-01")])
    assert _causes(outcome) == ([], [matching.DUPLICATE])


def test_matching_explanations_need_a_sentence_that_reports_the_event():
    outcome = match_article([record(status="planned")], [record(status="occurred", mention="Elsewhere.")])
    assert _causes(outcome) == ([matching.NO_TRIGGER], [matching.NOT_AN_EVENT])


def test_matching_same_dyad_and_root_as_a_record_explained_by_another_root_is_not_a_duplicate():
    gold = record(code="166")
    outcome = match_article([gold], [record(code="174", index=0), record(code="161", index=1, mention="Other.",
                                                                     start="2020-01-01", end="2020-01-01")])
    assert _causes(outcome) == ([matching.WRONG_ROOT], [matching.WRONG_ROOT, matching.NOT_AN_EVENT])


def test_matching_same_dyad_and_root_as_a_record_explained_by_a_wrong_status_is_a_duplicate():
    outcome = match_article([record()], [record(status="planned", index=0),
                                         record(status="planned", index=1, mention="Other.")])
    assert _causes(outcome) == ([matching.WRONG_STATUS], [matching.WRONG_STATUS, matching.DUPLICATE])


def test_matching_second_telling_of_a_matched_background_event_is_background():
    history = record(background=True, start="2014-03-18", end="2014-03-18")
    outcome = match_article([history], [record(index=0, start="2014-03-18", end="2014-03-18"),
                                        record(index=1, mention="Later.")])
    assert len(outcome.background) == 1 and _causes(outcome) == ([], [matching.BACKGROUND])
