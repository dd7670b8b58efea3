"""Checks on the office-holders table, read with the csv module (independent of the loader)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

TABLE = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "actors" / "office_holders.tsv"
HEADER = ["name", "aliases", "country", "office", "sector", "start", "end"]
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister"}
COUNTRIES = (
    "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA "
    "PRK UKR IRN ISR SYR TWN PAK"
).split()
# Open intervals ("still in office") are compared as if they ran to this day.
OPEN_END = date(9999, 12, 31)
CHECK_DAY = date(2015, 5, 16)


def _lines() -> list[tuple[int, str]]:
    """Non-comment lines with their 1-based line numbers."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return [(number, line) for number, line in enumerate(handle, 1) if not line.startswith("#")]


def _records() -> list[tuple[int, list[str]]]:
    """Data rows (header excluded) as raw field lists with their line numbers."""
    lines = _lines()
    reader = csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [(number, fields) for (number, _), fields in zip(lines[1:], reader)]


def _rows() -> list[dict]:
    """Data rows as dicts with parsed dates (end is None when still in office)."""
    rows = []
    for _, fields in _records():
        row = dict(zip(HEADER, fields))
        row["start"] = date.fromisoformat(row["start"])
        row["end"] = date.fromisoformat(row["end"]) if row["end"] else None
        rows.append(row)
    return rows


def _holders(country: str, office: str, day: date) -> list[dict]:
    return [
        row
        for row in _rows()
        if row["country"] == country
        and row["office"] == office
        and row["start"] <= day
        and (row["end"] is None or day <= row["end"])
    ]


def test_office_holders_header_is_exact() -> None:
    header = next(csv.reader([_lines()[0][1]], delimiter="\t"))
    assert header == HEADER


def test_office_holders_every_row_has_seven_fields() -> None:
    bad = [number for number, fields in _records() if len(fields) != len(HEADER)]
    assert bad == [], f"lines with a wrong field count: {bad}"


def test_office_holders_table_is_substantial() -> None:
    assert len(_records()) >= 500


@pytest.mark.parametrize("column", ["start", "end"])
def test_office_holders_dates_parse(column: str) -> None:
    index = HEADER.index(column)
    bad = []
    for number, fields in _records():
        value = fields[index]
        if column == "end" and value == "":
            continue
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            bad.append(number)
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            bad.append(number)
    assert bad == [], f"lines with a bad {column} date: {bad}"


def test_office_holders_end_not_before_start() -> None:
    bad = [row["name"] for row in _rows() if row["end"] is not None and row["end"] < row["start"]]
    assert bad == []


def test_office_holders_office_in_vocabulary() -> None:
    assert {row["office"] for row in _rows()} <= OFFICES


def test_office_holders_sector_is_gov() -> None:
    assert {row["sector"] for row in _rows()} == {"GOV"}


def test_office_holders_country_codes_are_alpha3() -> None:
    bad = {row["country"] for row in _rows() if not re.fullmatch(r"[A-Z]{3}", row["country"])}
    assert bad == set()


def test_office_holders_names_and_aliases_are_clean() -> None:
    bad = []
    for row in _rows():
        aliases = row["aliases"].split("|") if row["aliases"] else []
        if not row["name"] or row["name"] != row["name"].strip():
            bad.append(row["name"])
        if any(not alias or alias != alias.strip() or alias == row["name"] for alias in aliases):
            bad.append(row["name"])
    assert bad == []


# Posts that two persons held at once on purpose (see the table's header): rival claimants and the
# power-sharing prime ministers listed as head_of_government beside the president.
SHARED_POSTS = {
    (("CIV", "head_of_state"), "Laurent Gbagbo", "Alassane Ouattara"),
    (("MDG", "head_of_state"), "Didier Ratsiraka", "Marc Ravalomanana"),
    (("LBY", "head_of_state"), "Muammar Gaddafi", "Mustafa Abdul Jalil"),
    (("LBY", "head_of_government"), "Abdullah al-Thinni", "Fayez al-Sarraj"),
    (("KEN", "head_of_government"), "Mwai Kibaki", "Raila Odinga"),
    (("ZWE", "head_of_government"), "Robert Mugabe", "Morgan Tsvangirai"),
}


def test_office_holders_no_overlapping_holders() -> None:
    by_post = defaultdict(list)
    for row in _rows():
        by_post[(row["country"], row["office"])].append(row)
    overlaps = []
    for post, rows in by_post.items():
        rows.sort(key=lambda row: row["start"])
        for earlier, later in zip(rows, rows[1:]):
            earlier_end = earlier["end"] or OPEN_END
            if (earlier_end - later["start"]).days > 1:
                overlaps.append((post, earlier["name"], later["name"]))
    assert [overlap for overlap in overlaps if overlap not in SHARED_POSTS] == []


@pytest.mark.parametrize("country", COUNTRIES)
def test_office_holders_leader_on_check_day(country: str) -> None:
    leaders = _holders(country, "head_of_state", CHECK_DAY) + _holders(
        country, "head_of_government", CHECK_DAY
    )
    assert leaders, f"no head of state or government for {country} on {CHECK_DAY}"


@pytest.mark.parametrize("country", [code for code in COUNTRIES if code != "PRK"])
def test_office_holders_foreign_minister_on_check_day(country: str) -> None:
    assert _holders(country, "foreign_minister", CHECK_DAY), f"no foreign minister for {country}"


@pytest.mark.parametrize(
    ("country", "office", "name"),
    [
        ("JPN", "head_of_government", "Shinzo Abe"),
        ("USA", "head_of_state", "Barack Obama"),
        ("RUS", "head_of_state", "Vladimir Putin"),
        ("UKR", "head_of_state", "Petro Poroshenko"),
        ("JPN", "foreign_minister", "Fumio Kishida"),
        ("PSE", "head_of_state", "Mahmoud Abbas"),
        ("IRQ", "head_of_government", "Haider al-Abadi"),
        ("EGY", "head_of_state", "Abdel Fattah el-Sisi"),
        ("NGA", "head_of_state", "Goodluck Jonathan"),
        ("VEN", "head_of_state", "Nicolás Maduro"),
        ("ESP", "head_of_government", "Mariano Rajoy"),
        ("POL", "foreign_minister", "Grzegorz Schetyna"),
        ("XKX", "head_of_government", "Isa Mustafa"),
    ],
)
def test_office_holders_spot_check_2015(country: str, office: str, name: str) -> None:
    assert [row["name"] for row in _holders(country, office, CHECK_DAY)] == [name]


def test_office_holders_no_abe_in_japanese_office_2022() -> None:
    day = date(2022, 1, 1)
    abes = [
        row["name"]
        for office in OFFICES
        for row in _holders("JPN", office, day)
        if "Abe" in row["name"].split() or "Abe" in row["aliases"].split("|")
    ]
    assert abes == []


# Defence and interior ministers of the main states, checked on a recent day.
RECENT_DAY = date(2024, 3, 1)
DEFENCE = "USA GBR FRA DEU RUS CHN JPN IND UKR ISR TUR IRN KOR SAU".split()
INTERIOR = "USA GBR FRA DEU RUS CHN IND UKR TUR IRN SAU".split()


@pytest.mark.parametrize("country", DEFENCE)
def test_office_holders_defence_minister_on_a_recent_day(country: str) -> None:
    assert len(_holders(country, "defence_minister", RECENT_DAY)) == 1


@pytest.mark.parametrize("country", INTERIOR)
def test_office_holders_interior_minister_on_a_recent_day(country: str) -> None:
    assert len(_holders(country, "interior_minister", RECENT_DAY)) == 1


@pytest.mark.parametrize(
    ("country", "office", "day", "name"),
    [("USA", "defence_minister", date(2025, 6, 1), "Pete Hegseth"),
     ("RUS", "defence_minister", date(2020, 1, 1), "Sergei Shoigu"),
     ("RUS", "defence_minister", date(2025, 1, 1), "Andrei Belousov"),
     ("GBR", "interior_minister", date(2025, 10, 1), "Shabana Mahmood"),
     ("FRA", "interior_minister", date(2025, 1, 1), "Bruno Retailleau"),
     ("IND", "interior_minister", date(2022, 1, 1), "Amit Shah"),
     ("ISR", "defence_minister", date(2024, 1, 1), "Yoav Gallant"),
     ("UKR", "defence_minister", date(2022, 6, 1), "Oleksii Reznikov")],
)
def test_office_holders_spot_check_defence_and_interior(country: str, office: str, day: date, name: str) -> None:
    assert [row["name"] for row in _holders(country, office, day)] == [name]


@pytest.mark.parametrize("office", ["head_of_state", "head_of_government", "foreign_minister"])
def test_office_holders_brought_up_to_late_2025(office: str) -> None:
    day = date(2025, 11, 1)
    missing = [c for c in COUNTRIES if not _holders(c, office, day)
               and (c, office) not in {("PRK", "foreign_minister"), ("PRK", "head_of_government"),
                                       ("KOR", "head_of_government"), ("AUS", "head_of_state"),
                                       ("CAN", "head_of_state")}]
    assert missing == []
