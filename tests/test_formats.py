"""Tests of tacitus.formats: every output format says how each document was dated."""

from __future__ import annotations

import csv
import io
import json

import pytest

from store_fixtures import make_event
from tacitus.formats import write
from tacitus.model import Article, Document


def _articles() -> list[Article]:
    dated = Document(id="d1", source="d1.txt", text="Body.", title="Leaders meet", published="2016-12-15",
                     published_source="byline")
    undated = Document(id="d2", source="d2.txt", text="Body.", title="Talks go on")
    return [Article(dated, (make_event("d1", "JPN", "RUS", "042", start="2016-12-15"),)),
            Article(undated, (make_event("d2", "RUS", "JPN", "057", precision="unknown"),))]


def _written(fmt: str) -> str:
    out = io.StringIO()
    write(_articles(), out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "documents"])
def test_formats_json_lines_carry_the_published_source(fmt: str) -> None:
    rows = [json.loads(line) for line in _written(fmt).splitlines()]
    assert [(row["published"], row["published_source"]) for row in rows] == [("2016-12-15", "byline"),
                                                                             (None, "none")]


def test_formats_csv_carries_the_published_source() -> None:
    rows = list(csv.DictReader(io.StringIO(_written("csv"))))
    assert [(row["published"], row["published_source"], row["date_precision"]) for row in rows] == [
        ("2016-12-15", "byline", "day"), ("", "none", "unknown")]


def test_formats_table_shows_the_published_source() -> None:
    table = _written("table")
    assert "2016-12-15 (byline)" in table and "no publication date" in table


def _with_background() -> list[Article]:
    import dataclasses

    history = dataclasses.replace(make_event("d1", "JPN", "RUS", "057", start="2013-04-01", end="2013-04-30",
                                             precision="month"), background=True)
    document = Document(id="d1", source="d1.txt", text="Body.", title="Leaders meet", published="2016-12-15",
                        published_source="byline")
    return [Article(document, (history, make_event("d1", "JPN", "RUS", "042", start="2016-12-15", index=1)))]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "documents", "table"])
def test_formats_every_format_marks_background_events(fmt: str) -> None:
    out = io.StringIO()
    write(_with_background(), out, fmt)
    text = out.getvalue()
    if fmt == "jsonl":
        assert [json.loads(line)["background"] for line in text.splitlines()] == [True, False]
    elif fmt == "csv":
        assert [row["background"] for row in csv.DictReader(io.StringIO(text))] == ["True", "False"]
    elif fmt == "documents":
        assert [event["background"] for event in json.loads(text)["events"]] == [True, False]
    else:
        assert "occurred (background)" in text
