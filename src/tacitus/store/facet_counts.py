"""Events per facet value, kept at the end of a run beside the dyad counts (`tacitus.store.aggregates`), so that the
facet counts of an event list whose filters the counts have (actor, dyad, status, period, background) are summed
from a small table instead of counted over every matching event joined to its document.

A cell of `facet_counts` is (source key, target key, status, grain `year`, year of the windows' start and of their
end, facet, value): its events, and the background ones apart (`bg_events`), with the earliest and latest start
and end of their windows, so that `tacitus.store.aggregates.dyad_cells` answers a period filter with whole cells
(a plan that runs into the next year is in a cell of its own). `refresh` rebuilds the cells of the dyads a run
touched, with the other counts; a reader that finds the counts stale, or a filter they do not have (root, code,
text, document, an actor-code prefix, a period cutting through cells), counts the events themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

__all__ = ["FACET_SQL", "GRAIN", "MIGRATION", "refresh", "top_values"]

#: Each facet of the events: the expression counted, over the events `e` and their documents `d`.
FACET_SQL = {"root": "e.root", "plover": "e.plover", "status": "e.status", "actor": "e.source_key",
             "target": "e.target_key", "country": "e.location_country", "outlet": "d.outlet",
             "month": "strftime(e.window_start, '%Y-%m')", "year": "strftime(e.window_start, '%Y')"}
#: Facets whose values are periods: listed latest first, not most frequent first.
DATED = ("month", "year")
#: The grain of the cells.
GRAIN = "year"

_BACKGROUND = "coalesce(e.background, false)"


def _cells(where: str = "") -> str:
    """The cells from the events (`where`: a condition on `e`), one row per (cell, facet, value)."""
    values = ", ".join(f"('{name}', ({sql})::VARCHAR)" for name, sql in FACET_SQL.items())
    return f"""
        SELECT e.source_key, e.target_key, e.status, '{GRAIN}' AS grain, strftime(e.window_start, '%Y') AS period,
               strftime(e.window_end, '%Y') AS end_period, f.facet, f.value,
               min(e.window_start) AS min_start, max(e.window_start) AS max_start,
               min(e.window_end) AS min_end, max(e.window_end) AS max_end,
               count(*)::BIGINT AS events, count(*) FILTER (WHERE {_BACKGROUND})::BIGINT AS bg_events
        FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id,
             (VALUES {values}) f(facet, value)
        {where} {"AND" if where else "WHERE"} f.value IS NOT NULL
        GROUP BY ALL"""


#: Migration 0018: the table, filled from the events stored (in dyad order, so that a dyad's cells are together).
MIGRATION = (f"CREATE TABLE facet_counts AS SELECT * FROM ({_cells()}) ORDER BY source_key, target_key, facet",)


def refresh(con: duckdb.DuckDBPyConnection, dyads: str, cells_match: str, events_match: str) -> None:
    """Rebuild the cells of the dyads of table `dyads` (alias `t`), in the caller's transaction; `cells_match`
    and `events_match` are the conditions that a row of `dyads` is the dyad of a cell `c` and of an event `e`."""
    con.execute(f"DELETE FROM facet_counts c WHERE EXISTS (SELECT 1 FROM {dyads} t WHERE {cells_match})")
    con.execute(f"""INSERT INTO facet_counts BY NAME SELECT * FROM ({_cells(
        f'WHERE EXISTS (SELECT 1 FROM {dyads} t WHERE {events_match})')}) ORDER BY source_key, target_key, facet""")


def top_values(con: duckdb.DuckDBPyConnection, where: str, params: Sequence[Any], measure: str,
               names: Sequence[str], top: int) -> dict[str, list[dict[str, Any]]]:
    """The `top` values of each facet named among the cells `where` selects (over `facet_counts c`), summing
    `measure`: most frequent first (ties by value), months and years latest first — as a count over the events
    orders them."""
    rows = con.execute(f"""
        SELECT c.facet, c.value, sum({measure})::BIGINT AS n FROM facet_counts c
        WHERE {where} AND c.facet IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1, 2 HAVING n > 0""",
                       [*params, list(names)]).fetchall()
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for facet, value, n in rows:
        out[facet].append({"value": value, "count": n})
    for name, values in out.items():
        if name in DATED:
            values.sort(key=lambda v: v["value"], reverse=True)
        else:
            values.sort(key=lambda v: (-v["count"], v["value"]))
        del values[top:]
    return out
