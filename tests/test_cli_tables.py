"""`tacitus events` and `tacitus commitments` print their terminal tables from plain rows, without pandas; the
tables are the ones the DataFrame path prints, to the character (undated events, unfulfilled commitments, the row
cap), and a command that only reads the database imports neither pandas nor pyarrow nor the coder's modules."""

from __future__ import annotations

import argparse
import random
import subprocess
import sys

import pytest

from store_fixtures import build_store, history_articles, make_article, make_event
from tacitus.cli import query
from tacitus.store.query import EventDB


def _articles() -> list:
    rng = random.Random(3)
    articles = history_articles()
    for i in range(40):
        day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events = [make_event(f"t{i}", "JPN", "RUS", "042", "planned", day, "2016-12-31", precision="interval"),
                  make_event(f"t{i}", "RUS", "JPN", rng.choice(["043", "042", "040"]), "occurred", day, index=1),
                  make_event(f"t{i}", "USA", None, "010", "occurred", None, precision="unknown", index=2)]
        articles.append(make_article(f"t{i}", day if i % 7 else None, events))
    return articles


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("tables") / "db.duckdb", _articles())


def _args(**values) -> argparse.Namespace:
    return argparse.Namespace(format="table", **values)


@pytest.mark.parametrize("limit", [None, 3, 0, 200])
@pytest.mark.parametrize("kind, filters", [
    ("events", {}), ("events", {"actor": "JPN"}), ("events", {"dyad": ("USA", "CHN")}),
    ("commitments", {}), ("commitments", {"state": "fulfilled"}), ("commitments", {"actor": "RUS"})])
def test_tables_from_plain_rows_print_as_from_dataframes(db_path, capsys, kind, filters, limit):
    args = _args(limit=limit)
    fetch = query._limit(args)
    with EventDB(db_path) as db:
        frame = getattr(db, kind)(**filters, limit=fetch)
        rows = getattr(db, f"{kind[:-1] if kind == 'events' else 'commitment'}_rows")(**filters, limit=fetch)
    query._emit_capped(frame, args, kind=kind)
    from_frame = capsys.readouterr()
    query._emit_rows(rows, args, kind)
    from_rows = capsys.readouterr()
    assert from_rows == from_frame
    assert from_rows.out.strip()


@pytest.mark.slow  # a child process
def test_a_query_command_imports_no_pandas_pyarrow_or_coder(db_path):
    code = ("import sys; from tacitus.cli import main; main(['events', '--db', sys.argv[1]]); "
            "main(['commitments', '--db', sys.argv[1]]); "
            "print(sorted(m for m in ('pandas', 'pyarrow', 'spacy', 'dask', 'distributed', 'fastapi', "
            "'charset_normalizer', 'yaml', 'tacitus.pipeline', 'tacitus.web') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_an_undated_row_leaves_the_other_dates_without_a_time(db_path, capsys, fmt):
    # the fixture's undated events (and its documents without a publication date) sit among dated ones
    args = argparse.Namespace(format=fmt, limit=200)
    with EventDB(db_path) as db:
        frame = db.events(limit=200)
        rows = db.event_rows(limit=200)
    assert frame["date_start"].isna().any() and frame["date_start"].notna().any()
    query._emit_capped(frame, args, kind="events")
    out = capsys.readouterr().out
    if fmt == "table":
        query._emit_rows(rows, args, "events")
        assert capsys.readouterr().out == out
    assert "2016-" in out and "T00:00:00" not in out


def test_commitments_count_later_articles_as_whole_numbers(db_path, capsys):
    with EventDB(db_path) as db:
        rows = db.commitment_rows(limit=200)
    later = rows.columns.index("later_articles")
    assert rows.values and all(type(row[later]) is int for row in rows.values)  # not a HUGEINT printed as 72.0
    query._emit_rows(rows, _args(limit=200), "commitments")
    assert ".0 " not in capsys.readouterr().out


@pytest.mark.parametrize("typed", ["Japan", "japan", "Japan:Russian Federation"])
def test_names_typed_where_actor_keys_are_expected_resolve(db_path, capsys, typed):
    from tacitus.cli import main

    option, key = ("--dyad", "JPN:RUS") if ":" in typed else ("--actor", "JPN")
    assert main(["events", "--db", str(db_path), "--format", "csv", option, key]) == 0
    by_key = capsys.readouterr().out
    assert main(["events", "--db", str(db_path), "--format", "csv", option, typed]) == 0
    assert capsys.readouterr().out == by_key and by_key.count("\n") > 1


@pytest.mark.parametrize(("command", "typed", "suggested"), [
    ("events", "Japn", "Japan (JPN)"), ("commitments", "Untied States", "United States (USA)"),
    ("stories", "Japan:Rusia", "Russia (RUS)")])
def test_a_name_that_names_nothing_known_is_refused_with_suggestions(db_path, capsys, command, typed, suggested):
    from tacitus.cli import main

    option = "--dyad" if ":" in typed else "--actor"
    with pytest.raises(SystemExit) as stopped:  # refused as the argument it is, before the database is opened
        main([command, "--db", str(db_path), option, typed])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and f"did you mean {suggested}" in err and "Traceback" not in err
