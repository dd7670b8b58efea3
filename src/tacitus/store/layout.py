"""The physical order of the `events` table: the order of the lists (by date window), so that a period, a page of
a list or the first events a common-word search reads lie in a few row groups, and DuckDB skips the others (it
keeps each row group's range of dates).

Runs append their events in the order they code them; `order_events`, at the end of a run, rewrites the table in
list order when more than `RESORT_SHARE` of its rows came since the last rewrite, so that keeping a growing
database in order costs a constant share of what it stores.
"""

from __future__ import annotations

import re

import duckdb

from ..errors import StoreError

__all__ = ["LIST_ORDER", "MIGRATION", "RESORT_SHARE", "order_events", "rewrite_in_order"]

#: The order of the events' lists (tacitus.store.query) and of the table.
LIST_ORDER = "window_start NULLS LAST, doc_id, span_start, event_id"
#: The share of rows added since the last rewrite beyond which `order_events` rewrites the table.
RESORT_SHARE = 0.25

_STATE_SQL = "CREATE TABLE events_layout (sorted_rows BIGINT NOT NULL)"
_CREATE = re.compile(r'^CREATE TABLE (?:main\.)?"?events"?\s*\(')


def rewrite_in_order(con: duckdb.DuckDBPyConnection) -> int:
    """Rewrite the events table in list order, with its constraints and indexes, in the caller's transaction;
    returns its number of rows.

    Raises:
        StoreError: the table's definition is not one this function knows how to copy.
    """
    table = con.execute("SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'events'"
                        ).fetchall()[0][0]
    if not _CREATE.match(table):
        raise StoreError(f"cannot reorder the events table: unexpected definition {table[:60]!r}")
    indexes = [row[0] for row in con.execute("SELECT sql FROM duckdb_indexes() WHERE schema_name = 'main' "
                                             "AND table_name = 'events' AND sql IS NOT NULL").fetchall()]
    con.execute(_CREATE.sub("CREATE TABLE events_in_order (", table, count=1))
    con.execute(f"INSERT INTO events_in_order SELECT * FROM events ORDER BY {LIST_ORDER}")
    con.execute("DROP TABLE events")  # its indexes with it; the views over it bind again by name
    con.execute("ALTER TABLE events_in_order RENAME TO events")
    for index in indexes:
        con.execute(index)
    rows = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    con.execute("DELETE FROM events_layout")
    con.execute("INSERT INTO events_layout VALUES (?)", [rows])
    return rows


def order_events(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Rewrite the events in list order (in one transaction) when the rows added since the last rewrite are
    more than `RESORT_SHARE` of them, or with `force`; returns whether it did."""
    rows = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    done = con.execute("SELECT max(sorted_rows) FROM events_layout").fetchall()[0][0] or 0
    if not force and (rows == 0 or abs(rows - done) <= RESORT_SHARE * max(done, 1)):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        rewrite_in_order(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return True


#: Migration 0015: the state table, and the events stored put in order.
MIGRATION = (_STATE_SQL, "INSERT INTO events_layout VALUES (0)", rewrite_in_order)
