"""`EventDB`: read an event database as pandas DataFrames — events, stories, dyads, actors, commitments.

    >>> db = tacitus.open("tacitus.duckdb")
    >>> db.events(dyad=("JPN", "RUS"), since="2015-01", until="2015-12")
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocumentNotFoundError
from ..model import STATUSES
from . import aggregates, search
from .commitments import COUNTED, STATES
from .db import DEFAULT_DB, Store
from .rows import CHOSEN, page_sql
from .seek import in_list_order, span, within

if TYPE_CHECKING:
    import pandas as pd

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_EVENT_ORDER = "e.window_start NULLS LAST, e.doc_id, e.span_start, e.event_id"
#: What a query does with background events (history a story tells, `Event.background`).
BACKGROUND = ("include", "only", "exclude")
#: The clause that says an event `e` is background.
EVENT_IS_BACKGROUND = "coalesce(e.background, false)"
#: The clause that says a story `s` is background: all of its events are (as many of its mentions are background
#: as it has; the few background events are counted, not every story's members aggregated). Not correlated with
#: `s`: the (story, count) pairs are hashed once, not looked for again for every story.
STORY_IS_BACKGROUND = """{'story_id': s.story_id, 'n': s.num_mentions} IN (
                             SELECT {'story_id': m.story_id, 'n': count(*)} FROM events b JOIN mentions m
                             USING (event_id) WHERE b.background GROUP BY m.story_id)"""


def background_choice(background: str | None, *, dated: bool = False) -> str:
    """The value a query uses for `background`: the one given, checked, or by default `exclude` for a dated
    query (`dated`: since or until given) and `include` otherwise (the default of `EventDB.events`).

    Raises:
        ValueError: the value is not include, only or exclude.
    """
    if background is None:
        return "exclude" if dated else "include"
    if background not in BACKGROUND:
        raise ValueError(f"background must be one of {', '.join(BACKGROUND)}, got {background!r}")
    return background


def any_background(con) -> bool:
    """Whether any event is told as history: without one, no filter on it need be applied."""
    return bool(con.execute("SELECT EXISTS (SELECT 1 FROM events WHERE background)").fetchall()[0][0])


def _background_filter(where: Where, background: str, clause: str, *, con=None) -> None:
    """Keep background events (`include`), only them, or none (`exclude`); `clause` says one is background. With
    `con`, a database that has no background event gets the filter only when it keeps only them (none).

    Raises:
        ValueError: the value is not include, only or exclude.
    """
    if background not in BACKGROUND:
        raise ValueError(f"background must be one of {', '.join(BACKGROUND)}, got {background!r}")
    if con is not None and background == "exclude" and not any_background(con):
        return
    if background == "only":
        where.add(clause)
    elif background == "exclude":
        where.add(f"NOT ({clause})")


def parse_period(value: str | date, *, end: bool = False) -> date:
    """The first (or, with `end`, last) day of "2015", "2015-01" or "2015-01-15".

    Raises:
        ValueError: the value is none of these.
    """
    if isinstance(value, date):
        return value
    match = _PERIOD.match(str(value).strip())
    if not match:
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), last if end else 1)
        return date(year, int(month), int(day))
    except ValueError as exc:
        raise ValueError(f"not a valid date: {value!r} ({exc})") from None


def _roots(root: str | Sequence[str]) -> list[str]:
    values = [root] if isinstance(root, str) else list(root)
    out = []
    for value in values:
        value = str(value).strip()
        if not value.isdigit() or len(value) > 2:
            raise ValueError(f"a CAMEO root code is one or two digits (\"04\"), got {value!r}")
        out.append(value.zfill(2))
    return out


class Where:
    """WHERE clauses with their parameters, over columns named by the caller (events or stories)."""

    def __init__(self, *clauses: str) -> None:
        self.clauses: list[str] = list(clauses)
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _dyad_filter(where: Where, source: str, target: str, dyad: Sequence[str], directed: bool) -> None:
    if len(dyad) != 2 or not all(isinstance(side, str) and side for side in dyad):
        raise ValueError(f"a dyad is two actor keys, e.g. (\"JPN\", \"RUS\"), got {dyad!r}")
    a, b = (side.strip().upper() for side in dyad)
    if directed:
        where.add(f"({source} = ? AND {target} = ?)", a, b)
    else:
        where.add(f"(({source} = ? AND {target} = ?) OR ({source} = ? AND {target} = ?))", a, b, b, a)


def _common_filters(where: Where, cols: dict[str, str], *, actor, dyad, directed, root, status, since,
                    until) -> None:
    if actor:
        key = actor.strip().upper()
        clause = f"({cols['source']} = ? OR {cols['target']} = ?"
        params = [key, key]
        if "source_code" in cols:
            clause += f" OR starts_with({cols['source_code']}, ?) OR starts_with({cols['target_code']}, ?)"
            params += [key, key]
        where.add(clause + ")", *params)
    if dyad:
        _dyad_filter(where, cols["source"], cols["target"], dyad, directed)
    if root:
        where.add(f"{cols['root']} IN (SELECT unnest(?::VARCHAR[]))", _roots(root))
    if status:
        statuses = [status] if isinstance(status, str) else list(status)
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {unknown[0]!r}")
        where.add(f"{cols['status']} IN (SELECT unnest(?::VARCHAR[]))", statuses)
    period_filter(where, cols["start"], cols["end"], since, until)


def period_filter(where: Where, start: str, end: str, since: str | date | None, until: str | date | None) -> None:
    """Rows whose date window `start`–`end` meets the period from `since` to `until` (both inclusive, either
    open); a reversed period (since after until) is empty, not an error: no row is in it."""
    first = parse_period(since) if since else None
    last = parse_period(until, end=True) if until else None
    if first and last and first > last:
        where.add("FALSE")
        return
    if first:
        where.add(f"{end} >= ?", first)
    if last:
        where.add(f"{start} <= ?", last)


_EVENT_COLS = {"source": "e.source_key", "target": "e.target_key", "source_code": "e.source_code",
               "target_code": "e.target_code", "root": "e.root", "status": "e.status",
               "start": "e.window_start", "end": "e.window_end"}
_STORY_COLS = {"source": "s.source", "target": "s.target", "root": "s.root", "status": "s.status",
               "start": "s.date_start", "end": "s.date_end"}


@dataclass(frozen=True, slots=True)
class Rows:
    """The result of a query as plain Python values: its column names, their DuckDB types ("BIGINT") and its
    rows (tuples in column order)."""

    columns: tuple[str, ...]
    types: tuple[str, ...]
    values: list[tuple[Any, ...]]


class EventDB:
    """A read-only view of an event database. Close it (or use `with`) to let a writer in.

    Every method returns a pandas DataFrame (for polars: `polars.from_pandas(df)`); dates are datetime64.
    Actor keys are CAMEO/ISO country codes ("JPN") or, for actors without a country, actor codes ("IGOUNO").
    """

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.store = Store.open(path, read_only=True)
        self.path = self.store.path

    def close(self) -> None:
        """Release the database."""
        self.store.close()

    def __enter__(self) -> EventDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run any read-only SQL (tables documents, events, mentions, runs; views stories, commitments).

        Nested columns (lists such as a story's evidence or an actor's codes) come back as Python lists of
        plain values, not numpy arrays."""
        return _lists(self.store.execute(query, list(params or [])).df())

    def rows(self, query: str, params: Sequence[Any] | None = None) -> Rows:
        """Run any read-only SQL, as `sql` does, and return its column names and rows as Python values."""
        cursor = self.store.execute(query, list(params or []))
        return Rows(tuple(column[0] for column in cursor.description),
                    tuple(str(column[1]) for column in cursor.description), cursor.fetchall())

    def events(self, *, actor: str | None = None, dyad: Sequence[str] | None = None, directed: bool = False,
               root: str | Sequence[str] | None = None, code: str | None = None,
               status: str | Sequence[str] | None = None, since: str | date | None = None,
               until: str | date | None = None, text: str | None = None, doc_id: str | None = None,
               background: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Coded events, one row per event in an article, with their document's date, outlet and story.

        Args:
            actor: events with this actor on either side: a key ("JPN") or an actor-code prefix ("JPNGOV").
            dyad: (a, b): events between a and b, in either direction unless `directed`.
            directed: with `dyad`, only events from a to b.
            root: CAMEO root code(s) ("04").
            code: a CAMEO code or its prefix ("042").
            status: occurred, planned, requested, hypothetical or negated (or several).
            since, until: YYYY, YYYY-MM or YYYY-MM-DD; events whose date window meets the period.
            text: words in the event's sentence or the article's title, all of them, whole and case-insensitive;
                "a phrase" in quotes; `negotiat*` for words starting so (see `tacitus.store.search`).
            doc_id: events of one document.
            background: include, only or exclude the events told as history (`Event.background`); by default
                excluded from a dated query (`since`, `until`), included otherwise. A dated query leaves out
                the events without a date (`undated_events` counts them).
            limit: at most this many rows.
        """
        return self.sql(*self._events_query(actor=actor, dyad=dyad, directed=directed, root=root, code=code,
                                            status=status, since=since, until=until, text=text, doc_id=doc_id,
                                            background=background, limit=limit))

    def event_rows(self, **filters: Any) -> Rows:
        """The rows `events` returns for these filters, as plain Python values (no pandas: a terminal table of a
        few rows starts without it)."""
        return self.rows(*self._events_query(**filters))

    def _events_query(self, *, actor: str | None = None, dyad: Sequence[str] | None = None, directed: bool = False,
                      root: str | Sequence[str] | None = None, code: str | None = None,
                      status: str | Sequence[str] | None = None, since: str | date | None = None,
                      until: str | date | None = None, text: str | None = None, doc_id: str | None = None,
                      background: str | None = None, limit: int | None = None) -> tuple[str, list[Any]]:
        """The SELECT (and its parameters) of `events`."""
        where = Where()
        _background_filter(where, background_choice(background, dated=bool(since or until)), EVENT_IS_BACKGROUND)
        _common_filters(where, _EVENT_COLS, actor=actor, dyad=dyad, directed=directed, root=root, status=status,
                        since=since, until=until)
        if code:
            where.add("starts_with(e.code, ?)", str(code).strip())
        source = "events e"
        if text:
            sql, params, needs_title = search.clause(self.store.con, search.parse(self.store.con, str(text)))
            where.add(sql, *params)
            if needs_title:
                source += " JOIN documents d ON d.doc_id = e.doc_id"
        if doc_id:
            where.add("e.doc_id = ?", doc_id)
        if limit is not None and not (root or code or text or doc_id):
            self._seek_months(where, actor=actor, dyad=dyad, directed=directed, status=status, since=since,
                              until=until, background=background, limit=int(limit))
        # The rows are chosen on the events alone (a narrow sort), then only they are read (tacitus.store.rows).
        chosen = self.store.execute(f"SELECT {CHOSEN} FROM {source} {where.sql()} ORDER BY {_EVENT_ORDER} "
                                    f"{_limit(limit)}", where.params).fetchall()
        return page_sql(chosen)

    def _seek_months(self, where: Where, *, actor, dyad, directed, status, since, until, background, limit: int
                     ) -> None:
        """Keep, in `where`, only the months that hold the first `limit` events, when the counts kept per dyad
        and month can say which (`tacitus.store.aggregates`): the first rows are then sorted among those alone,
        not among every event."""
        statuses = [status] if isinstance(status, str) else list(status or ())
        found = aggregates.dyad_cells(
            self.store.con, grains=("month",), actor=actor.strip().upper() if actor else None,
            dyad=tuple(side.strip().upper() for side in dyad) if dyad else None, directed=directed,
            statuses=statuses, since=parse_period(since) if since else None,
            until=parse_period(until, end=True) if until else None,
            background=background_choice(background, dated=bool(since or until)))
        if found is not None:
            spanned, _, _ = span(aggregates.cell_months(self.store.con, found[0]), 0, limit)
            within(where, "e.window_start", spanned)

    def stories(self, *, actor: str | None = None, dyad: Sequence[str] | None = None, directed: bool = False,
                root: str | Sequence[str] | None = None, status: str | Sequence[str] | None = None,
                since: str | date | None = None, until: str | date | None = None, min_articles: int = 1,
                background: str = "exclude", limit: int | None = None) -> pd.DataFrame:
        """Deduplicated events (see `tacitus.store.dedup`): one row per real-world event, with its number of
        mentions, articles and sources and the list of its mentions' evidence. Filters as in `events`; a story
        all of whose events are background is left out unless `background` is include or only."""
        where = Where()
        _background_filter(where, background, STORY_IS_BACKGROUND, con=self.store.con)
        _common_filters(where, _STORY_COLS, actor=actor, dyad=dyad, directed=directed, root=root, status=status,
                        since=since, until=until)
        if min_articles > 1:
            where.add("s.num_articles >= ?", min_articles)
        return self.sql(f"""SELECT s.* FROM stories s {where.sql()}
                            ORDER BY s.date_start NULLS LAST, s.source, s.target, s.root, s.story_id
                            {_limit(limit)}""", where.params)

    def dyads(self, *, actor: str | None = None, dyad: Sequence[str] | None = None, directed: bool = False,
              root: str | Sequence[str] | None = None, status: str | Sequence[str] | None = "occurred",
              since: str | date | None = None, until: str | date | None = None, by: str = "month",
              background: str | None = None) -> pd.DataFrame:
        """Events per directed dyad and month (or year): counts of events and stories, mean Goldstein score
        and the QuadClass mix (verbal/material cooperation/conflict). Only events with a target count; by
        default only events that occurred. `background` as in `events`."""
        if by not in ("month", "year"):
            raise ValueError(f"by must be 'month' or 'year', got {by!r}")
        counted = self._dyads_counted(actor=actor, dyad=dyad, directed=directed, root=root, status=status,
                                      since=since, until=until, by=by, background=background)
        if counted is not None:
            return counted
        where = Where()
        where.add("e.target_key IS NOT NULL AND e.window_start IS NOT NULL")
        _background_filter(where, background_choice(background, dated=bool(since or until)), EVENT_IS_BACKGROUND)
        _common_filters(where, _EVENT_COLS, actor=actor, dyad=dyad, directed=directed, root=root, status=status,
                        since=since, until=until)
        period = "strftime(e.window_start, '%Y-%m')" if by == "month" else "strftime(e.window_start, '%Y')"
        return self.sql(f"""
            SELECT e.source_key AS source, e.target_key AS target, {period} AS {by},
                   count(*) AS events, count(DISTINCT coalesce(m.story_id, e.event_id)) AS stories,
                   round(avg(e.goldstein), 2) AS goldstein_mean,
                   count_if(e.quad_class = 1)::BIGINT AS verbal_cooperation,
                   count_if(e.quad_class = 2)::BIGINT AS material_cooperation,
                   count_if(e.quad_class = 3)::BIGINT AS verbal_conflict,
                   count_if(e.quad_class = 4)::BIGINT AS material_conflict
            FROM events e LEFT JOIN mentions m USING (event_id)
            {where.sql()} GROUP BY ALL ORDER BY source, target, {by}""", where.params)

    def _dyads_counted(self, *, actor, dyad, directed, root, status, since, until, by, background
                       ) -> pd.DataFrame | None:
        """`dyads` from the stored counts (`tacitus.store.aggregates`); None when they cannot answer it."""
        if root:
            return None
        check = Where()
        _common_filters(check, _EVENT_COLS, actor=actor, dyad=dyad, directed=directed, root=None, status=status,
                        since=since, until=until)  # the same checks of the values as the events' query
        statuses = [status] if isinstance(status, str) else list(status or [])
        pair = tuple(side.strip().upper() for side in dyad) if dyad else None
        found = aggregates.dyad_cells(
            self.store.con, grains=(by,), actor=actor.strip().upper() if actor else None, dyad=pair,
            directed=directed, statuses=statuses, since=parse_period(since) if since else None,
            until=parse_period(until, end=True) if until else None,
            background=background_choice(background, dated=bool(since or until)), with_target=True)
        if found is None:
            return None
        cells, _ = found
        return self.sql(f"""
            SELECT c.source_key AS source, c.target_key AS target, c.period AS {by}, {cells.sums(stories=True)}
            FROM dyad_counts c WHERE {cells.where} AND c.period IS NOT NULL
            GROUP BY ALL HAVING sum({cells.measure('events')}) > 0 ORDER BY source, target, {by}""",
                        list(cells.params))

    def actors(self, *, limit: int | None = None) -> pd.DataFrame:
        """Every actor key with its usual name, the actor codes seen, events as source and as target, and the
        first and last event dates; most active first (from the stored counts when they are up to date)."""
        if aggregates.fresh(self.store.con):
            return self.sql(f"""
                WITH named AS ({aggregates.actor_names_sql()})
                SELECT a.key AS actor, any_value(n.name) AS name, list(DISTINCT a.code ORDER BY a.code) AS codes,
                       coalesce(sum(a.events) FILTER (WHERE a.side = 'source'), 0)::INTEGER AS as_source,
                       coalesce(sum(a.events) FILTER (WHERE a.side = 'target'), 0)::INTEGER AS as_target,
                       sum(a.events)::BIGINT AS events, min(a.first_date) AS first_date,
                       max(a.last_date) AS last_date
                FROM actor_counts a LEFT JOIN named n ON n.key = a.key
                GROUP BY a.key ORDER BY events DESC, actor {_limit(limit)}""")
        return self.sql(f"""
            WITH sides AS (
                SELECT source_key AS actor, source_code AS code, source_name AS name, 1 AS as_source,
                       window_start FROM events
                UNION ALL
                SELECT target_key, target_code, target_name, 0, window_start FROM events
                WHERE target_key IS NOT NULL)
            SELECT actor, coalesce(mode(name) FILTER (WHERE code = actor), mode(name)) AS name,
                   list(DISTINCT code ORDER BY code) AS codes, sum(as_source)::INTEGER AS as_source,
                   (count(*) - sum(as_source))::INTEGER AS as_target, count(*) AS events,
                   min(window_start) AS first_date, max(window_start) AS last_date
            FROM sides GROUP BY actor ORDER BY events DESC, actor {_limit(limit)}""")

    def commitments(self, *, state: str | None = None, actor: str | None = None,
                    dyad: Sequence[str] | None = None, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """Planned events and what became of them: fulfilled (with the event that fulfilled it), pending, overdue
        or unknown (see `tacitus.store.commitments`), in order of announcement; `limit` rows from `offset`."""
        return self.sql(*self._commitments_query(state=state, actor=actor, dyad=dyad, limit=limit, offset=offset))

    def commitment_rows(self, **filters: Any) -> Rows:
        """The rows `commitments` returns for these filters, as plain Python values (no pandas)."""
        return self.rows(*self._commitments_query(**filters))

    def _commitments_query(self, *, state: str | None = None, actor: str | None = None,
                           dyad: Sequence[str] | None = None, limit: int | None = None, offset: int = 0
                           ) -> tuple[str, list[Any]]:
        """The SELECT (and its parameters) of `commitments`."""
        where = self._commitment_filter(state=state, actor=actor, dyad=dyad)
        if int(offset) < 0:
            raise ValueError(f"offset must not be negative, got {offset}")
        offset = int(offset)
        if limit is not None:  # a page: sorted among the commitments of the days it spans (the kept counts say)
            days = self.store.execute(f"SELECT c.announced, sum(c.commitments)::BIGINT AS n FROM {COUNTED} "
                                      f"{where.sql()} GROUP BY 1 HAVING n > 0", where.params).fetchall()
            spanned, before, _ = span(in_list_order(days), offset, int(limit))
            within(where, "c.announced", spanned)
            offset -= before
        return (f"SELECT c.* FROM commitments c {where.sql()} ORDER BY c.announced, c.story_id "
                f"{_limit(limit)} OFFSET {offset}", where.params)

    def commitment_states(self, *, actor: str | None = None, dyad: Sequence[str] | None = None) -> dict[str, int]:
        """How many commitments are in each state (every state listed, zero where none is)."""
        where = self._commitment_filter(actor=actor, dyad=dyad)
        counts = dict(self.store.execute(f"SELECT c.state, sum(c.commitments) FROM {COUNTED} {where.sql()} "
                                         "GROUP BY 1", where.params).fetchall())
        return {state: int(counts.get(state, 0)) for state in STATES}

    @staticmethod
    def _commitment_filter(*, state: str | None = None, actor: str | None = None,
                           dyad: Sequence[str] | None = None) -> Where:
        where = Where()
        if state:
            if state not in STATES:
                raise ValueError(f"state must be one of {', '.join(STATES)}, got {state!r}")
            where.add("c.state = ?", state)
        if actor:
            where.add("(c.source = ? OR c.target = ?)", actor.upper(), actor.upper())
        if dyad:
            _dyad_filter(where, "c.source", "c.target", dyad, False)
        return where

    def documents(self, *, status: str | None = None, undated: bool = False,
                  limit: int | None = None) -> pd.DataFrame:
        """Documents with their outcome (coded, rejected, failed), source, publication date and its source, and
        number of events; `undated` keeps the coded documents without a publication date."""
        where = Where()
        if status:
            if status not in DOCUMENT_STATUSES:
                raise ValueError(f"status must be one of {', '.join(DOCUMENT_STATUSES)}, got {status!r}")
            where.add("status = ?", status)
        if undated:
            where.add("status = 'coded' AND published IS NULL")
        return self.sql(f"""SELECT doc_id, status, reason, source, title, outlet, published, published_source,
                                   n_events, content_hash, run_id
                            FROM documents {where.sql()} ORDER BY source, doc_id {_limit(limit)}""",
                        where.params)

    def document(self, doc_id: str) -> dict[str, Any]:
        """One document (by id or a unique prefix of it) with its text and its events (a DataFrame).

        Raises:
            DocumentNotFoundError: no document, or several, match.
        """
        rows = self.sql("SELECT * FROM documents WHERE doc_id = ? OR starts_with(doc_id, ?) ORDER BY doc_id "
                        "LIMIT 2", [doc_id, doc_id])
        exact = rows[rows["doc_id"] == doc_id]
        if len(exact) == 1:
            rows = exact
        if rows.empty:
            raise DocumentNotFoundError(f"no document {doc_id!r} in {self.path}")
        if len(rows) > 1:
            raise DocumentNotFoundError(f"{doc_id!r} is the start of several document ids in {self.path}; "
                                        "give more of it")
        record = rows.iloc[0].to_dict()
        record["events"] = self.events(doc_id=record["doc_id"])
        return record

    def undated_events(self) -> int:
        """The number of events without a date (a page without a publication date whose text dates nothing):
        stored and listed, but left out of every dated query."""
        return self.store.execute("SELECT count(*) FROM events WHERE window_start IS NULL").fetchone()[0]

    def runs(self) -> pd.DataFrame:
        """The runs that wrote this database: when, what, with which Tacitus and knowledge version, counts."""
        return self.sql("SELECT * FROM runs ORDER BY run_id")

    def counts(self) -> dict[str, int]:
        """Numbers of documents (by status, and coded ones without a publication date), events (and those without a
        date, and those told as background) and stories."""
        out = {f"documents_{status}": n for status, n in self.store.execute(
            "SELECT status, count(*) FROM documents GROUP BY status").fetchall()}
        out["documents"] = sum(out.values())
        out["documents_undated"] = self.store.execute(
            "SELECT count(*) FROM documents WHERE status = 'coded' AND published IS NULL").fetchone()[0]
        out["events"] = self.store.execute("SELECT count(*) FROM events").fetchone()[0]
        out["events_undated"] = self.undated_events()
        out["events_background"] = self.store.execute(
            "SELECT count(*) FROM events WHERE background").fetchone()[0]
        # The stories, and each event not yet in one (a run cut short) as a story of its own: every mention is of
        # a stored event, so those are the events beyond the mentions (no join of millions of events).
        out["stories"] = self.store.execute(
            "SELECT (SELECT count(*) FROM stories) + (SELECT count(*) FROM events) - (SELECT count(*) FROM mentions)"
        ).fetchone()[0]
        return out


DOCUMENT_STATUSES = ("coded", "rejected", "failed")


def _plain_value(value: Any) -> Any:
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, list):
        return [_plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_value(v) for k, v in value.items()}
    return value


def _lists(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns holding numpy arrays (DuckDB lists) as Python lists, nested values made plain too."""
    import numpy as np

    for column in frame.columns:
        if frame[column].dtype == object:
            values = frame[column]
            if values.map(lambda v: isinstance(v, (np.ndarray, list, dict))).any():
                frame[column] = values.map(_plain_value).astype(object)
    return frame


def _limit(limit: int | None) -> str:
    if limit is None:
        return ""
    if int(limit) < 0:
        raise ValueError(f"limit must not be negative, got {limit}")
    return f"LIMIT {int(limit)}"


def open(path: str | Path = DEFAULT_DB) -> EventDB:  # noqa: A001 - the public name is tacitus.open
    """Open an event database written by `tacitus run`, read-only.

    Raises:
        StoreError: (a subclass) the database is missing, not a database, locked by a writer, or too new.
    """
    return EventDB(path)
