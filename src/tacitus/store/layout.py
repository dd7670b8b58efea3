"""The physical order of the `events` and `stories` tables: the order of their lists (by date), so that a period, a
page of a list or the first events a common-word search reads lie in a few row groups, and DuckDB skips the others
(it keeps each row group's range of dates).

Runs append their events in the order they code them, and `tacitus.store.dedup.refresh_stories` appends the stories
it rebuilds in the order it clusters them; `order_events` and `order_stories`, at the end of a run, rewrite a table
in list order when more than `RESORT_SHARE` of its rows came since its last rewrite, so that keeping a growing
database in order costs a constant share of what it stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from ..errors import StoreError

__all__ = ["EVENTS", "LIST_ORDER", "MIGRATION", "RESORT_SHARE", "STORIES", "STORY_MIGRATION", "STORY_ORDER",
           "Layout", "appended", "order_events", "order_stories", "rewrite_in_order"]

#: The order of the events' lists (tacitus.store.query) and of the table.
LIST_ORDER = "window_start NULLS LAST, doc_id, span_start, event_id"
#: The order of the stories' list (tacitus.web.queries) and of the table.
STORY_ORDER = "date_start NULLS LAST, source, target, root, story_id"
#: The share of rows added since the last rewrite beyond which a table is rewritten.
RESORT_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Layout:
    """A table kept in list order: its name, its order and the table that records how many rows were in order."""

    table: str
    order: str
    state: str

    @property
    def state_sql(self) -> str:
        return f"CREATE TABLE {self.state} (sorted_rows BIGINT NOT NULL)"


EVENTS = Layout("events", LIST_ORDER, "events_layout")
STORIES = Layout("stories", STORY_ORDER, "stories_layout")


def _rewrite(con: duckdb.DuckDBPyConnection, layout: Layout) -> int:
    """Rewrite the table in its order, with its constraints and indexes, in the caller's transaction; returns its
    number of rows.

    Raises:
        StoreError: the table's definition is not one this function knows how to copy.
    """
    name = layout.table
    table = con.execute("SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?",
                        [name]).fetchall()[0][0]
    create = re.compile(rf'^CREATE TABLE (?:main\.)?"?{name}"?\s*\(')
    if not create.match(table):
        raise StoreError(f"cannot reorder the {name} table: unexpected definition {table[:60]!r}")
    indexes = [row[0] for row in con.execute("SELECT sql FROM duckdb_indexes() WHERE schema_name = 'main' "
                                             "AND table_name = ? AND sql IS NOT NULL", [name]).fetchall()]
    con.execute(create.sub(f"CREATE TABLE {name}_in_order (", table, count=1))
    con.execute(f"INSERT INTO {name}_in_order SELECT * FROM {name} ORDER BY {layout.order}")
    con.execute(f"DROP TABLE {name}")  # its indexes with it; the views over it bind again by name
    con.execute(f"ALTER TABLE {name}_in_order RENAME TO {name}")
    for index in indexes:
        con.execute(index)
    rows = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
    con.execute(f"DELETE FROM {layout.state}")
    con.execute(f"INSERT INTO {layout.state} VALUES (?)", [rows])
    return rows


def rewrite_in_order(con: duckdb.DuckDBPyConnection) -> int:
    """Rewrite the events table in list order, with its constraints and indexes, in the caller's transaction;
    returns its number of rows.

    Raises:
        StoreError: the table's definition is not one this function knows how to copy.
    """
    return _rewrite(con, EVENTS)


def rewrite_stories_in_order(con: duckdb.DuckDBPyConnection) -> int:
    """`rewrite_in_order` for the stories table."""
    return _rewrite(con, STORIES)


def appended(con: duckdb.DuckDBPyConnection, layout: Layout) -> int:
    """The rows appended to the table since its last rewrite (new rows, and rows deleted and written again): a
    rewrite numbers its rows from 0, and DuckDB numbers the rows appended after them on."""
    done = con.execute(f"SELECT max(sorted_rows) FROM {layout.state}").fetchall()[0][0] or 0
    return con.execute(f"SELECT count(*) FROM {layout.table} WHERE rowid >= ?", [done]).fetchall()[0][0]


def _order(con: duckdb.DuckDBPyConnection, layout: Layout, force: bool) -> bool:
    added = appended(con, layout)
    rows = con.execute(f"SELECT count(*) FROM {layout.table}").fetchall()[0][0]
    if not force and (added == 0 or added <= RESORT_SHARE * max(rows - added, 1)):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        _rewrite(con, layout)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


def order_events(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Rewrite the events in list order (in one transaction) when the rows appended since the last rewrite are
    more than `RESORT_SHARE` of those before them, or with `force`; returns whether it did."""
    return _order(con, EVENTS, force)


def order_stories(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """`order_events` for the stories (the stories of every dyad key a run touched are rebuilt, so appended)."""
    return _order(con, STORIES, force)


#: Migration 0015: the state table, and the events stored put in order.
MIGRATION = (EVENTS.state_sql, f"INSERT INTO {EVENTS.state} VALUES (0)", rewrite_in_order)
#: Migration 0017: the same for the stories, and an index of their ids (a page, or the stories of a rare word's
#: events, is read by `story_id = ANY(...)`, which DuckDB then answers through the index, not a scan).
STORY_MIGRATION = (STORIES.state_sql, f"INSERT INTO {STORIES.state} VALUES (0)", rewrite_stories_in_order,
                   "CREATE INDEX stories_story_id ON stories (story_id)")
