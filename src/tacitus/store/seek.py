"""Seeking a page of a list through kept counts: the values of the list's first sort key a page spans, and the
clause that keeps only the rows of those values, so that the page is sorted among them alone (a page at offset
900,000 sorts a few thousand rows, not the 900,100 before it)."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from typing import Any

__all__ = ["in_list_order", "month_values", "nth_key", "span", "within"]


def nth_key(con: Any, from_sql: str, clauses: Sequence[str], params: Sequence[Any], key: str, descending: bool,
            rows: int) -> tuple[bool, Any]:
    """(whether the rows of `from_sql` under `clauses` hold `rows` rows with a `key`, the key of the last of the
    first `rows` of them in `key` order): a top-N over the key alone, which DuckDB answers while it scans, skipping
    the row groups past the ones that hold them when the table is stored in that order."""
    keyed = [*clauses, f"{key} IS NOT NULL"]
    found = con.execute(f"SELECT {key} FROM {from_sql} WHERE {' AND '.join(keyed)} ORDER BY {key} "
                        f"{'DESC' if descending else 'ASC'} LIMIT 1 OFFSET ?", [*params, rows - 1]).fetchall()
    return (True, found[0][0]) if found else (False, None)


def span(values: list[tuple[Any, int]], first: int, count: int) -> tuple[list[Any], int, int]:
    """The values holding rows `first` .. `first + count - 1` of the list, how many rows come before them and
    how many they hold."""
    spanned: list[Any] = []
    before = seen = 0
    for value, n in values:
        if seen + n <= first:
            seen += n
            before = seen
            continue
        spanned.append(value)
        seen += n
        if seen >= first + count:
            break
    return spanned, before, seen - before


def within(where, key: str, spanned: Sequence[Any]) -> None:
    """Keep the rows whose `key` is among `spanned`, a run of values next to each other in list order: values or
    (first, last) ranges of them (a month of days), and None for the rows without one."""
    known = [value for value in spanned if value is not None]
    parts = [f"{key} BETWEEN ? AND ?"] if known else []
    if None in spanned:
        parts.append(f"{key} IS NULL")
    where.add("(" + " OR ".join(parts or ["FALSE"]) + ")",
              *([min(v[0] if isinstance(v, tuple) else v for v in known),
                 max(v[-1] if isinstance(v, tuple) else v for v in known)] if known else []))


def month_values(rows: Sequence[tuple[str | None, int]], descending: bool = False
                 ) -> list[tuple[tuple[date, date] | None, int]]:
    """(period "YYYY-MM", rows) as ((first day, last day) of the month, rows), in list order: by month (latest
    first when `descending`), the undated (None) last."""
    values = []
    for period, n in rows:
        if period is None:
            values.append((None, n))
        else:
            year, month = int(period[:4]), int(period[5:7])
            values.append(((date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])), n))
    return in_list_order(values, descending)


def in_list_order(values: Sequence[tuple[Any, int]], descending: bool = False) -> list[tuple[Any, int]]:
    """(value, rows) sorted by value (descending: largest first), the rows without one (None) last."""
    known = sorted((row for row in values if row[0] is not None), key=lambda row: row[0], reverse=descending)
    return known + [row for row in values if row[0] is None]
