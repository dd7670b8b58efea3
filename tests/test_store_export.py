"""Exports: parquet/csv/jsonl of a table, and GDELT 2.0's 61-column event table."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from store_fixtures import build_store, make_article, make_event
from tacitus.cli import main
from tacitus.knowledge import DATA_DIR
from tacitus.model import Location
from tacitus.store.export import GDELT_COLUMNS, export, fips_codes


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    tokyo = Location("Tokyo", "JPN", 35.69, 139.69)
    articles = [
        make_article("a1", "2016-12-16", [
            make_event("a1", "RUSGOV", "JPNGOV", "042", start="2016-12-15", location=tokyo),
            make_event("a1", "RUS", "JPN", "042", "planned", "2017-01-01", "2017-12-31", precision="year", index=1),
        ], outlet="Pacific Ledger", text="Putin arrived in Tokyo.\n\nMore text."),
        make_article("a2", "2016-12-17", [make_event("a2", "RUS", "JPN", "042", start="2016-12-15", index=3)],
                     outlet="Meridian"),
        make_article("a3", "2018-05-01", [make_event("a3", "ROU", "IGOEU", "030", start="2018-05-01",
                                                     location=Location("Romania", "ROU", 45.9, 24.9))]),
    ]
    return build_store(tmp_path_factory.mktemp("x") / "db.duckdb", articles)


def test_gdelt_columns_are_gdelts_61_in_order():
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[5] == "Actor1Code" and GDELT_COLUMNS[15] == "Actor2Code"
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35] == "Actor1Geo_Type" and GDELT_COLUMNS[51] == "ActionGeo_Type"
    assert GDELT_COLUMNS[-3:] == ("ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


@pytest.fixture(scope="module")
def gdelt_rows(db_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("g") / "events.tsv"
    export(db_path, out, "gdelt")
    lines = out.read_text(encoding="utf-8").splitlines()
    return [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines], lines


def test_gdelt_export_has_61_fields_per_line_one_row_per_story(gdelt_rows):
    rows, lines = gdelt_rows
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert len(rows) == 2  # the summit (two articles) and the Romanian event; the planned visit is left out


def test_gdelt_export_maps_what_tacitus_knows(gdelt_rows):
    rows, _ = gdelt_rows
    summit = next(r for r in rows if r["EventCode"] == "042")
    assert (summit["Day"], summit["MonthYear"], summit["Year"]) == ("20161215", "201612", "2016")
    assert (summit["Actor1Code"], summit["Actor1CountryCode"], summit["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
    assert (summit["EventBaseCode"], summit["EventRootCode"], summit["QuadClass"]) == ("042", "04", "1")
    assert (summit["NumMentions"], summit["NumArticles"], summit["NumSources"]) == ("2", "2", "2")
    assert summit["IsRootEvent"] == "1" and summit["AvgTone"] == ""
    assert (summit["ActionGeo_Type"], summit["ActionGeo_FullName"], summit["ActionGeo_CountryCode"]) == \
        ("4", "Tokyo", "JA")
    assert len(summit["DATEADDED"]) == 14 and summit["GlobalEventID"].isdigit()


def test_gdelt_export_uses_cameo_and_fips_country_codes(gdelt_rows):
    rows, _ = gdelt_rows
    romania = next(r for r in rows if r["EventCode"] == "030")
    assert (romania["Actor1Code"], romania["Actor1CountryCode"]) == ("ROM", "ROM")   # CAMEO keeps ROM
    assert (romania["Actor2Code"], romania["Actor2KnownGroupCode"], romania["Actor2Type1Code"]) == \
        ("IGOEU", "EU", "IGO")
    assert (romania["ActionGeo_Type"], romania["ActionGeo_CountryCode"]) == ("1", "RO")


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
@pytest.mark.parametrize("table, rows", [("events", 4), ("stories", 3), ("documents", 3)])
def test_export_table_formats(db_path, tmp_path, fmt, table, rows):
    out = tmp_path / f"out.{fmt}"
    assert export(db_path, out, fmt, table=table) == rows
    if fmt == "parquet":
        assert duckdb.connect().execute(f"SELECT count(*) FROM '{out}'").fetchone()[0] == rows
    elif fmt == "csv":
        assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == rows
    else:
        assert len([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]) == rows


def test_export_rejects_unknown_format(db_path, tmp_path):
    with pytest.raises(ValueError):
        export(db_path, tmp_path / "x", "xlsx")


def test_cli_export(db_path, tmp_path, capsys):
    out = tmp_path / "e.tsv"
    assert main(["export", "--db", str(db_path), "--format", "gdelt", str(out)]) == 0
    assert "wrote 2 rows" in capsys.readouterr().err


def test_fips_file_covers_every_country():
    countries = [line.split("\t")[0] for line in (DATA_DIR / "actors" / "countries.tsv").read_text().splitlines()
                 if line and not line.startswith("#")][1:]
    codes = fips_codes()
    assert set(countries) == set(codes)
    assert (codes["JPN"], codes["DEU"], codes["RUS"], codes["GBR"]) == ("JA", "GM", "RS", "UK")


def test_polecat_export_writes_plover_records_with_actor_lists(db_path, tmp_path):
    from tacitus.store.polecat import POLECAT_FIELDS

    out = tmp_path / "events.polecat.jsonl"
    assert main(["export", "--db", str(db_path), "--format", "polecat", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(tuple(r) == POLECAT_FIELDS for r in records)
    summit = next(r for r in records if r["location"] and r["location"]["name"] == "Tokyo")
    # the fixture codes no PLOVER type; the coder takes it from the CAMEO ontology
    assert summit["event_type"] is None and summit["event_date"] == "2016-12-15" and summit["cameo_code"] == "042"
    assert isinstance(summit["actors"], list) and summit["actors"][0]["code"] == "RUSGOV"
    assert summit["recipients"][0]["code"] == "JPNGOV" and summit["recipients"][0]["country"] == "JPN"
    assert summit["location"] == {"name": "Tokyo", "country": "JPN", "lat": 35.69, "lon": 139.69}
    assert summit["story_id"] and summit["doc_id"] == "a1" and summit["published"] == "2016-12-16"
    assert summit["sentence"] == summit["sentence"].strip()


def test_polecat_export_gives_the_mode_and_context_its_code_tells(tmp_path):
    from dataclasses import replace

    from store_fixtures import make_article, make_event

    visit = replace(make_event("p1", "RUS", "JPN", "042", "occurred", "2016-12-15"), plover="CONSULT")
    strike = replace(make_event("p1", "USA", "SYR", "195", "occurred", "2016-12-15", index=1), plover="ASSAULT")
    threat = replace(make_event("p1", "RUS", "UKR", "195", "planned", "2016-12-20", index=2), plover="THREATEN")
    statement = replace(make_event("p1", "JPN", "RUS", "010", "occurred", "2016-12-15", index=3), plover=None)
    db = build_store(tmp_path / "modes.duckdb", [make_article("p1", "2016-12-16", [visit, strike, threat, statement])])
    out = tmp_path / "events.polecat.jsonl"
    assert main(["export", "--db", str(db), "--format", "polecat", str(out)]) == 0
    found = {r["event_id"]: (r["event_type"], r["mode"], r["context"])
             for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert found[visit.event_id] == ("CONSULT", "visit", None)
    assert found[strike.event_id] == ("ASSAULT", "heavy-weapons", ["military"])
    assert found[threat.event_id] == ("THREATEN", None, ["military"])  # an announced strike: no ASSAULT mode
    assert found[statement.event_id] == (None, None, None)


@pytest.fixture(scope="module")
def history_path(tmp_path_factory):
    from store_fixtures import history_articles

    return build_store(tmp_path_factory.mktemp("h") / "history.duckdb", history_articles())


def _exported_codes(path, tmp_path, fmt, table, background):
    out = tmp_path / f"{table}.{fmt}"
    export(path, out, fmt, table=table, background=background)
    if fmt == "parquet":
        rows = duckdb.sql(f"SELECT * FROM '{out}'").fetchall()
        return len(rows)
    text = out.read_text(encoding="utf-8")
    if fmt == "gdelt":
        return sorted(dict(zip(GDELT_COLUMNS, line.split("\t")))["EventCode"] for line in text.splitlines())
    if fmt == "csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    key = "cameo_code" if fmt == "polecat" else "code"
    return sorted(row[key] for row in rows) if rows and key in rows[0] else len(rows)


@pytest.mark.parametrize(("fmt", "table", "background", "expected"), [
    ("csv", "events", "include", ["040", "057", "111"]),
    ("csv", "events", "only", ["057"]),
    ("jsonl", "events", "exclude", ["040", "111"]),
    ("parquet", "events", "exclude", 2),
    ("jsonl", "stories", "only", ["057"]),
    ("csv", "stories", "exclude", ["040", "111"]),
    ("csv", "mentions", "only", 1),
    ("csv", "mentions", "exclude", 2),
    ("polecat", "events", "exclude", ["040", "111"]),
    ("polecat", "events", "only", ["057"]),
    ("gdelt", "events", "include", ["040", "057"]),
    ("gdelt", "events", "exclude", ["040"]),
])
def test_export_background(history_path, tmp_path, fmt, table, background, expected):
    assert _exported_codes(history_path, tmp_path, fmt, table, background) == expected


def test_export_gdelt_mentions_leave_out_background(history_path, tmp_path):
    out = tmp_path / "mentions.tsv"
    assert export(history_path, out, "gdelt", table="mentions", background="exclude") == 1
    assert export(history_path, out, "gdelt", table="mentions") == 2


@pytest.mark.parametrize(("table", "background"), [("documents", "exclude"), ("runs", "only"),
                                                   ("events", "sometimes")])
def test_export_background_refused_where_it_means_nothing(history_path, tmp_path, table, background):
    with pytest.raises(ValueError, match="background"):
        export(history_path, tmp_path / "x.csv", "csv", table=table, background=background)


def test_cli_export_background(history_path, tmp_path, capsys):
    out = tmp_path / "news.jsonl"
    assert main(["export", "--db", str(history_path), "--format", "jsonl", "--background", "exclude", str(out)]) == 0
    assert sorted(json.loads(line)["code"] for line in out.read_text().splitlines()) == ["040", "111"]
    assert main(["export", "--db", str(history_path), "--format", "csv", "--table", "documents",
                 "--background", "only", str(tmp_path / "d.csv")]) == 2
    assert capsys.readouterr().err.count("\n") == 2  # the wrote line, then one line for the refusal


def test_cli_export_help_says_the_background_default(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "include them (default: a full export)" in " ".join(capsys.readouterr().out.split())
