"""The web's own read queries over an event database: paged events, timelines, networks, places (parameterised SQL).

Filters mean what they mean in `EventDB.events` (tacitus.store.query); `tests/test_web_queries.py` checks that the
two agree. Only values travel as parameters; the SQL text is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import duckdb

from ..model import STATUSES
from ..store import aggregates, document_counts, facet_counts, search
from ..store.seek import in_list_order, nth_key, span, within
from ..store.rows import CHOSEN, by_keys, key_lists, page_sql
from ..store.query import (BACKGROUND, EVENT_IS_BACKGROUND, STORY_IS_BACKGROUND, _STORY_COLS, Where, _background_filter,
                           _common_filters, background_choice, parse_period, period_filter)
from .dates import PERIOD_PATTERN
from .names import Suggestion, is_known, resolve_actor, suggest

#: Actor keys and code prefixes: "JPN", "IGOUNO", "JPNGOV".
ACTOR_PATTERN = r"^[A-Za-z0-9]{1,32}$"
DYAD_PATTERN = r"^[A-Za-z0-9]{1,32}:[A-Za-z0-9]{1,32}$"
#: What a user may type where an actor is asked for: a key, or a name that resolves to one ("United States",
#: "Côte d'Ivoire", "the UN"); and two of them as A:B.
_TYPED = r"[^\W_][\w .,'’()&-]{0,63}"
TYPED_ACTOR_PATTERN = rf"^{_TYPED}$"
TYPED_DYAD_PATTERN = rf"^{_TYPED}:{_TYPED}$"
ROOT_PATTERN = r"^[0-9]{1,2}$"
CODE_PATTERN = r"^[0-9]{1,4}$"

_ACTOR = re.compile(ACTOR_PATTERN)
_TYPED_ACTOR = re.compile(TYPED_ACTOR_PATTERN)
_DYAD = re.compile(DYAD_PATTERN)
_ROOT = re.compile(ROOT_PATTERN)
_CODE = re.compile(CODE_PATTERN)
_PERIOD = re.compile(PERIOD_PATTERN)
_WORD = re.compile(r"[^\W_]+")  # a word of a search text, checked before the database splits it the same way

_EVENT_ORDER = "e.window_start NULLS LAST, e.doc_id, e.span_start, e.event_id"
QUAD_COLUMNS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


class BadParameter(ValueError):
    """A request parameter has a value the queries cannot use; the message says which and why."""


class UnknownActor(BadParameter):
    """An actor typed that is no known name or code and no actor of the database; with the nearest known ones."""

    def __init__(self, typed: str, suggestions: Sequence[Suggestion]) -> None:
        self.typed = typed
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(map(str, suggestions))}?" if suggestions else ""
        super().__init__(f"{typed!r} is not a known actor name or code{hint}")


def check_actors(con: duckdb.DuckDBPyConnection, f: EventFilter) -> None:
    """Refuse an actor key of `f` that is no known name or code and no actor of the database.

    Raises:
        UnknownActor: with the nearest known names (`tacitus.web.names.suggest`).
    """
    for key in ([f.actor] if f.actor else []) + (list(f.dyad) if f.dyad else []):
        if is_known(key):
            continue
        if aggregates.fresh(con):
            found = con.execute("SELECT EXISTS (SELECT 1 FROM actor_counts WHERE key = ? OR starts_with(code, ?))",
                                [key, key]).fetchall()[0][0]
        else:
            found = con.execute("SELECT count(*) FROM (SELECT 1 FROM events WHERE source_key = ? OR target_key = ? "
                                "OR starts_with(source_code, ?) OR starts_with(target_code, ?) LIMIT 1)",
                                [key, key, key, key]).fetchall()[0][0]
        if not found:
            raise UnknownActor(key, suggest(key))


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
    #: include, only or exclude the events told as history; None: the default of `EventDB.events` (exclude in a
    #: dated view, include otherwise) and, for stories, exclude.
    background: str | None = None

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
        if self.background:
            out["background"] = self.background
        return out


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _key(typed: str) -> str:
    """The actor key a typed name or code stands for; a name of several words or with punctuation that names
    nothing known is refused with the nearest known names ("Untied States": did you mean United States?)."""
    if not _TYPED_ACTOR.match(typed.strip()):
        raise BadParameter(f"an actor is a key such as JPN or a name such as Japan, got {typed.strip()!r}")
    key = resolve_actor(typed)
    if not _ACTOR.match(key):
        raise UnknownActor(typed.strip(), suggest(typed))
    return key


def make_filter(*, actor: str | None = None, dyad: str | Sequence[str] | None = None, directed: bool = False,
                root: Sequence[str] = (), code: str | None = None, status: Sequence[str] = (),
                since: str | None = None, until: str | None = None, text: str | None = None,
                doc_id: str | None = None, background: str | None = None) -> EventFilter:
    """Check raw request values (blank means absent) and build an `EventFilter`.

    Raises:
        BadParameter: a value is malformed; the message names the parameter.
    """
    actor = _blank(actor)
    actor = _key(actor) if actor else None  # "Japan" → JPN, "UN" → IGOUNO; refuses what names no key
    pair = None
    if isinstance(dyad, str):
        dyad = _blank(dyad)
        if dyad and dyad.count(":") == 1:
            dyad = ":".join(_key(side) if side.strip() else side for side in dyad.split(":"))
        if dyad and not _DYAD.match(dyad):
            raise BadParameter(f"dyad must be two actor keys as A:B, such as JPN:RUS, got {dyad!r}")
        pair = tuple(dyad.upper().split(":")) if dyad else None
    elif dyad:
        sides = [_blank(side) for side in dyad]
        sides = [_key(side) if side else side for side in sides]
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
    if text and not _WORD.search(text):
        raise BadParameter(f"text must contain a word (letters or digits), got {text!r}")
    if text and len(_WORD.findall(text)) > search.MAX_TERMS:
        raise BadParameter(f"text may hold at most {search.MAX_TERMS} words")
    background = _blank(background)
    if background and background not in BACKGROUND:
        raise BadParameter(f"background must be one of {', '.join(BACKGROUND)}, got {background!r}")
    return EventFilter(actor=actor.upper() if actor else None, dyad=pair, directed=bool(directed and pair),
                       roots=roots, code=code, statuses=statuses, since=since_day, until=until_day, text=text,
                       doc_id=_blank(doc_id), background=background)


def _period(name: str, value: str | None, *, end: bool = False) -> date | None:
    value = _blank(value)
    if value is None:
        return None
    if not _PERIOD.fullmatch(value):
        raise BadParameter(f"{name} must be a date that exists as YYYY, YYYY-MM or YYYY-MM-DD (years 1000–2999), "
                           f"got {value!r}")
    return parse_period(value, end=end)


class Scope(Where):
    """WHERE clauses over `events e`, with the FROM they need (`documents d` joined when a search reads titles)."""

    def __init__(self, *clauses: str) -> None:
        super().__init__(*clauses)
        self.from_sql = "events e"


def _where(con: duckdb.DuckDBPyConnection, f: EventFilter, *clauses: str) -> Scope:
    """The clauses of filter `f` over `events e` (a search through the word index when the database has one).

    Raises:
        UnknownActor: an actor of `f` is no known name or code and no actor of the database.
    """
    check_actors(con, f)
    where = Scope(*clauses)
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
    _background_filter(where, background_choice(f.background, dated=bool(f.since or f.until)), EVENT_IS_BACKGROUND)
    if f.text:
        sql, params, needs_title = search_clause(con, f.text)
        where.add(sql, *params)
        if needs_title:
            where.from_sql = "events e JOIN documents d ON d.doc_id = e.doc_id"
    if f.doc_id:
        where.add("e.doc_id = ?", f.doc_id)
    return where


def search_clause(con: duckdb.DuckDBPyConnection, text: str) -> tuple[str, list[Any], bool]:
    """`tacitus.store.search.clause` for a search text from a request.

    Raises:
        BadParameter: the text has no words, or too many.
    """
    try:
        return search.clause(con, search.parse(con, text))
    except search.SearchError as exc:
        raise BadParameter(str(exc)) from None


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def count_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> int:
    """How many events match."""
    where = _where(con, f)
    return con.execute(f"SELECT count(*) FROM {where.from_sql} {where.sql()}", where.params).fetchone()[0]


@dataclass(frozen=True, slots=True)
class SortKey:
    """A column a list can be sorted by: its SQL expression and whether it needs the documents joined."""

    sql: str
    documents: bool = False


#: Keys of `sort=` for events (`-` before a key for descending); ties keep the default order.
EVENT_SORTS = {"date": SortKey("e.window_start"), "published": SortKey("d.published", True),
               "goldstein": SortKey("e.goldstein"), "confidence": SortKey("e.confidence"),
               "code": SortKey("e.code"), "root": SortKey("e.root"), "source": SortKey("e.source_key"),
               "target": SortKey("e.target_key"), "country": SortKey("e.location_country"),
               "outlet": SortKey("d.outlet", True)}
#: Keys of `sort=` for stories.
STORY_SORTS = {"date": SortKey("s.date_start"), "published": SortKey("s.first_published"),
               "mentions": SortKey("s.num_mentions"), "articles": SortKey("s.num_articles"),
               "sources": SortKey("s.num_sources"), "goldstein": SortKey("s.goldstein"),
               "confidence": SortKey("s.confidence"), "root": SortKey("s.root"), "source": SortKey("s.source"),
               "target": SortKey("s.target")}
_STORY_ORDER = "s.date_start NULLS LAST, s.source, s.target, s.root, s.story_id"


def sort_values(keys: dict[str, SortKey]) -> tuple[str, ...]:
    """Every value `sort=` accepts for these keys: each key, ascending and with `-` descending."""
    return tuple(v for key in keys for v in (key, "-" + key))


def check_sort(sort: str | None, keys: dict[str, SortKey]) -> None:
    """Check a `sort=` value against the keys of a list.

    Raises:
        BadParameter: the key is not one of `keys`.
    """
    _order(sort, keys, "")


def _order(sort: str | None, keys: dict[str, SortKey], default: str) -> tuple[str, bool]:
    """(ORDER BY text, whether it needs the documents) for a `sort=` value; NULLs always last.

    Raises:
        BadParameter: the key is not one of `keys`.
    """
    sort = _blank(sort)
    if sort is None:
        return default, False
    key = keys.get(sort.removeprefix("-"))
    if key is None:
        raise BadParameter(f"sort must be one of {', '.join(keys)} (with - before it for descending), got {sort!r}")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{key.sql} {direction} NULLS LAST, {default}", key.documents


def events_page(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, offset: int = 0,
                sort: str | None = None) -> list[dict[str, Any]]:
    """One page of events in the order of `EventDB.events` (or of `sort`, e.g. "-goldstein"), with their
    document's date, outlet and title."""
    return _events_page(con, _where(con, f), limit=limit, offset=offset, sort=sort)


def _events_page(con: duckdb.DuckDBPyConnection, where: Scope, *, limit: int, offset: int, sort: str | None
                 ) -> list[dict[str, Any]]:
    order, documents = _order(sort, EVENT_SORTS, _EVENT_ORDER)
    source = where.from_sql
    if documents and "documents d" not in source:
        source += " JOIN documents d ON d.doc_id = e.doc_id"
    # Choose the page on the events alone (a narrow sort), then read only its rows (tacitus.store.rows).
    chosen = con.execute(f"SELECT {CHOSEN} FROM {source} {where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                         [*where.params, limit, offset]).fetchall()
    return _rows(con, *page_sql(chosen))


def events_sql(con: duckdb.DuckDBPyConnection, f: EventFilter, *, nested_as_json: bool = False,
               sort: str | None = None) -> tuple[str, list[Any]]:
    """The SELECT of every matching event in list order (or `sort`'s), with its story and document fields (for
    downloads); with `nested_as_json` the list columns (`other_mentions`, the participants) are JSON text (CSV has
    no nesting)."""
    where = _where(con, f)
    order, _ = _order(sort, EVENT_SORTS, _EVENT_ORDER)
    lists = ("other_mentions", "source_participants", "target_participants")
    nested = ", ".join((f"to_json(e.{c})::VARCHAR" if nested_as_json else f"e.{c}") + f" AS {c}" for c in lists)
    return (f"""
        SELECT e.* EXCLUDE ({", ".join(lists)}), {nested},
               coalesce(m.story_id, e.event_id) AS story_id, d.published, d.outlet, d.title
        FROM events e JOIN documents d ON d.doc_id = e.doc_id LEFT JOIN mentions m ON m.event_id = e.event_id
        {where.sql()} ORDER BY {order}""", list(where.params))


#: Facets of events: name → (the expression counted, whether it needs the documents).
FACETS = {name: (sql, sql.startswith("d.")) for name, sql in facet_counts.FACET_SQL.items()}
#: The facets the events page shows.
PAGE_FACETS = ("root", "plover", "status", "actor", "country", "outlet", "month")
#: Facets of stories.
STORY_FACETS = {"root": ("s.root", False), "status": ("s.status", False), "source": ("s.source", False),
                "target": ("s.target", False), "month": ("strftime(s.date_start, '%Y-%m')", False),
                "year": ("strftime(s.date_start, '%Y')", False)}
MAX_FACET_VALUES = 100


def facet_names(value: str | Sequence[str] | None, known: dict[str, Any]) -> tuple[str, ...]:
    """The facet names of a `facets=` value ("root,country", or a list of such), checked.

    Raises:
        BadParameter: a name is not one of `known`.
    """
    if value is None:
        return ()
    parts = [value] if isinstance(value, str) else list(value)
    names = [n.strip() for part in parts for n in part.split(",") if n.strip()]
    for name in names:
        if name not in known:
            raise BadParameter(f"facets must be names from {', '.join(known)}, got {name!r}")
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class FacetCounts:
    """Each facet's most frequent values with their counts; `approximate`: counted on a sample of the matching
    rows and scaled up to their number."""

    values: dict[str, list[dict[str, Any]]]
    approximate: bool = False


#: Facets of more matching events than this are counted on a sample of the events and scaled up (approximate).
FACET_EXACT_ROWS = 50_000
#: About how many of the matching rows such a sample holds.
FACET_SAMPLE_ROWS = 2_000
#: The largest share of the events (percent) sampled for the facets of a list whose total is itself an estimate.
ESTIMATED_SAMPLE_PERCENT = 2.0
#: The seed of the sample, so that one request answers the same each time.
_SAMPLE_SEED = 42


def _facet_counts(con: duckdb.DuckDBPyConnection, source: str, where: Where, exprs: dict[str, str], top: int, *,
                  scale_to: int | None = None) -> FacetCounts:
    """The `top` values of each facet expression among the rows of `source` `where` matches, counted in one pass
    over them (GROUPING SETS), most frequent first (months and years: the latest); with `scale_to` (the rows of
    `source` being a sample), the counts are scaled so that the sample's rows count as `scale_to`."""
    if not exprs:
        return FacetCounts({}, approximate=scale_to is not None)
    names = list(exprs)
    columns = ", ".join(f"{expr} AS f{i}" for i, expr in enumerate(exprs.values()))
    sets = ", ".join(f"(f{i})" for i in range(len(names)))
    which = " ".join(f"WHEN grouping(f{i}) = 0 THEN {i}" for i in range(len(names)))
    value = "CASE " + " ".join(f"WHEN grouping(f{i}) = 0 THEN f{i}::VARCHAR" for i in range(len(names))) + " END"
    dated = [i for i, name in enumerate(names) if name in ("month", "year")]
    rank = (f"CASE WHEN facet IN ({', '.join(map(str, dated))}) THEN 0 ELSE -n END, "
            f"CASE WHEN facet IN ({', '.join(map(str, dated))}) THEN value END DESC, value") if dated else "-n, value"
    # The empty grouping set counts every row (facet and value NULL): the size of a sample.
    rows = con.execute(f"""
        WITH matching AS (SELECT {columns} FROM {source} {where.sql()}),
        counted AS (SELECT CASE {which} END AS facet, {value} AS value, count(*) AS n
                    FROM matching GROUP BY GROUPING SETS ({sets}, ())),
        ranked AS (SELECT *, row_number() OVER (PARTITION BY facet ORDER BY {rank}) AS place
                   FROM counted WHERE value IS NOT NULL OR facet IS NULL)
        SELECT facet, value, n FROM ranked WHERE place <= ? ORDER BY facet, place""",
                       [*where.params, top]).fetchall()
    counted = sum(n for facet, _, n in rows if facet is None)
    factor = scale_to / counted if scale_to is not None and counted else 1
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for facet, value, n in rows:
        if facet is not None:
            out[names[facet]].append({"value": value, "count": round(n * factor)})
    return FacetCounts(out, approximate=scale_to is not None)


def facets(con: duckdb.DuckDBPyConnection, f: EventFilter, *, names: Sequence[str] = PAGE_FACETS, top: int = 12,
           matching: int | None = None, estimated: bool = False) -> FacetCounts:
    """For each facet named, its most frequent values among the matching events, with their counts (months and
    years: the latest): from the kept counts when they answer `f` (`tacitus.store.facet_counts`), exact. Else,
    with `matching` (how many events match, as the list counted them) above
    `FACET_EXACT_ROWS`, they are counted on a sample of about `FACET_SAMPLE_ROWS` of them (whole blocks of the
    events table, the same each time) and scaled up: `approximate` — and so too whenever `matching` is itself an
    estimate (`estimated`: a common-word search's list), which exact counts would cost a join of the word index
    to every event."""
    cells = counted_cells(con, f, (facet_counts.GRAIN,), table="facet_counts")
    if cells is not None:  # exact, from the kept counts
        return FacetCounts(facet_counts.top_values(con, cells.where, cells.params, cells.measure("events"), names,
                                                   top))
    where = _where(con, f)
    documents = any(FACETS[name][1] for name in names)
    exprs = {name: FACETS[name][0] for name in names}
    if matching is None or (matching <= FACET_EXACT_ROWS and not estimated):
        source = where.from_sql
        if documents and "documents d" not in source:
            source += " JOIN documents d ON d.doc_id = e.doc_id"
        return _facet_counts(con, source, where, exprs, top)
    percent = min(100.0, 100 * FACET_SAMPLE_ROWS / max(matching, 1))
    if estimated:  # a few matches of common words: a sample of at most this share, not a scan of every text
        percent = min(percent, ESTIMATED_SAMPLE_PERCENT)
    sampled = _where(con, replace(f, text=None))
    source = f"events e TABLESAMPLE {percent:.6f}% (system, {_SAMPLE_SEED})"
    if f.text:  # the sample's own text read, not the word index joined to every event holding the words
        sql, params, _ = search.clause(con, search.parse(con, f.text), use_index=False)
        sampled.add(sql, *params)
        documents = True
    if documents:
        source += " JOIN documents d ON d.doc_id = e.doc_id"
    return _facet_counts(con, source, sampled, exprs, top, scale_to=matching)


def _story_where(con: duckdb.DuckDBPyConnection, f: EventFilter) -> Where:
    check_actors(con, f)
    where = Where()
    _common_filters(where, _STORY_COLS, actor=f.actor, dyad=f.dyad, directed=f.directed, root=list(f.roots) or None,
                    status=list(f.statuses) or None, since=f.since, until=f.until)
    _background_filter(where, f.background or "exclude", STORY_IS_BACKGROUND, con=con)
    if f.text:
        sql, params, needs_title = search_clause(con, f.text)
        titles = "JOIN documents d ON d.doc_id = e.doc_id" if needs_title else ""
        if search.has_index(con) and search.rare_rows(con, search.parse(con, f.text)) is not None:
            # A rare word: its few events' stories looked up by key, not every event joined to its story.
            events = [row[0] for row in con.execute(f"SELECT e.event_id FROM events e {titles} WHERE {sql}",
                                                    params).fetchall()]
            stories = _story_ids(con, events)
            if not stories:
                where.add("FALSE")
                return where
            # Their row numbers through the stories' index (they hold for this request: the file is not
            # written while a request reads it), so that every query of the request reads only their row groups.
            found = by_keys("stories", "rowid", "story_id", len(stories))
            where.add("s.rowid = ANY(?::BIGINT[])",
                      [row[0] for row in con.execute(found, key_lists(stories)).fetchall()])
            return where
        where.add(f"""s.story_id IN (SELECT coalesce(m.story_id, e.event_id) FROM events e {titles}
                                      LEFT JOIN mentions m ON m.event_id = e.event_id WHERE {sql})""", *params)
    return where


def _story_ids(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> list[str]:
    """The stories of these events (an event in none yet is a story of its own), each through the mentions' key."""
    if not event_ids:
        return []
    found = dict(con.execute(" UNION ALL ".join("SELECT event_id, story_id FROM mentions WHERE event_id = ?"
                                                for _ in event_ids), list(event_ids)).fetchall())
    return sorted({found.get(event_id, event_id) for event_id in event_ids})


def stories_page(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, offset: int = 0,
                 sort: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Stories (deduplicated events) matching the filters of `EventDB.stories` and a search of their mentions'
    sentences and titles: (how many, one page of them, in date order or `sort`'s)."""
    where = _story_where(con, f)
    order, _ = _order(sort, STORY_SORTS, _STORY_ORDER)
    sort = _blank(sort)
    months = _story_months(con, f, descending=sort == "-date")
    # The page chosen on the sort's columns alone, then only its rows read (with their evidence) by their ids,
    # through the stories' index.
    page = f"SELECT s.story_id{{count}} FROM stories s {{where}} ORDER BY {order} LIMIT ? OFFSET ?"
    if months is None:  # the page and how many match in one pass (a count alone when the page is past them)
        found = con.execute(page.format(count=", count(*) OVER ()", where=where.sql()),
                            [*where.params, limit, offset]).fetchall()
        total = found[0][1] if found else \
            con.execute(f"SELECT count(*) FROM stories s {where.sql()}", where.params).fetchone()[0]
    else:
        total = sum(n for _, n in months)
        if sort in (None, "date", "-date"):  # by date first: the page among the stories of the months it spans
            spanned, before, _ = span(months, offset, limit)
            within(where, "s.date_start", spanned)
            offset -= before
        elif offset < total:  # by a count or score: among the stories whose key reaches the page's last one's
            _reaching(con, where, STORY_SORTS[sort.removeprefix("-")].sql, sort.startswith("-"), offset + limit)
        found = con.execute(page.format(count="", where=where.sql()), [*where.params, limit, offset]).fetchall()
    chosen = [row[0] for row in found]
    found = by_keys("stories", "*", "story_id", len(chosen))
    rows = _rows(con, f"SELECT s.* FROM ({found}) s ORDER BY list_position(?::VARCHAR[], s.story_id)",
                 [*key_lists(chosen), chosen]) if chosen else []
    return total, rows


def _reaching(con: duckdb.DuckDBPyConnection, where: Where, key: str, descending: bool, rows: int) -> None:
    """Keep, in `where` (over `stories s`), only the stories whose `key` comes no later in the list than that of
    its `rows`-th story with a key, found by a top-N over the key alone: a test DuckDB makes while it scans, so
    that the list's other columns are read only for those (few, when the key is a count such as the mentions).
    Nothing is kept back when fewer stories have a key (the stories without one come last)."""
    reached, last = nth_key(con, "stories s", where.clauses, where.params, key, descending, rows)
    if reached:
        where.add(f"{key} {'>=' if descending else '<='} ?", last)


def _story_months(con: duckdb.DuckDBPyConnection, f: EventFilter, *, descending: bool = False
                  ) -> list[tuple[tuple[date, date] | None, int]] | None:
    """The stories matching `f` per month of their start (`tacitus.store.seek.month_values`), from the kept counts
    (`story_counts`); None when they cannot answer `f` (a search, a stale store, an actor-code prefix, a period
    cutting through cells)."""
    if f.text:
        return None
    found = aggregates.dyad_cells(con, grains=("month",), table="story_counts", actor=f.actor, dyad=f.dyad,
                                  directed=f.directed, statuses=f.statuses, roots=f.roots, since=f.since,
                                  until=f.until, background=f.background or "exclude")
    if found is None:
        return None
    return in_list_order(aggregates.cell_months(con, found[0], table="story_counts", measure="stories"), descending)


def story_facets(con: duckdb.DuckDBPyConnection, f: EventFilter, *, names: Sequence[str] = tuple(STORY_FACETS),
                 top: int = 12, matching: int | None = None) -> FacetCounts:
    """For each story facet named, its most frequent values among the matching stories, with their counts; with
    `matching` (how many stories match) above `FACET_EXACT_ROWS`, counted on a sample as `facets` does."""
    where = _story_where(con, f)
    exprs = {name: STORY_FACETS[name][0] for name in names}
    if matching is None or matching <= FACET_EXACT_ROWS:
        return _facet_counts(con, "stories s", where, exprs, top)
    percent = min(100.0, 100 * FACET_SAMPLE_ROWS / matching)
    return _facet_counts(con, f"stories s TABLESAMPLE {percent:.6f}% (system, {_SAMPLE_SEED})", where, exprs, top,
                         scale_to=matching)


def stories_sql(con: duckdb.DuckDBPyConnection, f: EventFilter, *, nested_as_json: bool = False,
                sort: str | None = None) -> tuple[str, list[Any]]:
    """The SELECT of every matching story in list order (or `sort`'s), for downloads; with `nested_as_json` the
    evidence list is JSON text."""
    where = _story_where(con, f)
    order, _ = _order(sort, STORY_SORTS, _STORY_ORDER)
    evidence = "to_json(s.evidence)::VARCHAR AS evidence" if nested_as_json else "s.evidence"
    return (f"SELECT s.* EXCLUDE (evidence), {evidence} FROM stories s {where.sql()} ORDER BY {order}",
            list(where.params))


def counted_cells(con: duckdb.DuckDBPyConnection, f: EventFilter, grains: Sequence[str], **kinds: Any
           ) -> aggregates.Cells | None:
    """The stored counts' cells that answer `f` exactly (`tacitus.store.aggregates`), or None: a filter they do
    not have (root, code, text, document), a stale store, or a period cutting through cells."""
    if f.roots or f.code or f.text or f.doc_id:
        return None
    check_actors(con, f)
    found = aggregates.dyad_cells(con, grains=grains, actor=f.actor, dyad=f.dyad, directed=f.directed,
                                  statuses=f.statuses, since=f.since, until=f.until,
                                  background=background_choice(f.background, dated=bool(f.since or f.until)),
                                  **kinds)
    return found[0] if found else None


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter, *, by: str = "month") -> list[dict[str, Any]]:
    """Events per month (or year) of their date window's start: counts by QuadClass and mean Goldstein score."""
    if by not in ("month", "year"):
        raise BadParameter(f"by must be month or year, got {by!r}")
    cells = counted_cells(con, f, (by,))
    if cells is not None:
        return _rows(con, f"""
            SELECT c.period, {cells.sums()} FROM dyad_counts c WHERE {cells.where} AND c.period IS NOT NULL
            GROUP BY c.period HAVING sum({cells.measure('events')}) > 0 ORDER BY c.period""", cells.params)
    period = "strftime(e.window_start, '%Y-%m')" if by == "month" else "strftime(e.window_start, '%Y')"
    where = _where(con, f, "e.window_start IS NOT NULL")
    return _rows(con, f"""
        SELECT {period} AS period, count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean,
               count_if(e.quad_class = 1) AS verbal_cooperation, count_if(e.quad_class = 2) AS material_cooperation,
               count_if(e.quad_class = 3) AS verbal_conflict, count_if(e.quad_class = 4) AS material_conflict
        FROM {where.from_sql} {where.sql()} GROUP BY period ORDER BY period""", where.params)


def pairs(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, min_events: int = 1
          ) -> list[dict[str, Any]]:
    """Undirected dyads (a < b) by number of events, with the mean Goldstein score and the QuadClass mix."""
    cells = counted_cells(con, f, ("year", "month"), with_target=True, distinct_sides=True)
    if cells is not None:
        return _rows(con, f"""
            SELECT least(c.source_key, c.target_key) AS a, greatest(c.source_key, c.target_key) AS b, {cells.sums()}
            FROM dyad_counts c WHERE {cells.where} GROUP BY a, b HAVING sum({cells.measure('events')}) >= ?
            ORDER BY events DESC, a, b LIMIT ?""", [*cells.params, max(1, min_events), limit])
    where = _where(con, f, "e.target_key IS NOT NULL", "e.target_key <> e.source_key")
    return _rows(con, f"""
        SELECT least(e.source_key, e.target_key) AS a, greatest(e.source_key, e.target_key) AS b,
               count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean,
               count_if(e.quad_class = 1) AS verbal_cooperation, count_if(e.quad_class = 2) AS material_cooperation,
               count_if(e.quad_class = 3) AS verbal_conflict, count_if(e.quad_class = 4) AS material_conflict
        FROM {where.from_sql} {where.sql()} GROUP BY a, b HAVING count(*) >= ?
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
    if aggregates.fresh(con):
        return dict(con.execute(aggregates.actor_names_sql("?::VARCHAR[]"), [list(keys)]).fetchall())
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
    cells = counted_cells(con, f, aggregates.PLACE_GRAINS, table="place_counts")
    if cells is not None:
        return _rows(con, f"""
            SELECT c.location_name AS name, c.location_country AS country, c.location_lat AS lat,
                   c.location_lon AS lon, {cells.sums(only=("events", "goldstein_mean"))}
            FROM place_counts c WHERE {cells.where} AND c.location_lat IS NOT NULL AND c.location_lon IS NOT NULL
            GROUP BY ALL HAVING sum({cells.measure('events')}) > 0 ORDER BY events DESC, name LIMIT ?""",
                     [*cells.params, limit])
    where = _where(con, f, "e.location_lat IS NOT NULL", "e.location_lon IS NOT NULL")
    return _rows(con, f"""
        SELECT e.location_name AS name, e.location_country AS country, round(e.location_lat, 2) AS lat,
               round(e.location_lon, 2) AS lon, count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean
        FROM {where.from_sql} {where.sql()} GROUP BY ALL ORDER BY events DESC, name LIMIT ?""", [*where.params, limit])


def date_range(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The first and last event dates and publication dates of the corpus."""
    first, last = con.execute("SELECT min(window_start), max(window_start) FROM events").fetchone()
    published = con.execute("SELECT min(published), max(published) FROM documents").fetchone()
    return {"first_event": first, "last_event": last, "first_published": published[0],
            "last_published": published[1]}


def documents_page(con: duckdb.DuckDBPyConnection, *, status: str | None, limit: int, offset: int = 0
                   ) -> tuple[int, list[dict[str, Any]]]:
    """Documents, newest first: (how many match, one page of them) without their text. With the kept counts per
    day (`tacitus.store.document_counts`) the total is their sum and the page is sorted among the documents of
    the days it spans only."""
    where = Where()
    if status:
        where.add("status = ?", status)
    days = document_counts.days(con, status)
    if days is None:
        total = con.execute(f"SELECT count(*) FROM documents {where.sql()}", where.params).fetchone()[0]
    else:
        total = sum(n for _, n in days)
        spanned, before, _ = span(days, offset, limit)
        within(where, "published", spanned)
        offset -= before
    chosen = [row[0] for row in con.execute(f"""
        SELECT rowid FROM documents {where.sql()} ORDER BY published DESC NULLS LAST, doc_id LIMIT ? OFFSET ?""",
                                            [*where.params, limit, offset]).fetchall()]
    rows = _rows(con, """
        SELECT doc_id, status, reason, source, title, outlet, published, n_events, url FROM documents
        WHERE rowid IN (SELECT unnest(?::BIGINT[])) ORDER BY list_position(?::BIGINT[], rowid)""", [chosen, chosen])
    return total, rows
