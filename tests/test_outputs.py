"""Outputs that downstream tools can read: nested columns as JSON in csv, lists (not numpy arrays) in Python,
ISO dates, and the Python API refusing the values the CLI refuses."""

from __future__ import annotations

import csv
import io
import json

import pytest

from store_fixtures import build_store, make_article, make_event
from tacitus.cli import main
from tacitus.store.export import export
from tacitus.store.query import EventDB


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    articles = [make_article(f"d{i}", f"2015-05-{10 + i}", [make_event(f"d{i}", "JPN", "RUS", "042",
                                                                       start=f"2015-05-{10 + i}")])
                for i in range(3)]
    articles.append(make_article("e1", "2015-05-12", [make_event("e1", "JPNGOV", "RUS", "042", start="2015-05-11",
                                                                 end="2015-05-12")]))
    return build_store(tmp_path_factory.mktemp("outputs") / "db.duckdb", articles)


def test_python_api_returns_lists_not_numpy_arrays(db):
    with EventDB(db) as database:
        evidence = database.stories()["evidence"].iloc[0]
        codes = database.actors()["codes"].iloc[0]
    assert type(evidence) is list and type(evidence[0]) is dict
    assert type(codes) is list and all(type(c) is str for c in codes)


@pytest.mark.parametrize(("method", "kwargs"), [("events", {"status": "done"}), ("stories", {"status": ["x"]}),
                                                ("documents", {"status": "done"}), ("events", {"root": "999"}),
                                                ("events", {"limit": -1}), ("dyads", {"by": "week"})])
def test_python_api_refuses_what_the_cli_refuses(db, method, kwargs):
    with EventDB(db) as database, pytest.raises(ValueError):
        getattr(database, method)(**kwargs)


def test_stories_csv_export_writes_evidence_as_json(db, tmp_path):
    out = tmp_path / "stories.csv"
    export(db, out, "csv", table="stories")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    evidence = json.loads(rows[0]["evidence"])
    assert evidence[0]["doc_id"].startswith(("d", "e")) and len(evidence[0]["published"]) == 10


@pytest.mark.parametrize("command", ["stories", "actors"])
def test_query_csv_writes_nested_columns_as_json_and_jsonl_as_lists(db, capsys, command):
    assert main([command, "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    column = "evidence" if command == "stories" else "codes"
    assert isinstance(json.loads(rows[0][column]), list)
    assert main([command, "--db", str(db), "--format", "jsonl"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert isinstance(first[column], list)


def test_tables_show_fifty_rows_and_say_that_more_match(tmp_path, capsys):
    articles = [make_article(f"d{i:03d}", "2015-05-10", [make_event(f"d{i:03d}", "JPN", "RUS", "042",
                                                                    start="2015-05-10")]) for i in range(60)]
    db = build_store(tmp_path / "db.duckdb", articles)
    assert main(["events", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("│ d0") == 50 and "more match" in captured.err
    assert main(["events", "--db", str(db), "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 61
    assert main(["events", "--db", str(db), "--limit", "55"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("│ d0") == 55 and "more match" not in captured.err
