"""Event dates through the whole pipeline: the page snippets of tests/data/event_date_cases.yaml (issue 10, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import tacitus

CASES = yaml.safe_load((Path(__file__).parent / "data" / "event_date_cases.yaml").read_text(encoding="utf-8"))


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def test_event_date_cases_are_well_formed() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert case["events"] and all({"code", "start", "end", "precision"} <= set(e) for e in case["events"])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_event_dates(case: dict) -> None:
    article = tacitus.code_text(case["text"], published=_iso(case["published"]))
    for expected in case["events"]:
        coded = [e for e in article.events if e.code == expected["code"]
                 and e.sentence.startswith(expected.get("sentence", ""))]
        assert coded, f"no {expected['code']} event coded"
        want = (_iso(expected["start"]), _iso(expected["end"]), expected["precision"],
                expected.get("background", False))
        assert {(e.date.start, e.date.end, e.date.precision, e.background) for e in coded} == {want}
