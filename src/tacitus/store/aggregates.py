"""Counts of the events kept at the end of a run, beside the stories: per directed dyad, status and month or year
(`dyad_counts`), the same per year of the windows' start and end and per place (`place_counts`), per actor key,
code and name on each side (`actor_counts`), and the stories per directed dyad, root, status and month of their
start and end (`story_counts`: the totals of the stories list, and its seeks by date).

The explorer's dyad tables, timelines, network, overview and map, and the actor list, read these small tables
instead of every event. A cell of `dyad_counts` is (source key, target key, status, grain, period): its events,
Goldstein sum, QuadClass mix and stories — all events, and the background ones apart (`bg_…`), so that a query
including, excluding or keeping only the events told as history is a sum of cells. Stories never straddle a
status (see `tacitus.store.dedup`), so summing cells over statuses counts each story once; they can straddle
months, so stories are counted per grain (month, year) and a query sums cells of one grain only. Each cell keeps
the earliest and latest start and end of its events' date windows: a period filter (`since`, `until`) is answered
when every cell it touches is wholly in or wholly out of the period, and otherwise by the events themselves.
Filters the cells do not have (root, code, text, document, an actor-code prefix) are read from the events too.

`refresh` rebuilds the cells and actor rows of the dyads a run touched (the dyads whose stories it rebuilt and
those of deleted events); `fresh` says whether the tables are up to date (every event in a story, no dyad
waiting), and a reader that finds them stale (a run still going) computes from the events instead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from . import facet_counts
from .commitments import dyad_key
from .seek import month_values

__all__ = ["ACTOR_ROWS", "Cells", "MIGRATION", "PLACE_GRAINS", "STORY_MIGRATION", "actor_is_prefix", "actor_names_sql",
           "cell_months", "dyad_cells", "fresh", "refresh"]

GRAINS = {"month": "strftime(e.window_start, '%Y-%m')", "year": "strftime(e.window_start, '%Y')"}
#: The additive measures of a cell; each also kept for the background events alone (`bg_` before the name).
MEASURES = ("events", "goldstein_sum", "goldstein_n", "quad1", "quad2", "quad3", "quad4")

_BACKGROUND = "coalesce(e.background, false)"


#: The keys of a place cell beyond a dyad cell's: where the events happened (coordinates as the map rounds them).
_PLACE = ("e.location_name, e.location_country, round(e.location_lat, 2) AS location_lat, "
          "round(e.location_lon, 2) AS location_lon")
#: The events a place cell counts: those with coordinates or a country.
_PLACED = "((e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL) OR e.location_country IS NOT NULL)"
#: The grains of the place cells (a period that cuts through a year is read from the events).
PLACE_GRAINS = ("year",)


def _cell_rows(grain: str, where: str = "", *, places: bool = False) -> str:
    """The cells of one grain from the events (`where`: a condition on `e`); dyad cells with their stories (from
    `mentions`), place cells (`places`) with their place."""
    measures = {"events": "1", "goldstein_sum": "e.goldstein", "goldstein_n": "(e.goldstein IS NOT NULL)::INTEGER",
                **{f"quad{q}": f"(e.quad_class = {q})::INTEGER" for q in range(1, 5)}}
    sums = ", ".join(f"sum({expr})::{'DOUBLE' if name == 'goldstein_sum' else 'BIGINT'} AS {name}, "
                     f"coalesce(sum({expr}) FILTER (WHERE {_BACKGROUND}), 0)::"
                     f"{'DOUBLE' if name == 'goldstein_sum' else 'BIGINT'} AS bg_{name}"
                     for name, expr in measures.items())
    story = "coalesce(m.story_id, e.event_id)"
    if places:  # by the period of the windows' ends too, so that `since` finds whole cells (a plan runs on)
        extra = f", {GRAINS[grain].replace('window_start', 'window_end')} AS end_period, {_PLACE}"
        joined = ""
        where = f"{where} AND {_PLACED}" if where else f"WHERE {_PLACED}"
    else:
        extra = f""",
               count(DISTINCT {story}) AS stories,
               count(DISTINCT {story}) FILTER (WHERE {_BACKGROUND}) AS bg_stories,
               count(DISTINCT {story}) FILTER (WHERE NOT {_BACKGROUND}) AS fg_stories"""
        joined = "LEFT JOIN mentions m ON m.event_id = e.event_id"
    return f"""
        SELECT e.source_key, e.target_key, e.status, '{grain}' AS grain, {GRAINS[grain]} AS period,
               min(e.window_start) AS min_start, max(e.window_start) AS max_start,
               min(e.window_end) AS min_end, max(e.window_end) AS max_end, {sums}{extra}
        FROM events e {joined} {where}
        GROUP BY ALL"""


def _all_cells(where: str = "") -> str:
    return " UNION ALL ".join(_cell_rows(grain, where) for grain in GRAINS)


def _place_cells(where: str = "") -> str:
    return " UNION ALL ".join(_cell_rows(grain, where, places=True) for grain in PLACE_GRAINS)


#: The rows of `actor_counts`: events per side, actor key, actor code and name, with their first and last dates.
ACTOR_ROWS = """
    SELECT 'source' AS side, e.source_key AS key, e.source_code AS code, e.source_name AS name, count(*) AS events,
           min(e.window_start) AS first_date, max(e.window_start) AS last_date
    FROM events e {source_where} GROUP BY ALL
    UNION ALL
    SELECT 'target', e.target_key, e.target_code, e.target_name, count(*), min(e.window_start), max(e.window_start)
    FROM events e WHERE e.target_key IS NOT NULL {target_where} GROUP BY ALL"""


def actor_names_sql(keys: str = "") -> str:
    """SELECT (key, name) of each actor key's usual name: its commonest where its code is the key itself, else its
    commonest; `keys`, when given, an SQL list expression of the keys wanted."""
    among = f"AND list_contains({keys}, key)" if keys else ""
    return f"""
        SELECT key, coalesce(arg_max(name, own) FILTER (WHERE own > 0), arg_max(name, n)) AS name
        FROM (SELECT key, name, sum(events) FILTER (WHERE code = key) AS own, sum(events) AS n
              FROM actor_counts WHERE name IS NOT NULL {among} GROUP BY key, name)
        GROUP BY key"""


#: The rows of `story_counts`: stories per directed dyad, root, status and month of their start and of their end,
#: with the earliest and latest start and end (a period filter on stories meets their whole window) and the
#: stories all of whose mentions are background apart (`bg_stories`; the others `fg_stories`), `where` a
#: condition on the stories `s`.
_STORY_CELLS = """
    SELECT s.source AS source_key, s.target AS target_key, s.root, s.status, 'month' AS grain,
           strftime(s.date_start, '%Y-%m') AS period, strftime(s.date_end, '%Y-%m') AS end_period,
           min(s.date_start) AS min_start, max(s.date_start) AS max_start,
           min(s.date_end) AS min_end, max(s.date_end) AS max_end, count(*) AS stories,
           count(*) FILTER (WHERE b.n = s.num_mentions) AS bg_stories,
           count(*) FILTER (WHERE b.n IS DISTINCT FROM s.num_mentions) AS fg_stories
    FROM stories s LEFT JOIN (SELECT m.story_id, count(*) AS n FROM events e JOIN mentions m USING (event_id)
                              WHERE e.background GROUP BY m.story_id) b ON b.story_id = s.story_id
    {where}
    GROUP BY ALL
    ORDER BY source_key, target_key, period"""

#: Migration 0016 (with the document counts): the story counts, filled from the stories stored.
STORY_MIGRATION = (f"CREATE TABLE story_counts AS {_STORY_CELLS.format(where='')}",)

#: Migration 0014: both tables, filled from the events stored (in dyad order, so that a dyad's cells are together).
MIGRATION = (
    f"CREATE TABLE dyad_counts AS SELECT * FROM ({_all_cells()}) ORDER BY source_key, target_key, grain, period",
    f"CREATE TABLE place_counts AS SELECT * FROM ({_place_cells()}) ORDER BY grain, period, source_key, target_key",
    "CREATE TABLE actor_counts AS " + ACTOR_ROWS.format(source_where="", target_where=""),
)


def fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the counts are up to date: every event is in a story and no deleted event's dyad waits."""
    return bool(con.execute("""SELECT (SELECT count(*) FROM events) = (SELECT count(*) FROM mentions)
                                  AND NOT EXISTS (SELECT 1 FROM commitment_stale_dyads)""").fetchall()[0][0])


def refresh(con: duckdb.DuckDBPyConnection, dirty_keys: str) -> None:
    """Rebuild the cells and actor rows of the dyads of `dirty_keys` (a table with source_key and target_key: the
    keys whose stories were rebuilt) and of the dyads marked stale (deleted events), in the caller's transaction,
    after the stories and before the commitments (which clear the stale marks)."""
    k1, k2 = dyad_key("source_key", "target_key")
    e1, e2 = dyad_key("e.source_key", "e.target_key")
    c1, c2 = dyad_key("c.source_key", "c.target_key")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE counted_dyads AS
                    SELECT DISTINCT {k1} AS k1, {k2} AS k2 FROM {dirty_keys}
                    UNION SELECT k1, k2 FROM commitment_stale_dyads""")
    con.execute(f"DELETE FROM dyad_counts c WHERE EXISTS (SELECT 1 FROM counted_dyads t WHERE t.k1 = {c1} "
                f"AND t.k2 = {c2})")
    con.execute(f"""INSERT INTO dyad_counts BY NAME SELECT * FROM ({_all_cells(
        f'WHERE EXISTS (SELECT 1 FROM counted_dyads t WHERE t.k1 = {e1} AND t.k2 = {e2})')})
        ORDER BY source_key, target_key, grain, period""")
    con.execute(f"DELETE FROM place_counts c WHERE EXISTS (SELECT 1 FROM counted_dyads t WHERE t.k1 = {c1} "
                f"AND t.k2 = {c2})")
    con.execute(f"""INSERT INTO place_counts BY NAME SELECT * FROM ({_place_cells(
        f'WHERE EXISTS (SELECT 1 FROM counted_dyads t WHERE t.k1 = {e1} AND t.k2 = {e2})')})
        ORDER BY grain, period, source_key, target_key""")
    s1, s2 = dyad_key("s.source", "s.target")
    con.execute(f"DELETE FROM story_counts c WHERE EXISTS (SELECT 1 FROM counted_dyads t WHERE t.k1 = {c1} "
                f"AND t.k2 = {c2})")
    con.execute("INSERT INTO story_counts BY NAME " + _STORY_CELLS.format(
        where=f"WHERE EXISTS (SELECT 1 FROM counted_dyads t WHERE t.k1 = {s1} AND t.k2 = {s2})"))
    facet_counts.refresh(con, "counted_dyads", f"t.k1 = {c1} AND t.k2 = {c2}", f"t.k1 = {e1} AND t.k2 = {e2}")
    con.execute("""CREATE OR REPLACE TEMP TABLE counted_actors AS
                   SELECT k1 AS key FROM counted_dyads UNION SELECT k2 FROM counted_dyads WHERE k2 <> ''""")
    con.execute("DELETE FROM actor_counts WHERE key IN (SELECT key FROM counted_actors)")
    con.execute("INSERT INTO actor_counts BY NAME " + ACTOR_ROWS.format(
        source_where="WHERE e.source_key IN (SELECT key FROM counted_actors)",
        target_where="AND e.target_key IN (SELECT key FROM counted_actors)"))
    con.execute("DROP TABLE counted_actors")
    con.execute("DROP TABLE counted_dyads")


def actor_is_prefix(con: duckdb.DuckDBPyConnection, actor: str) -> bool:
    """Whether `actor` matches events by an actor-code prefix beyond its key ("JPNGOV" in JPN's events): the
    counts, keyed by actor key, cannot answer a filter on it."""
    return bool(con.execute("SELECT EXISTS (SELECT 1 FROM actor_counts WHERE starts_with(code, ?) "
                            "AND key IS DISTINCT FROM ?)", [actor, actor]).fetchall()[0][0])


@dataclass(frozen=True, slots=True)
class Cells:
    """The cells of `dyad_counts` that answer a query exactly: the WHERE over `dyad_counts c` (with its
    parameters) and which events the sums are of (`background`: include, only or exclude)."""

    where: str
    params: tuple[Any, ...]
    background: str

    def measure(self, name: str) -> str:
        """The SQL of one measure of a cell (an element of `MEASURES`, or `stories`) for this background."""
        if name == "stories":
            return {"include": "c.stories", "only": "c.bg_stories", "exclude": "c.fg_stories"}[self.background]
        if self.background == "include":
            return f"c.{name}"
        if self.background == "only":
            return f"c.bg_{name}"
        return f"(c.{name} - c.bg_{name})"

    def sums(self, *, stories: bool = False, only: Sequence[str] | None = None) -> str:
        """The select list of the usual sums: events (and `stories`), goldstein_mean and the QuadClass counts
        (`only`: those of these names)."""
        columns = {"events": f"sum({self.measure('events')})::BIGINT"}
        if stories:
            columns["stories"] = f"sum({self.measure('stories')})::BIGINT"
        columns["goldstein_mean"] = (f"round(sum({self.measure('goldstein_sum')}) / "
                                     f"nullif(sum({self.measure('goldstein_n')}), 0), 2)")
        for q, name in enumerate(("verbal_cooperation", "material_cooperation", "verbal_conflict",
                                  "material_conflict"), 1):
            columns[name] = f"sum({self.measure(f'quad{q}')})::BIGINT"
        return ", ".join(f"{sql} AS {name}" for name, sql in columns.items() if only is None or name in only)


def dyad_cells(con: duckdb.DuckDBPyConnection, *, grains: Sequence[str], table: str = "dyad_counts",
               actor: str | None = None,
               dyad: tuple[str, str] | None = None, directed: bool = False, statuses: Sequence[str] = (),
               roots: Sequence[str] = (), since: date | None = None, until: date | None = None,
               background: str = "include", with_target: bool = False, distinct_sides: bool = False
               ) -> tuple[Cells, str] | None:
    """The cells answering a query of these filters exactly, in the first of `grains` that can, and that grain;
    None when none can (the counts are stale, the actor is a code prefix, or the period cuts through cells).

    Args:
        grains: the grains to try, in order ("year" before "month" when the query sums periods away).
        table: `dyad_counts`, `place_counts` (whose cells are also by place; grains `PLACE_GRAINS`), or
            `story_counts` (stories by root too; grain month).
        roots: CAMEO roots (only for `story_counts`, whose cells have them).
        with_target: only events with a target; distinct_sides: and whose target is not their source.
    """
    if not fresh(con) or (actor and actor_is_prefix(con, actor)):
        return None
    clauses: list[str] = []
    params: list[Any] = []
    if with_target:
        clauses.append("c.target_key IS NOT NULL")
    if distinct_sides:
        clauses.append("c.target_key <> c.source_key")
    if actor:
        clauses.append("(c.source_key = ? OR c.target_key = ?)")
        params += [actor, actor]
    if dyad:
        a, b = dyad
        if directed:
            clauses.append("(c.source_key = ? AND c.target_key = ?)")
            params += [a, b]
        else:
            clauses.append("((c.source_key = ? AND c.target_key = ?) OR (c.source_key = ? AND c.target_key = ?))")
            params += [a, b, b, a]
    if statuses:
        clauses.append("c.status IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(statuses))
    if roots:
        clauses.append("c.root IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(roots))
    if since and until and since > until:
        clauses.append("FALSE")
        since = until = None
    inside = " AND ".join(["TRUE"] + (["c.min_end >= ?"] if since else []) + (["c.max_start <= ?"] if until else []))
    outside = " OR ".join(["FALSE"] + (["c.max_end < ?", "c.max_end IS NULL"] if since else [])
                          + (["c.min_start > ?", "c.min_start IS NULL"] if until else []))
    bounds = ([since] if since else []) + ([until] if until else [])
    for grain in grains:
        where = " AND ".join([f"c.grain = '{grain}'", *clauses])
        if since or until:
            cut = con.execute(f"SELECT EXISTS (SELECT 1 FROM {table} c WHERE {where} "
                              f"AND NOT ({inside}) AND NOT ({outside}))", [*params, *bounds, *bounds]).fetchall()[0][0]
            if cut:
                continue
            return Cells(f"{where} AND {inside}", (*params, *bounds), background), grain
        return Cells(where, tuple(params), background), grain
    return None


def cell_months(con: duckdb.DuckDBPyConnection, cells: Cells, *, table: str = "dyad_counts",
                measure: str = "events") -> list[tuple[tuple[date, date] | None, int]]:
    """The `measure` of these cells of `table` (grain month) per month, in list order (the undated last;
    `tacitus.store.seek.month_values`): the values a page by date seeks through."""
    return month_values(con.execute(f"SELECT c.period, sum({cells.measure(measure)})::BIGINT AS n FROM {table} c "
                                    f"WHERE {cells.where} GROUP BY c.period HAVING n > 0",
                                    list(cells.params)).fetchall())
