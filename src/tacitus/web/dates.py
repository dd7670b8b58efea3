"""Regular expressions that match exactly the calendar dates the web accepts, for its OpenAPI schema.

A schema pattern such as `[0-9]{4}-[0-9]{2}-[0-9]{2}` lets a client (or a schema-driven test generator) send
2015-02-30, which the server must then refuse: the schema would promise what the server does not keep. These
patterns say the calendar itself — month lengths and leap years — so a value matches if and only if the server
accepts it. They use only what JSON Schema (ECMA-262), Python `re` and pydantic's Rust engine share: no
lookarounds, anchored with `^…$`.

    >>> import re
    >>> [bool(re.fullmatch(PERIOD_PATTERN, v)) for v in ("2016", "2016-2", "2016-02-29", "2015-02-29", "0999")]
    [True, True, True, False, False]
    >>> [bool(re.fullmatch(DATE_PATTERN, v)) for v in ("1800-01-01", "2100-12-31", "2000-02-29", "1900-02-29",
    ...                                                 "0001-01-01", "2015-5-16")]
    [True, True, True, False, False, False]
"""

from __future__ import annotations

_D31 = r"(0?[1-9]|[12][0-9]|3[01])"
_D30 = r"(0?[1-9]|[12][0-9]|30)"
_D28 = r"(0?[1-9]|1[0-9]|2[0-8])"
_M31 = r"(0?[13578]|1[02])"
_M30 = r"(0?[469]|11)"
_MONTH = r"(0?[1-9]|1[0-2])"
# The last two digits of a leap year that is not a century, and the first two of a century that is one.
_LEAP_YY = r"(0[48]|[2468][048]|[13579][26])"


def _strict(part: str) -> str:
    """A day or month pattern without the optional leading zero: exactly two digits."""
    return part.replace("0?", "0")


def _day(year: str, leap_year: str, *, two_digits: bool) -> str:
    fix = _strict if two_digits else (lambda part: part)
    month_day = (f"{fix(_M31)}-{fix(_D31)}|{fix(_M30)}-{fix(_D30)}|{fix('0?2')}-{fix(_D28)}")
    return f"{year}-({month_day})|{leap_year}-{fix('0?2')}-29"


#: Years the period filters take: 1000–2999 (four digits, as the database's dates are read).
PERIOD_YEAR = r"[12][0-9]{3}"
_PERIOD_LEAP = rf"([12][0-9]{_LEAP_YY}|(1[26]|2[048])00)"

#: A year (2016), a month (2016-2 or 2016-02) or a day (2016-2-29 or 2016-02-29) that exists, years 1000–2999.
PERIOD_PATTERN = (rf"^({PERIOD_YEAR}|{PERIOD_YEAR}-{_MONTH}|"
                  rf"{_day(PERIOD_YEAR, _PERIOD_LEAP, two_digits=False)})$")

# Publication years 1800–2100 (`tacitus.sources.PUBLISHED_YEARS`; the test checks the two agree). Of its
# centuries only 2000 is a leap year.
_DATE_YEAR = r"(1[89][0-9]{2}|20[0-9]{2}|2100)"
_DATE_LEAP = rf"((1[89]|20){_LEAP_YY}|2000)"

#: A publication day that exists, as YYYY-MM-DD (two-digit month and day), years 1800–2100.
DATE_PATTERN = rf"^({_day(_DATE_YEAR, _DATE_LEAP, two_digits=True)})$"
