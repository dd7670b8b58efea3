"""Article-level figures on hand-made gold articles and predictions (no model, no corpus)."""

from __future__ import annotations

import pytest

from evaluation_fixtures import record
from tacitus.evaluation import matching
from tacitus.evaluation.corpus import GoldArticle
from tacitus.evaluation.metrics import evaluate, normalise_headline
from tacitus.evaluation.records import Prediction


def _gold(records=(), article="a1", headline="Talks Held", published="2023-11-02", negative=False):
    return GoldArticle(article, headline, published, negative, tuple(records))


def _prediction(records=(), article="a1", headline="Talks Held", published="2023-11-02"):
    return Prediction(article, headline, published, tuple(records))


def test_metrics_perfect_prediction_scores_one():
    gold = [_gold([record(), record(index=1, code="042")])]
    result = evaluate(gold, {"a1": _prediction([record(), record(index=1, code="042")])})
    assert (result.records.precision, result.records.recall, result.records.f1) == (1.0, 1.0, 1.0)
    assert result.errors == ()


def test_metrics_background_is_out_of_recall_and_matching_it_is_not_a_false_event():
    history = record(index=1, code="042", background=True, start="2014-01-01", end="2014-01-01")
    gold = [_gold([record(), history])]
    result = evaluate(gold, {"a1": _prediction([record(), record(index=1, code="042", start="2014-01-01",
                                                                 end="2014-01-01")])})
    counts = result.records
    assert (counts.true_positives, counts.false_positives, counts.false_negatives) == (1, 0, 0)
    assert result.set_aside == 1


def test_metrics_negative_article_events_are_false():
    result = evaluate([_gold(negative=True)], {"a1": _prediction([record()])})
    assert (result.records.false_positives, result.records.precision) == (1, 0.0)
    assert result.causes()[matching.NOT_AN_EVENT] == (0, 1)


def test_metrics_missing_prediction_is_an_empty_one():
    result = evaluate([_gold([record()])], {})
    assert result.records.recall == 0.0 and result.published.missing == 1


def test_metrics_detection_ignores_status_and_date():
    result = evaluate([_gold([record()])], {"a1": _prediction([record(status="planned", start="2020-01-01",
                                                                     end="2020-01-01")])})
    assert (result.records.recall, result.detection.recall) == (0.0, 1.0)
    assert (result.fields["status"].share, result.fields["date"].share) == (0.0, 0.0)


def test_metrics_date_right_when_within_the_gold_window():
    gold = [_gold([record(start="2023-11-01", end="2023-11-30")])]
    result = evaluate(gold, {"a1": _prediction([record(start="2023-11-02", end="2023-11-02")])})
    assert (result.fields["date"].right, result.fields["date"].total) == (1, 1)


def test_metrics_undated_gold_is_not_counted_for_the_date():
    result = evaluate([_gold([record(start=None, end=None)])], {"a1": _prediction([record()])})
    assert result.fields["date"].total == 0


def test_metrics_actors_on_found_events_with_sectors_where_the_country_is_right():
    gold = [_gold([record("USA", "RUS", source_sector="GOV", target_sector="MIL")])]
    predicted = record("GBR", "RUS", source_sector="GOV", target_sector="GOV")
    result = evaluate(gold, {"a1": _prediction([predicted])})
    fields = result.fields
    assert (fields["source country"].share, fields["target country"].share) == (0.0, 1.0)
    assert (fields["source sector"].total, fields["target sector"].share) == (0, 0.0)


def test_metrics_mutual_event_actors_read_in_the_better_direction():
    gold = [_gold([record("USA", "CHN", code="046", target_sector="GOV")])]
    result = evaluate(gold, {"a1": _prediction([record("CHN", "USA", code="046", target_sector="GOV")])})
    assert result.fields["source country"].share == 1.0 and result.records.recall == 1.0


def test_metrics_place_country_and_name():
    gold = [_gold([record(place=("Kherson region", "UKR"))])]
    result = evaluate(gold, {"a1": _prediction([record(place=("Kherson", "UKR"))])})
    assert (result.fields["place country"].share, result.fields["place name"].share) == (1.0, 1.0)


@pytest.mark.parametrize(("gold", "predicted", "field"), [
    ("2023-11-02", "2023-11-02", "right"),
    ("2023-11-02", None, "missing"),
    ("2023-11-02", "2023-11-01", "wrong"),
    (None, None, "absent_none"),
    (None, "2023-11-01", "absent_wrong"),
])
def test_metrics_publication_date(gold, predicted, field):
    result = evaluate([_gold(published=gold)], {"a1": _prediction(published=predicted)})
    assert getattr(result.published, field) == 1


def test_metrics_headline_compared_normalised():
    result = evaluate([_gold(headline="U.S. ‘Condemns’ Strike — Officials")],
                      {"a1": _prediction(headline="  u.s. 'condemns' strike - officials.")})
    assert result.headline.right == 1


def test_metrics_normalise_headline():
    assert normalise_headline("“Kyiv  Says”…") == normalise_headline('"kyiv says"...')


def test_metrics_per_root_table():
    gold = [_gold([record(code="111"), record(index=1, code="042")])]
    result = evaluate(gold, {"a1": _prediction([record(code="111"), record(index=1, code="190", mention="X.")])})
    assert (result.roots["11"].matched, result.roots["04"].recall) == (1, 0.0)
    assert (result.roots["19"].predicted, result.roots["19"].precision) == (1, 0.0)


def test_metrics_reliability_bins_by_confidence():
    gold = [_gold([record()])]
    result = evaluate(gold, {"a1": _prediction([record(confidence=0.95),
                                                record(index=1, code="042", confidence=0.3)])})
    by_high = {b.high: (b.predictions, b.correct) for b in result.reliability}
    assert (by_high[1.0], by_high[0.5]) == ((1, 1), (1, 0))


def test_metrics_figures_for_floors():
    result = evaluate([_gold([record()])], {"a1": _prediction([record()])})
    assert set(result.figures()) == {"record_precision", "record_recall", "record_f1", "detection_recall",
                                     "published_right", "headline_right"}


def test_metrics_metadata_errors_listed():
    result = evaluate([_gold(headline="Talks Held", published=None)],
                      {"a1": _prediction(headline="Menu", published="2023-01-01")})
    assert [(e.field, e.gold, e.predicted) for e in result.metadata_errors] == [
        ("publication date", None, "2023-01-01"), ("headline", "Talks Held", "Menu")]
