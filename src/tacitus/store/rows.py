"""Read a page of events by their row numbers: the events, their stories and their documents, in page order.

A page is chosen first on the events table alone — `CHOSEN` (row number, event id, document id) under the
filters and the order, a sort that reads only the columns filtered and sorted on — and then only its rows are
read. Joining the page to `mentions` and `documents` by hash would read every event id and document id of the
database for a page of a hundred rows (most of a second at ten million events), so its stories and documents are
looked up one key at a time through their primary-key indexes instead.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The select list of the first step: what `page_sql` needs of each chosen event (over alias `e`).
CHOSEN = "e.rowid AS page_row, e.event_id AS page_event, e.doc_id AS page_doc"


def _lookups(table: str, columns: str, key: str, n: int) -> str:
    """`n` point lookups of `table` by its primary key `key`, one per parameter (each an index scan)."""
    return " UNION ALL ".join(f"SELECT {columns} FROM {table} WHERE {key} = ?" for _ in range(n))


def page_sql(chosen: Sequence[tuple[int, str, str]]) -> tuple[str, list]:
    """The SELECT of the chosen events (rows of `CHOSEN`), in their order, with their story (`story_id`: the
    event's own id when it is in none yet) and their document's `published`, `outlet`, `title` and `source` (as
    `doc_source`)."""
    if not chosen:
        return ("SELECT e.*, e.event_id AS story_id, NULL::DATE AS published, NULL::VARCHAR AS outlet, "
                "NULL::VARCHAR AS title, NULL::VARCHAR AS doc_source FROM events e WHERE FALSE"), []
    rows = [int(row[0]) for row in chosen]
    event_ids = [row[1] for row in chosen]
    doc_ids = sorted({row[2] for row in chosen})
    sql = f"""
        SELECT e.* EXCLUDE (page_row), coalesce(m.story_id, e.event_id) AS story_id, d.published, d.outlet,
               d.title, d.source AS doc_source
        FROM (SELECT *, rowid AS page_row FROM events WHERE rowid = ANY(?::BIGINT[])) e
        JOIN ({_lookups("documents", "doc_id, published, outlet, title, source", "doc_id", len(doc_ids))}) d
          ON d.doc_id = e.doc_id
        LEFT JOIN ({_lookups("mentions", "event_id, story_id", "event_id", len(event_ids))}) m
          ON m.event_id = e.event_id
        ORDER BY list_position(?::BIGINT[], e.page_row)"""
    return sql, [rows, *doc_ids, *event_ids, rows]
