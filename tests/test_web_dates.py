"""The schema's date patterns match exactly the dates the server accepts: checked against the calendar."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pytest

from tacitus.store.query import parse_period
from tacitus.sources import PUBLISHED_YEARS
from tacitus.web.data import published_date
from tacitus.web.dates import DATE_PATTERN, PERIOD_PATTERN
from tacitus.web.queries import BadParameter

PERIOD = re.compile(PERIOD_PATTERN)
DATE = re.compile(DATE_PATTERN)


def _accepted_period(value: str) -> bool:
    """What the server takes: a period `parse_period` reads, with a year of 1000–2999."""
    try:
        return 1000 <= parse_period(value).year <= 2999
    except ValueError:
        return False


def _accepted_date(value: str) -> bool:
    """What the server takes as a publication date (`published_date`)."""
    try:
        return published_date(value) is not None
    except BadParameter:
        return False


def _days(year: int) -> list[str]:
    """Every month-day string of a year, real or not (00–32 of months 00–13), with and without leading zeros."""
    out = []
    for month in range(14):
        for day in range(33):
            out += [f"{year}-{month:02d}-{day:02d}", f"{year}-{month}-{day}", f"{year}-{month:02d}-{day}",
                    f"{year}-{month}-{day:02d}"]
    return out


@pytest.mark.parametrize("year", [1000, 1582, 1899, 1900, 1996, 2000, 2015, 2016, 2100, 2400, 2999])
def test_period_pattern_matches_exactly_the_accepted_days_of_a_year(year):
    for value in _days(year):
        assert bool(PERIOD.fullmatch(value)) == _accepted_period(value), value


def test_period_pattern_knows_every_leap_year_and_every_year():
    for year in range(900, 3100):
        for value in (f"{year}", f"{year}-2", f"{year}-02", f"{year}-02-28", f"{year}-02-29", f"{year}-2-29",
                      f"{year}-02-30", f"{year}-13"):
            assert bool(PERIOD.fullmatch(value)) == _accepted_period(value), value


@pytest.mark.parametrize("value", ["", "15", "0000", "0999", "3000", "2015-", "2015-1-", "2015/01", " 2015",
                                   "2015\n", "2015-001", "2015-01-001", "２０１５", "2015-01-01T00:00"])
def test_period_pattern_refuses_what_is_not_a_period(value):
    assert not PERIOD.fullmatch(value)


@pytest.mark.parametrize("year", [1, 1799, 1800, 1900, 1996, 2000, 2015, 2016, 2100, 2101, 9999])
def test_date_pattern_matches_exactly_the_accepted_days_of_a_year(year):
    for value in _days(year):
        value = f"{year:04d}" + value[len(str(year)):]
        assert bool(DATE.fullmatch(value)) == _accepted_date(value), value


def test_date_pattern_knows_every_year_and_leap_year():
    for year in range(0, 10000):
        for day in (28, 29, 30):
            value = f"{year:04d}-02-{day}"
            assert bool(DATE.fullmatch(value)) == _accepted_date(value), value
        assert bool(DATE.fullmatch(f"{year:04d}-12-31")) == (year in PUBLISHED_YEARS)
    assert calendar.isleap(2000) and DATE.fullmatch("2000-02-29") and not DATE.fullmatch("2100-02-29")


def test_dates_module_examples_run():
    import doctest

    import tacitus.web.dates

    assert doctest.testmod(tacitus.web.dates).failed == 0
