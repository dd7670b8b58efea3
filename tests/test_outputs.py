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


def test_gdelt_mentions_table_has_one_row_per_report_of_each_exported_event(db, tmp_path):
    events, mentions = tmp_path / "events.tsv", tmp_path / "mentions.tsv"
    export(db, events, "gdelt")
    export(db, mentions, "gdelt", table="mentions")
    event_rows = [line.split("\t") for line in events.read_text().splitlines()]
    mention_rows = [line.split("\t") for line in mentions.read_text().splitlines()]
    assert {len(r) for r in event_rows} == {61} and {len(r) for r in mention_rows} == {16}
    per_event = {}
    for row in mention_rows:
        per_event[row[0]] = per_event.get(row[0], 0) + 1
    assert per_event == {r[0]: int(r[31]) for r in event_rows}  # NumMentions
    assert all(int(r[9]) >= 0 and 10 <= int(r[11]) <= 100 for r in mention_rows)


def test_gdelt_export_gives_actor_geography_at_country_level(db, tmp_path):
    out = tmp_path / "events.tsv"
    export(db, out, "gdelt")
    row = out.read_text().splitlines()[0].split("\t")
    actor1_geo, actor2_geo = row[35:43], row[43:51]
    assert actor1_geo[:4] == ["1", "Japan", "JA", "JA"] and actor1_geo[7] == "JA"
    assert actor2_geo[:4] == ["1", "Russia", "RS", "RS"] and float(actor2_geo[5]) > 40


def test_evidence_sentences_are_trimmed_and_their_span_points_at_them():
    from tacitus.coder import _trimmed_span

    text = "Intro.\n\nJapan criticised Russia.\n\nMore."
    start = text.index("Japan")
    raw = text[start:text.index("More.")]
    assert raw.endswith("\n\n")
    begin, end = _trimmed_span(raw, start)
    assert text[begin:end] == "Japan criticised Russia."
