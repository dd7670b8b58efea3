"""Tests of bench/evaluate.py (the PLOVER benchmark) with hand-made records and a stub coder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tacitus.scoring import Counts

_SPEC = importlib.util.spec_from_file_location(
    "bench_evaluate", Path(__file__).resolve().parents[1] / "bench" / "evaluate.py"
)
evaluate_script = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = evaluate_script  # dataclasses look their module up there
_SPEC.loader.exec_module(evaluate_script)


def _actor(code):
    return {"text": code, "code": code, "sector": ""}


def _record(text, sources, targets, kind="SANCTION", reciprocal=False):
    event = {"source": [_actor(c) for c in sources], "target": [_actor(c) for c in targets],
             "code": "OLD", "code_plover_v08": kind, "reciprocal": reciprocal}
    return {"text": text, "date": None, "events": [event], "negative": False}


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (_record("a", ["USA"], ["RUS"]), [("SANCTION", "USA", "RUS")]),
        (_record("b", ["USA"], ["RUS", "IRN"]), [("SANCTION", "USA", "RUS"), ("SANCTION", "USA", "IRN")]),
        (_record("c", ["FRA"], []), [("SANCTION", "FRA", None)]),
        (_record("d", ["JAP"], ["VTN"]), [("SANCTION", "JPN", "VNM")]),
    ],
)
def test_gold_items_expand_pairs(record, expected):
    assert evaluate_script.gold_items(record) == expected


def test_gold_items_reciprocal_without_target_pairs_the_sources():
    items = evaluate_script.gold_items(_record("e", ["USA", "JOR"], [], kind="AGREE", reciprocal=True))
    both = frozenset({("AGREE", "USA", "JOR"), ("AGREE", "JOR", "USA")})
    assert items == [both, both]


def test_gold_items_falls_back_to_old_code_name():
    record = _record("f", ["USA"], ["RUS"])
    record["events"][0]["code_plover_v08"] = None
    assert evaluate_script.gold_items(record) == [("OLD", "USA", "RUS")]


def _event(plover, source, target):
    def actor(code):
        if code is None:
            return None
        return SimpleNamespace(country=None if code.startswith("IGO") else code, code=code)

    return SimpleNamespace(plover=plover, source=actor(source), target=actor(target))


def _stub(answers):
    def code_text(text, published=None):
        return SimpleNamespace(document=SimpleNamespace(status="coded"), events=tuple(answers.get(text, ())))

    return code_text


def test_predicted_keys_skip_events_without_plover_and_shorten_igo_codes():
    article = SimpleNamespace(events=(_event(None, "JPN", "RUS"), _event("consult", "IGOUNO", "SYR")))
    assert evaluate_script.predicted_keys(article) == [("CONSULT", "IGO", "SYR")]


def test_evaluate_scores_events_and_types():
    records = [_record("a", ["USA"], ["RUS"]), _record("b", ["JOR", "GBR"], [], kind="AGREE", reciprocal=True)]
    coder = _stub({
        "a": [_event("SANCTION", "USA", "IRN")],
        "b": [_event("AGREE", "GBR", "JOR"), _event("AGREE", "JOR", "GBR")],
    })
    result = evaluate_script.evaluate(records, coder)
    assert result.events.counts == Counts(true_positives=2, false_positives=1, false_negatives=1)
    assert result.types.counts == Counts(true_positives=2, false_positives=0, false_negatives=0)
    assert "SANCTION" in evaluate_script.render(result, by_type=True)


def test_evaluate_counts_rejected_documents():
    def rejecting(text, published=None):
        return SimpleNamespace(document=SimpleNamespace(status="rejected"), events=())

    result = evaluate_script.evaluate([_record("a", ["USA"], ["RUS"])], rejecting)
    assert result.rejected == 1
    assert result.events.counts == Counts(0, 0, 1)


def test_main_missing_file_exits_2(tmp_path, capsys):
    assert evaluate_script.main([str(tmp_path / "absent.jsonl")]) == 2
    assert "not found" in capsys.readouterr().err
