"""Queries of the event database: every filter of `events`, and dyads, actors, documents, the CLI formats."""

from __future__ import annotations

import json
from datetime import date

import pytest

from store_fixtures import build_store, history_articles, make_article, make_event
from tacitus.cli import main
from tacitus.errors import DocumentNotFoundError
from tacitus.store.query import EventDB, parse_period


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    articles = [
        make_article("a1", "2015-03-02", [
            make_event("a1", "JPNGOV", "RUS", "042", start="2015-03-01", sentence="Kishida visited Moscow."),
            make_event("a1", "RUS", "JPN", "111", start="2015-03-02", index=1, sentence="Russia criticised Japan."),
        ], title="Kishida in Moscow"),
        make_article("a2", "2015-11-20", [
            make_event("a2", "RUS", "UKR", "190", start="2015-11-19", sentence="Shelling near Crimea."),
            make_event("a2", "IGOG7", "RUS", "163", "planned", None, "2015-12-31", precision="interval", index=1,
                       sentence="The G7 will extend sanctions over Crimea."),
        ]),
        make_article("b3", "2016-01-05", [make_event("b3", "JPN", "RUS", "036", start="2016-01-05")]),
    ]
    return build_store(tmp_path_factory.mktemp("q") / "db.duckdb", articles)


@pytest.fixture(scope="module")
def db(db_path):
    with EventDB(db_path) as database:
        yield database


def _ids(frame):
    return sorted(f"{s}>{t if isinstance(t, str) else '-'}:{c}"
                  for s, t, c in zip(frame["source_key"], frame["target_key"], frame["code"]))


@pytest.mark.parametrize("filters, expected", [
    ({}, ["IGOG7>RUS:163", "JPN>RUS:036", "JPN>RUS:042", "RUS>JPN:111", "RUS>UKR:190"]),
    ({"actor": "UKR"}, ["RUS>UKR:190"]),
    ({"actor": "IGOG7"}, ["IGOG7>RUS:163"]),
    ({"actor": "JPNGOV"}, ["JPN>RUS:042"]),
    ({"dyad": ("JPN", "RUS")}, ["JPN>RUS:036", "JPN>RUS:042", "RUS>JPN:111"]),
    ({"dyad": ("JPN", "RUS"), "directed": True}, ["JPN>RUS:036", "JPN>RUS:042"]),
    ({"root": "04"}, ["JPN>RUS:042"]),
    ({"root": ["4", "11"]}, ["JPN>RUS:042", "RUS>JPN:111"]),
    ({"code": "03"}, ["JPN>RUS:036"]),
    ({"status": "planned"}, ["IGOG7>RUS:163"]),
    ({"since": "2015-11"}, ["IGOG7>RUS:163", "JPN>RUS:036", "RUS>UKR:190"]),
    ({"until": "2015-03"}, ["JPN>RUS:042", "RUS>JPN:111"]),
    ({"since": "2015-03-02", "until": "2015-03-02"}, ["RUS>JPN:111"]),
    ({"since": "2016", "until": "2016"}, ["JPN>RUS:036"]),
    ({"since": "2015-12", "until": "2015-11-30"}, []),              # a reversed period holds nothing, not
    ({"since": "2015-11-30", "until": "2015-12"}, ["IGOG7>RUS:163"]),  # the windows that straddle it
    ({"text": "crimea"}, ["IGOG7>RUS:163", "RUS>UKR:190"]),
    ({"text": "kishida in"}, ["JPN>RUS:042", "RUS>JPN:111"]),      # the title matches
    ({"doc_id": "b3"}, ["JPN>RUS:036"]),
])
def test_events_filter(db, filters, expected):
    assert _ids(db.events(**filters)) == expected


def test_events_limit_and_order(db):
    frame = db.events(limit=2)
    assert frame["doc_id"].tolist() == ["a1", "a1"]


@pytest.mark.parametrize("bad", [{"dyad": ("JPN",)}, {"root": "042"}, {"since": "March 2015"}, {"limit": -1}])
def test_events_bad_filter_raises_value_error(db, bad):
    with pytest.raises(ValueError):
        db.events(**bad)


@pytest.mark.parametrize("value, end, expected", [
    ("2015", False, date(2015, 1, 1)), ("2015", True, date(2015, 12, 31)),
    ("2016-02", True, date(2016, 2, 29)), ("2015-03-07", False, date(2015, 3, 7)),
])
def test_parse_period(value, end, expected):
    assert parse_period(value, end=end) == expected


def test_dyads_counts_goldstein_and_quad_mix(db):
    frame = db.dyads(dyad=("JPN", "RUS"))
    rows = {(r.source, r.target, r.month): r for r in frame.itertuples()}
    assert set(rows) == {("JPN", "RUS", "2015-03"), ("RUS", "JPN", "2015-03"), ("JPN", "RUS", "2016-01")}
    march = rows[("RUS", "JPN", "2015-03")]
    assert (march.events, march.verbal_conflict, march.material_conflict) == (1, 1, 0)


def test_dyads_by_year_and_status(db):
    frame = db.dyads(actor="RUS", by="year", status=None)
    assert ("IGOG7", "RUS", "2015") in set(zip(frame["source"], frame["target"], frame["year"]))


def test_actors_lists_each_key_with_codes(db):
    frame = db.actors().set_index("actor")
    assert list(frame.loc["JPN", "codes"]) == ["JPN", "JPNGOV"]
    assert (frame.loc["RUS", "as_source"], frame.loc["RUS", "as_target"]) == (2, 3)


def test_document_by_prefix_with_events(db):
    record = db.document("b")
    assert record["doc_id"] == "b3" and len(record["events"]) == 1


@pytest.mark.parametrize("doc_id", ["zzz", "a"])
def test_document_missing_or_ambiguous(db, doc_id):
    with pytest.raises(DocumentNotFoundError):
        db.document(doc_id)


def test_tacitus_open_is_the_python_api(db_path):
    import tacitus

    with tacitus.open(db_path) as database:
        assert len(database.events(dyad=("JPN", "RUS"))) == 3


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "table"])
def test_cli_events_formats(db_path, capsys, fmt):
    assert main(["events", "--db", str(db_path), "--dyad", "JPN:RUS", "--directed", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert [r["code"] for r in rows] == ["042", "036"] and rows[0]["window_start"] == "2015-03-01"
    elif fmt == "csv":
        assert out.splitlines()[0].startswith("event_id,doc_id,code") and len(out.splitlines()) == 3
    else:
        assert "042" in out and "036" in out


@pytest.mark.parametrize("command", [
    ["stories", "--min-articles", "1"], ["dyads", "--by", "year"], ["actors", "--limit", "2"],
    ["commitments", "--state", "pending"], ["documents", "--status", "coded"], ["show", "a1"],
    ["show", "a2", "--format", "json"],
])
def test_cli_query_commands_succeed(db_path, capsys, command):
    assert main([*command, "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.strip()


def test_cli_help_of_every_store_command_has_an_example(capsys):
    for command in ("run", "events", "stories", "dyads", "actors", "commitments", "documents", "show", "export"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "example" in capsys.readouterr().out


@pytest.fixture(scope="module")
def history_db(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("history") / "history.duckdb", history_articles())
    with EventDB(path) as opened:
        yield opened, path


@pytest.mark.parametrize(("background", "since", "codes"), [
    (None, None, ["057", "040", "111"]),
    (None, "2013", ["040"]),
    ("include", "2013", ["057", "040"]),
    ("only", "2013", ["057"]),
    ("exclude", None, ["040", "111"]),
])
def test_events_background_in_queries(history_db, background, since, codes):
    db, _ = history_db
    assert db.events(background=background, since=since)["code"].tolist() == codes


def test_stories_leave_out_background_by_default(history_db):
    db, _ = history_db
    assert "057" not in db.stories()["code"].tolist()
    assert db.stories(background="only")["code"].tolist() == ["057"]


def test_events_without_a_date_are_counted(history_db):
    db, _ = history_db
    assert db.undated_events() == 1
    assert (db.counts()["events_undated"], db.counts()["events_background"]) == (1, 1)


@pytest.mark.parametrize("query", ["events", "stories", "dyads"])
def test_bad_background_raises_value_error(history_db, query):
    with pytest.raises(ValueError, match="background must be one of include, only, exclude"):
        getattr(history_db[0], query)(background="sometimes")


@pytest.mark.parametrize(("background", "since", "months"), [
    (None, None, ["2013-04", "2015-05"]),
    (None, "2013", ["2015-05"]),
    ("include", "2013", ["2013-04", "2015-05"]),
    ("only", None, ["2013-04"]),
    ("exclude", None, ["2015-05"]),
])
def test_dyads_background_as_in_events(history_db, background, since, months):
    db, _ = history_db
    assert db.dyads(background=background, since=since)["month"].tolist() == months


def test_cli_dyads_background(history_db, capsys):
    _, path = history_db
    assert main(["dyads", "--db", str(path), "--background", "only", "--format", "jsonl"]) == 0
    assert [json.loads(line)["month"] for line in capsys.readouterr().out.splitlines()] == ["2013-04"]


def test_cli_bad_background_is_usage_error(history_db, capsys):
    _, path = history_db
    with pytest.raises(SystemExit) as exit_:
        main(["events", "--db", str(path), "--background", "sometimes"])
    assert exit_.value.code == 2 and "--background" in capsys.readouterr().err


def test_cli_events_dated_query_says_how_many_have_no_date(history_db, capsys):
    _, path = history_db
    assert main(["events", "--db", str(path), "--since", "2013", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["code"] for line in captured.out.splitlines()] == ["040"]
    assert "1 events have no date" in captured.err
    assert main(["events", "--db", str(path), "--since", "2013", "--background", "only", "--format", "jsonl"]) == 0
    assert [json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()] == ["057"]


def test_stories_a_story_told_as_news_somewhere_is_not_background(tmp_path):
    from dataclasses import replace

    news = make_event("n1", "JPN", "RUS", "040", start="2015-05-01", index=0)
    history = replace(make_event("h1", "JPN", "RUS", "040", start="2015-05-01", index=0), background=True)
    path = build_store(tmp_path / "db.duckdb", [make_article("n1", "2015-05-02", [news]),
                                                 make_article("h1", "2015-06-30", [history])])
    with EventDB(path) as db:
        assert db.stories(background="include")["num_mentions"].tolist() == [2]
        assert db.stories(background="exclude")["num_mentions"].tolist() == [2]
        assert db.stories(background="only").empty
