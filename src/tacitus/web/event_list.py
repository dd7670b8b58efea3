"""`events_list`: how many events match and one page of them, in as few passes over the events as it takes.

Three ways keep a page of ten million events quick:

- **Seek by the sort's first column.** When the list is sorted by a column of the events (the date by default),
  one pass counts the matching events per value of that column — by date, the stored counts per month give them
  without a pass over the events when they can (`tacitus.store.aggregates`). The total is their sum, and the page
  is then sorted among the events of only the values it spans: a page at offset 900,000 sorts a few thousand
  rows, not the 900,100 before it.
- **A first page in another order** (by Goldstein score, confidence, publication…), ending within `DIRECT_ROWS`:
  one top-N over the matching events, its total from the stored counts per month when they can say (else counted
  in the same pass); seeking by value would take a pass more.
- **Common words from the text.** A search whose rarest word is in more than `COMMON_POSTINGS` events would join
  the word index to every one of them to count them. Instead the page is looked for among the first events in
  list order (as many as the rarest word's share says should hold the page, twice over; if they do not, as many
  as the share of matches among them says), testing their own sentence and title for the words — the page and
  the count in one pass — and the total is estimated from the share of those events that matched: the list says
  so (`approximate`). When those events are all the events the filters
  match, the total is exact. A window over few documents (`TITLE_LOOKUPS`) reads their titles by key rather than
  joining every document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import duckdb

from ..store import aggregates, search
from ..store.rows import CHOSEN, by_keys, key_lists, page_sql
from ..store.seek import in_list_order, nth_key, span, within
from .queries import (_EVENT_ORDER, EVENT_SORTS, EventFilter, Scope, _blank, _events_page, _order, _rows, _where,
                      check_sort, counted_cells)

#: A search whose rarest word is in more events than this is answered from the text of the first events.
COMMON_POSTINGS = 50_000
#: A page in an order other than the date's that ends within this many rows is chosen by one top-N over the
#: matching events, not sought through the counts per value of its sort key (a pass more).
DIRECT_ROWS = 1_000
#: A window of a common search over at most this many documents reads their titles by key, not by a join.
TITLE_LOOKUPS = 250
#: Rounds of looking further (four times as many events each) before a search falls back to the index.
_ROUNDS = 4
#: A search of common words whose page is not in its first windows reads, in its last round, every event its
#: other filters match when they are at most this many (a rare phrase of common words within a root: the index
#: would join millions of postings of each word); beyond, it falls back to the index.
WHOLE_SCAN = 1_000_000


@dataclass(frozen=True, slots=True)
class EventList:
    """How many events match (`approximate`: an estimate) and one page of them."""

    total: int
    rows: list[dict[str, Any]]
    approximate: bool = False


def events_list(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, offset: int = 0,
                sort: str | None = None) -> EventList:
    """How many events match `f` and the page of `limit` from `offset` in the order of `sort` (see the module).

    Raises:
        BadParameter: a value of `f` or `sort` cannot be used.
        UnknownActor: an actor of `f` is no known name or code and no actor of the database.
    """
    check_sort(sort, EVENT_SORTS)
    key, descending = _first_key(sort)
    if (key is None or key != "e.window_start") and not f.text and offset + limit <= DIRECT_ROWS:
        return _direct(con, f, limit=limit, offset=offset, sort=sort)
    if key is None:
        where = _where(con, f)
        total = con.execute(f"SELECT count(*) FROM {where.from_sql} {where.sql()}", where.params).fetchone()[0]
        rows = _events_page(con, where, limit=limit, offset=offset, sort=sort) if offset < total else []
        return EventList(total, rows)
    if f.text:
        common = _common_search(con, f.text)
        if common is not None:
            found = _from_text(con, f, common, key, descending, limit=limit, offset=offset, sort=sort)
            if found is not None:
                return found
    where = _where(con, f)
    values = _month_values(con, f, key, descending)
    if values is None:
        values = _values(con, where, key, descending)
    return _seek(con, where, values, key, limit=limit, offset=offset, sort=sort)


def _direct(con: duckdb.DuckDBPyConnection, f: EventFilter, *, limit: int, offset: int, sort: str | None
            ) -> EventList:
    """A first page in an order other than the date's: the top rows in one pass over the matching events, and how
    many match from the kept counts (else counted in the same pass)."""
    where = _where(con, f)
    months = _month_values(con, f, "e.window_start", False)
    if months is not None:
        total = sum(n for _, n in months)
        return EventList(total, _events_page(con, where, limit=limit, offset=offset, sort=sort) if offset < total
                         else [])
    order, documents = _order(sort, EVENT_SORTS, _EVENT_ORDER)
    if documents and "documents d" not in where.from_sql:
        where.from_sql += " JOIN documents d ON d.doc_id = e.doc_id"
    matched, chosen = _chosen_and_count(con, where, limit=limit, offset=offset, sort=sort)
    if matched is None:  # the page is past the matches (or none matches): their number alone
        matched = con.execute(f"SELECT count(*) FROM {where.from_sql} {where.sql()}", where.params).fetchone()[0]
    return EventList(matched, _rows(con, *page_sql(chosen)) if chosen else [])


def _first_key(sort: str | None) -> tuple[str | None, bool]:
    """The events' column a list in this order is sorted by first, and whether descending; (None, False) when
    it is sorted by a column of the documents."""
    sort = _blank(sort)
    if sort is None:
        return "e.window_start", False
    key = EVENT_SORTS[sort.removeprefix("-")]
    return (None, False) if key.documents else (key.sql, sort.startswith("-"))


def _values(con: duckdb.DuckDBPyConnection, where: Scope, key: str, descending: bool) -> list[tuple[Any, int]]:
    """(value of `key`, matching events) in list order, NULLs last."""
    values = con.execute(f"SELECT {key} AS value, count(*) FROM {where.from_sql} {where.sql()} GROUP BY 1",
                         where.params).fetchall()
    return in_list_order(values, descending)


def _month_values(con: duckdb.DuckDBPyConnection, f: EventFilter, key: str, descending: bool
                  ) -> list[tuple[Any, int]] | None:
    """For a list by date: ((first day, last day) of a month, matching events) in list order, undated last, from
    the stored counts per month, without a pass over the events; None when the key is another or the counts
    cannot answer `f` (`tacitus.store.aggregates`)."""
    cells = counted_cells(con, f, ("month",)) if key == "e.window_start" else None
    if cells is None:
        return None
    months = aggregates.cell_months(con, cells)
    return in_list_order(months, descending)


def _narrowed(where: Scope, key: str, spanned: list[Any]) -> Scope:
    """`where` and the key among `spanned` (a run of values next to each other in list order)."""
    narrowed = Scope(*where.clauses)
    narrowed.params = list(where.params)
    narrowed.from_sql = where.from_sql
    within(narrowed, key, spanned)
    return narrowed


def _seek(con: duckdb.DuckDBPyConnection, where: Scope, values: list[tuple[Any, int]], key: str, *, limit: int,
          offset: int, sort: str | None) -> EventList:
    total = sum(n for _, n in values)
    if offset >= total:
        return EventList(total, [])
    spanned, before, _ = span(values, offset, limit)
    return EventList(total, _events_page(con, _narrowed(where, key, spanned), limit=limit, offset=offset - before,
                                         sort=sort))


def _common_search(con: duckdb.DuckDBPyConnection, text: str) -> tuple[search.Search, float] | None:
    """The parsed search and its rarest word's share of the events, when that word is common (else None)."""
    try:
        parsed = search.parse(con, text)
    except search.SearchError:
        return None  # _where says why
    postings = search.rarest_postings(con, parsed)
    if postings is None or postings <= COMMON_POSTINGS:
        return None
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return parsed, min(1.0, postings / max(events, 1))


def _boundary(con: duckdb.DuckDBPyConnection, where: Scope, key: str, descending: bool, rows: int
              ) -> tuple[bool, Any]:
    """(whether `where` holds `rows` rows with a `key`, the key of the last of its first `rows` rows in list
    order): a top-N over the key, which skips the row groups past the ones that hold them (the table is stored
    in date order)."""
    return nth_key(con, where.from_sql, where.clauses, where.params, key, descending, rows)


def _filtered(con: duckdb.DuckDBPyConnection, f: EventFilter, where: Scope) -> int:
    """How many events `where` (filter `f`, no text) matches: from the kept counts when they can say."""
    months = _month_values(con, f, "e.window_start", False)
    if months is not None:
        return sum(n for _, n in months)
    return con.execute(f"SELECT count(*) FROM {where.from_sql} {where.sql()}", where.params).fetchone()[0]


def _from_text(con: duckdb.DuckDBPyConnection, f: EventFilter, common: tuple[search.Search, float], key: str,
               descending: bool, *, limit: int, offset: int, sort: str | None) -> EventList | None:
    """The list of a common search, its page found among the first events in list order (None: not found)."""
    parsed, share = common
    plain_filter = replace(f, text=None)
    plain = _where(con, plain_filter)
    filtered = _filtered(con, plain_filter, plain)
    sql, params, _ = search.clause(con, parsed, use_index=False)
    wanted = offset + limit
    looked = int(2 * wanted / share) + limit
    for round_ in range(_ROUNDS):
        # The window: the events up to (and with) the key of the `looked`-th in list order — every event when
        # fewer have a key (those without one come last).
        within_reach, last = _boundary(con, plain, key, descending, looked) if looked < filtered else (False, None)
        window = Scope(*plain.clauses)
        window.params = list(plain.params)
        if within_reach:
            window.add(f"{key} {'>=' if descending else '<='} ?", last)
            read = con.execute(f"SELECT count(*) FROM {plain.from_sql} {window.sql()}", window.params).fetchone()[0]
        else:
            read = filtered
        front = _titles(con, window) if within_reach else []
        if not front:
            window.from_sql = "events e JOIN documents d ON d.doc_id = e.doc_id"
        window.add(sql, *params)
        whole = read >= filtered
        # The page and the number of matches in one pass over the window (a count alone when the page is past them).
        matched, chosen = _chosen_and_count(con, window, limit=limit, offset=offset, sort=sort, front=front)
        if matched is None and offset == 0:
            matched = 0  # no row from the first on: none matches
        elif matched is None:
            matched = con.execute(f"SELECT count(*) FROM {window.from_sql} {window.sql()}",
                                  [*front, *window.params]).fetchone()[0]
        if matched >= wanted or whole:
            total = matched if whole else round(matched / max(read, 1) * filtered)
            return EventList(max(total, matched), _rows(con, *page_sql(chosen)) if chosen else [],
                             approximate=not whole)
        # Look further: as far as the share of matches seen says should hold the page, twice over (at most 16
        # times as far; 4 times when none was seen, so that a search matching nearly nothing soon gives up).
        looked = min(16 * looked, max(2 * looked, int(2 * wanted * read / matched) + limit)) if matched \
            else 4 * looked
        if round_ == _ROUNDS - 2 and filtered <= WHOLE_SCAN:
            looked = filtered  # the last round reads them all: exact, and cheaper than the index's joins
    return None


def _titles(con: duckdb.DuckDBPyConnection, window: Scope) -> list[list[str]]:
    """For a window of few documents: set its FROM to its events joined to their documents' titles looked up by
    key (not a join that reads every document), and return the parameters that FROM takes; [] (the FROM left as
    it is) when the window holds more than `TITLE_LOOKUPS` documents."""
    docs = [row[0] for row in con.execute(f"SELECT DISTINCT e.doc_id FROM {window.from_sql} {window.sql()} "
                                          "LIMIT ?", [*window.params, TITLE_LOOKUPS + 1]).fetchall()]
    if not docs or len(docs) > TITLE_LOOKUPS:
        return []
    titles = by_keys("documents", "doc_id, title", "doc_id", len(docs))
    window.from_sql = f"events e JOIN ({titles}) d ON d.doc_id = e.doc_id"
    return key_lists(docs)


def _chosen_and_count(con: duckdb.DuckDBPyConnection, where: Scope, *, limit: int, offset: int, sort: str | None,
                      front: list | None = None) -> tuple[int | None, list[tuple]]:
    """(how many events `where` matches, the `CHOSEN` rows of the page) in one pass; (None, []) when the page is
    past the matches. `front`: the parameters of `where.from_sql`, if any."""
    order, _ = _order(sort, EVENT_SORTS, _EVENT_ORDER)
    chosen = con.execute(f"SELECT {CHOSEN}, count(*) OVER () FROM {where.from_sql} {where.sql()} ORDER BY {order} "
                         "LIMIT ? OFFSET ?", [*(front or []), *where.params, limit, offset]).fetchall()
    return (chosen[0][-1], chosen) if chosen else (None, [])
