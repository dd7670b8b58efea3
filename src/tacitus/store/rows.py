"""Read a page of events by their keys: the events, their stories and their documents, in page order.

A page is chosen first on the events table alone — `CHOSEN` (event id, document id) under the
filters and the order, a sort that reads only the columns filtered and sorted on — and then only its rows are
read. Joining the page to `mentions` and `documents` by hash would read every event id and document id of the
database for a page of a hundred rows (most of a second at ten million events), so its events, stories and
documents are looked up by their keys (`key = ANY(list)` over parts of at most `ANY_KEYS`, which DuckDB answers
through the primary-key indexes), each set apart (materialised) before they are joined, so that the join cannot
turn a lookup into a scan.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The select list of the first step: what `page_sql` needs of each chosen event (over alias `e`).
CHOSEN = "e.event_id AS page_event, e.doc_id AS page_doc"


#: The most keys DuckDB looks up through an index for one `key = ANY(list)`: a longer list is a scan of the table.
ANY_KEYS = 50


def by_keys(table: str, columns: str, key: str, n: int) -> str:
    """The rows of `table` whose `key` is one of `n` values, looked up through its index: a UNION ALL of
    `key = ANY(?)` over parts of at most `ANY_KEYS` keys, whose list parameters `key_lists` makes."""
    parts = max(1, -(-n // ANY_KEYS))
    return " UNION ALL ".join(f"SELECT {columns} FROM {table} WHERE {key} = ANY(?::VARCHAR[])" for _ in range(parts))


def key_lists(keys: Sequence[str]) -> list[list[str]]:
    """The keys in parts of at most `ANY_KEYS`, the parameters of `by_keys`."""
    keys = list(keys)
    return [keys[i:i + ANY_KEYS] for i in range(0, len(keys), ANY_KEYS)] or [[]]


def page_sql(chosen: Sequence[tuple[str, str]]) -> tuple[str, list]:
    """The SELECT of the chosen events (rows of `CHOSEN`), in their order, with their story (`story_id`: the
    event's own id when it is in none yet) and their document's `published`, `outlet`, `title` and `source` (as
    `doc_source`)."""
    if not chosen:
        return ("SELECT e.*, e.event_id AS story_id, NULL::DATE AS published, NULL::VARCHAR AS outlet, "
                "NULL::VARCHAR AS title, NULL::VARCHAR AS doc_source FROM events e WHERE FALSE"), []
    event_ids = [row[0] for row in chosen]
    doc_ids = sorted({row[1] for row in chosen})
    events = by_keys("events", "*", "event_id", len(event_ids))
    documents = by_keys("documents", "doc_id, published, outlet, title, source", "doc_id", len(doc_ids))
    mentions = by_keys("mentions", "event_id, story_id", "event_id", len(event_ids))
    sql = f"""
        WITH e AS MATERIALIZED ({events}), d AS MATERIALIZED ({documents}), m AS MATERIALIZED ({mentions})
        SELECT e.*, coalesce(m.story_id, e.event_id) AS story_id, d.published, d.outlet, d.title,
               d.source AS doc_source
        FROM e JOIN d ON d.doc_id = e.doc_id LEFT JOIN m ON m.event_id = e.event_id
        ORDER BY list_position(?::VARCHAR[], e.event_id)"""
    return sql, [*key_lists(event_ids), *key_lists(doc_ids), *key_lists(event_ids), event_ids]
