"""The web's own read queries over an event database: paged events, timelines, networks, places (parameterised SQL).

Filters mean what they mean in `EventDB.events` (tacitus.store.query); `tests/test_web_queries.py` checks that the
two agree. Only values travel as parameters; the SQL text is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ..model import STATUSES
from ..store.query import _STORY_COLS, Where, _common_filters, parse_period, period_filter
from .dates import PERIOD_PATTERN
from .names import resolve_actor

#: Actor keys and code prefixes: "JPN", "IGOUNO", "JPNGOV".
ACTOR_PATTERN = r"^[A-Za-z0-9]{1,32}$"
DYAD_PATTERN = r"^[A-Za-z0-9]{1,32}:[A-Za-z0-9]{1,32}$"
ROOT_PATTERN = r"^[0-9]{1,2}$"
CODE_PATTERN = r"^[0-9]{1,4}$"

_ACTOR = re.compile(ACTOR_PATTERN)
_DYAD = re.compile(DYAD_PATTERN)
_ROOT = re.compile(ROOT_PATTERN)
_CODE = re.compile(CODE_PATTERN)
_PERIOD = re.compile(PERIOD_PATTERN)

_EVENT_ORDER = "e.window_start NULLS LAST, e.doc_id, e.span_start, e.event_id"
QUAD_COLUMNS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


class BadParameter(ValueError):
    """A request parameter has a value the queries cannot use; the message says which and why."""


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a view is about; every field optional. Dates are inclusive and match date windows."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    roots: tuple[str, ...] = ()
    code: str | None = None
    statuses: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    text: str | None = None
    doc_id: str | None = None

    def as_query(self) -> dict[str, Any]:
        """The filter as URL query parameters (for links that keep it)."""
        out: dict[str, Any] = {}
        if self.actor:
            out["actor"] = self.actor
        if self.dyad:
            out["dyad"] = ":".join(self.dyad)
        if self.directed:
            out["directed"] = "true"
        if self.roots:
            out["root"] = list(self.roots)
        if self.code:
            out["code"] = self.code
        if self.statuses:
            out["status"] = list(self.statuses)
        if self.since:
            out["since"] = self.since.isoformat()
        if self.until:
            out["until"] = self.until.isoformat()
        if self.text:
            out["text"] = self.text
        return out


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def make_filter(*, actor: str | None = None, dyad: str | Sequence[str] | None = None, directed: bool = False,
                root: Sequence[str] = (), code: str | None = None, status: Sequence[str] = (),
                since: str | None = None, until: str | None = None, text: str | None = None,
                doc_id: str | None = None) -> EventFilter:
    """Check raw request values (blank means absent) and build an `EventFilter`.

    Raises:
        BadParameter: a value is malformed; the message names the parameter.
    """
    actor = _blank(actor)
    actor = resolve_actor(actor) if actor else None  # "Japan" → JPN, "UN" → IGOUNO
    if actor and not _ACTOR.match(actor):
        raise BadParameter(f"actor must be letters or digits such as JPN or IGOUNO, got {actor!r}")
    pair = None
    if isinstance(dyad, str):
        dyad = _blank(dyad)
        if dyad and dyad.count(":") == 1:
            dyad = ":".join(resolve_actor(side) if side.strip() else side for side in dyad.split(":"))
        if dyad and not _DYAD.match(dyad):
            raise BadParameter(f"dyad must be two actor keys as A:B, such as JPN:RUS, got {dyad!r}")
        pair = tuple(dyad.upper().split(":")) if dyad else None
    elif dyad:
        sides = [_blank(side) for side in dyad]
        sides = [resolve_actor(side) if side else side for side in sides]
        if len(sides) != 2 or not all(side and _ACTOR.match(side) for side in sides):
            raise BadParameter(f"a dyad is two actor keys such as JPN and RUS, got {list(dyad)!r}")
        pair = (sides[0].upper(), sides[1].upper())
    roots = tuple(r.strip().zfill(2) for r in root if _blank(r))
    for value in roots:
        if not _ROOT.match(value):
            raise BadParameter(f"root must be a CAMEO root code of one or two digits (04), got {value!r}")
    code = _blank(code)
    if code and not _CODE.match(code):
        raise BadParameter(f"code must be a CAMEO code or its prefix (042), got {code!r}")
    statuses = tuple(s for s in (_blank(s) for s in status) if s)
    for value in statuses:
        if value not in STATUSES:
            raise BadParameter(f"status must be one of {', '.join(STATUSES)}, got {value!r}")
    since_day, until_day = _period("since", since), _period("until", until, end=True)  # reversed: no rows
    text = _blank(text)
    if text and len(text) > 200:
        raise BadParameter("text must be at most 200 characters")
    return EventFilter(actor=actor.upper() if actor else None, dyad=pair, directed=bool(directed and pair),
                       roots=roots, code=code, statuses=statuses, since=since_day, until=until_day, text=text,
                       doc_id=_blank(doc_id))


def _period(name: str, value: str | None, *, end: bool = False) -> date | None:
    value = _blank(value)
    if value is None:
        return None
    if not _PERIOD.fullmatch(value):
        raise BadParameter(f"{name} must be a date that exists as YYYY, YYYY-MM or YYYY-MM-DD (years 1000–2999), "
                           f"got {value!r}")
    return parse_period(value, end=end)


def _where(f: EventFilter, *clauses: str) -> Where:
    """WHERE clauses over `events e` (and `documents d` when `f.text` is set)."""
    where = Where(*clauses)
    if f.actor:
        where.add("(e.source_key = ? OR e.target_key = ? OR starts_with(e.source_code, ?) "
                  "OR starts_with(e.target_code, ?))", f.actor, f.actor, f.actor, f.actor)
    if f.dyad:
        a, b = f.dyad
        if f.directed:
            where.add("(e.source_key = ? AND e.target_key = ?)", a, b)
        else:
            where.add("((e.source_key = ? AND e.target_key = ?) OR (e.source_key = ? AND e.target_key = ?))",
                      a, b, b, a)
    if f.roots:
        where.add("e.root IN (SELECT unnest(?::VARCHAR[]))", list(f.roots))
    if f.code:
        where.add("starts_with(e.code, ?)", f.code)
    if f.statuses:
        where.add("e.status IN (SELECT unnest(?::VARCHAR[]))", list(f.statuses))
    period_filter(where, "e.window_start", "e.window_end", f.since, f.until)
    if f.text:
        where.add("(contains(lower(e.sentence), lower(?)) OR contains(lower(coalesce(d.title, '')), lower(?)))",
                  f.text, f.text)
    if f.doc_id:
        where.add("e.doc_id = ?", f.doc_id)
    return where


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _from(f: EventFilter) -> str:
    return "events e JOIN documents d USING (doc_id)" if f.text else "events e"


def count_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> int:
    """How many events match."""
    where = _where(f)
    return con.execute(f"SELECT count(*) FROM {_from(f)} {where.sql()}", where.params).fetchone()[0]


def events_page(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, offset: int = 0
                ) -> list[dict[str, Any]]:
    """One page of events in the order of `EventDB.events`, with their document's date, outlet and title."""
    where = _where(f)
    # Choose the page on the events alone, then join only its rows: several times faster on a large table.
    return _rows(con, f"""
        WITH page AS (SELECT e.event_id FROM {_from(f)} {where.sql()} ORDER BY {_EVENT_ORDER} LIMIT ? OFFSET ?)
        SELECT e.*, coalesce(m.story_id, e.event_id) AS story_id, d.published, d.outlet, d.title,
               d.source AS doc_source
        FROM page JOIN events e ON e.event_id = page.event_id JOIN documents d ON d.doc_id = e.doc_id
        LEFT JOIN mentions m ON m.event_id = e.event_id
        ORDER BY {_EVENT_ORDER}""", [*where.params, limit, offset])


def events_sql(f: EventFilter, *, nested_as_json: bool = False) -> tuple[str, list[Any]]:
    """The SELECT of every matching event in list order, with its story and document fields (for downloads);
    with `nested_as_json` the list columns (`other_mentions`, the participants) are JSON text (CSV has no
    nesting)."""
    where = _where(f)
    lists = ("other_mentions", "source_participants", "target_participants")
    nested = ", ".join((f"to_json(e.{c})::VARCHAR" if nested_as_json else f"e.{c}") + f" AS {c}" for c in lists)
    return (f"""
        SELECT e.* EXCLUDE ({", ".join(lists)}), {nested},
               coalesce(m.story_id, e.event_id) AS story_id, d.published, d.outlet, d.title
        FROM events e JOIN documents d ON d.doc_id = e.doc_id LEFT JOIN mentions m ON m.event_id = e.event_id
        {where.sql()} ORDER BY {_EVENT_ORDER}""", list(where.params))


#: Facets of the events page: name → the expression counted.
FACETS = {"root": "e.root", "plover": "e.plover", "status": "e.status", "actor": "e.source_key",
          "country": "e.location_country", "outlet": "d.outlet", "month": "strftime(e.window_start, '%Y-%m')"}


def facets(con: duckdb.DuckDBPyConnection, f: EventFilter, *, top: int = 12) -> dict[str, list[dict[str, Any]]]:
    """For each facet, its most frequent values among the matching events, with their counts."""
    where = _where(f)
    out = {}
    for name, expr in FACETS.items():
        order = "value DESC" if name == "month" else "n DESC, value"
        rows = con.execute(f"""
            SELECT {expr} AS value, count(*) AS n FROM events e JOIN documents d ON d.doc_id = e.doc_id
            {where.sql()} GROUP BY value HAVING value IS NOT NULL ORDER BY {order} LIMIT ?""",
                           [*where.params, top]).fetchall()
        out[name] = [{"value": value, "count": n} for value, n in rows]
    return out


def stories_page(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, offset: int = 0
                 ) -> tuple[int, list[dict[str, Any]]]:
    """Stories (deduplicated events) matching the filters of `EventDB.stories`: (how many, one page of them)."""
    where = Where()
    _common_filters(where, _STORY_COLS, actor=f.actor, dyad=f.dyad, directed=f.directed, root=list(f.roots) or None,
                    status=list(f.statuses) or None, since=f.since, until=f.until)
    total = con.execute(f"SELECT count(*) FROM stories s {where.sql()}", where.params).fetchone()[0]
    rows = _rows(con, f"""SELECT s.* FROM stories s {where.sql()}
                          ORDER BY s.date_start NULLS LAST, s.source, s.target, s.root, s.story_id
                          LIMIT ? OFFSET ?""", [*where.params, limit, offset])
    return total, rows


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter, *, by: str = "month") -> list[dict[str, Any]]:
    """Events per month (or year) of their date window's start: counts by QuadClass and mean Goldstein score."""
    if by not in ("month", "year"):
        raise BadParameter(f"by must be month or year, got {by!r}")
    period = "strftime(e.window_start, '%Y-%m')" if by == "month" else "strftime(e.window_start, '%Y')"
    where = _where(f, "e.window_start IS NOT NULL")
    return _rows(con, f"""
        SELECT {period} AS period, count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean,
               count_if(e.quad_class = 1) AS verbal_cooperation, count_if(e.quad_class = 2) AS material_cooperation,
               count_if(e.quad_class = 3) AS verbal_conflict, count_if(e.quad_class = 4) AS material_conflict
        FROM {_from(f)} {where.sql()} GROUP BY period ORDER BY period""", where.params)


def pairs(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, min_events: int = 1
          ) -> list[dict[str, Any]]:
    """Undirected dyads (a < b) by number of events, with the mean Goldstein score and the QuadClass mix."""
    where = _where(f, "e.target_key IS NOT NULL", "e.target_key <> e.source_key")
    return _rows(con, f"""
        SELECT least(e.source_key, e.target_key) AS a, greatest(e.source_key, e.target_key) AS b,
               count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean,
               count_if(e.quad_class = 1) AS verbal_cooperation, count_if(e.quad_class = 2) AS material_cooperation,
               count_if(e.quad_class = 3) AS verbal_conflict, count_if(e.quad_class = 4) AS material_conflict
        FROM {_from(f)} {where.sql()} GROUP BY a, b HAVING count(*) >= ?
        ORDER BY events DESC, a, b LIMIT ?""", [*where.params, min_events, limit])


def network(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, min_events: int = 1) -> dict[str, Any]:
    """Actors as nodes and undirected dyads as edges (the `limit` busiest), for a network drawing."""
    edges = pairs(con, f, limit=limit, min_events=min_events)
    weight: dict[str, int] = {}
    for edge in edges:
        for side in (edge["a"], edge["b"]):
            weight[side] = weight.get(side, 0) + edge["events"]
    names = actor_names(con, list(weight))
    nodes = [{"id": key, "name": names.get(key) or key, "events": n}
             for key, n in sorted(weight.items(), key=lambda item: (-item[1], item[0]))]
    return {"nodes": nodes, "edges": edges}


def actor_names(con: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> dict[str, str]:
    """The usual name of each actor key, from the events where it is a side."""
    if not keys:
        return {}
    rows = con.execute("""
        WITH sides AS (SELECT source_key AS actor, source_name AS name, source_code AS code FROM events
                       WHERE source_key IN (SELECT unnest(?::VARCHAR[]))
                       UNION ALL
                       SELECT target_key, target_name, target_code FROM events
                       WHERE target_key IN (SELECT unnest(?::VARCHAR[])))
        SELECT actor, coalesce(mode(name) FILTER (WHERE code = actor), mode(name)) FROM sides GROUP BY actor""",
                       [list(keys), list(keys)]).fetchall()
    return {key: name for key, name in rows}


def locations(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int) -> list[dict[str, Any]]:
    """Places where events happened, busiest first: name, country, coordinates, events, mean Goldstein."""
    where = _where(f, "e.location_lat IS NOT NULL", "e.location_lon IS NOT NULL")
    return _rows(con, f"""
        SELECT e.location_name AS name, e.location_country AS country, round(e.location_lat, 2) AS lat,
               round(e.location_lon, 2) AS lon, count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean
        FROM {_from(f)} {where.sql()} GROUP BY ALL ORDER BY events DESC, name LIMIT ?""", [*where.params, limit])


def date_range(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The first and last event dates and publication dates of the corpus."""
    first, last = con.execute("SELECT min(window_start), max(window_start) FROM events").fetchone()
    published = con.execute("SELECT min(published), max(published) FROM documents").fetchone()
    return {"first_event": first, "last_event": last, "first_published": published[0],
            "last_published": published[1]}


def documents_page(con: duckdb.DuckDBPyConnection, *, status: str | None, limit: int, offset: int = 0
                   ) -> tuple[int, list[dict[str, Any]]]:
    """Documents, newest first: (how many match, one page of them) without their text."""
    where = Where()
    if status:
        where.add("status = ?", status)
    total = con.execute(f"SELECT count(*) FROM documents {where.sql()}", where.params).fetchone()[0]
    rows = _rows(con, f"""
        SELECT doc_id, status, reason, source, title, outlet, published, n_events, url FROM documents
        {where.sql()} ORDER BY published DESC NULLS LAST, doc_id LIMIT ? OFFSET ?""",
                 [*where.params, limit, offset])
    return total, rows
