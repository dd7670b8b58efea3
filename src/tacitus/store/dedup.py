"""Deduplication across articles: group the coded events that report one real-world event into a story.

The rule: two events are reports of the same event when they have the same directed dyad (source and target, each
the actor's country when known, else its code), the same CAMEO root code and the same status, and their date
windows share at least one day. A story is a set of such events that all share a common day, built greedily in
order of window start: an event joins the open story while its window starts no later than the earliest end of
the story's windows, else it opens a new story. Events without any date (no date named, no publication date) stay
stories of their own. The `mentions` table holds each event's story; the `stories` view counts mentions, articles
and sources per story and lists every mention's evidence — as GDELT's NumMentions/NumArticles, evidence kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date

import duckdb
import pyarrow as pa

_Key = tuple[str, str | None, str, str]

# Dyad keys whose stories must be rebuilt: events not yet in `mentions` (new, re-coded, or left over by a run
# that was cut short).
_DIRTY_KEYS = """
    SELECT DISTINCT e.source_key, e.target_key, e.root, e.status
    FROM events e ANTI JOIN mentions m USING (event_id)
"""

_MEMBERS = """
    SELECT e.source_key, e.target_key, e.root, e.status, e.window_start, e.window_end, e.event_id, e.doc_id
    FROM events e SEMI JOIN dirty_keys k
      ON e.source_key = k.source_key AND e.target_key IS NOT DISTINCT FROM k.target_key
     AND e.root = k.root AND e.status = k.status
    ORDER BY e.source_key, e.target_key NULLS FIRST, e.root, e.status,
             e.window_start NULLS LAST, e.window_end, e.event_id
"""


def story_id(key: _Key, first_event_id: str) -> str:
    """The id of a story: a hash of its dyad key and its earliest member (16 hex digits)."""
    text = "|".join(str(part) for part in (*key, first_event_id))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def cluster(rows: Iterable[tuple[_Key, date | None, date | None, str]]) -> Iterator[tuple[str, str]]:
    """Assign each event to a story by the rule of this module.

    Args:
        rows: (key, window_start, window_end, event_id), sorted by key, then window start (None last),
            window end and event id.

    Yields:
        (event_id, story_id) for every row.
    """
    current_key: _Key | None = None
    story: str | None = None
    earliest_end: date | None = None
    for key, start, end, event_id in rows:
        if start is None or end is None:
            current_key, story, earliest_end = key, None, None
            yield event_id, story_id(key, event_id)
            continue
        if key != current_key or story is None or earliest_end is None or start > earliest_end:
            current_key, story, earliest_end = key, story_id(key, event_id), end
        else:
            earliest_end = min(earliest_end, end)
        yield event_id, story


def refresh_stories(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild the stories of every dyad key that has unclustered events, in one transaction.

    Returns:
        The number of events (re)assigned.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE dirty_keys AS {_DIRTY_KEYS}")
        members = con.execute(_MEMBERS).fetchall()
        assigned = list(cluster(((r[0], r[1], r[2], r[3]), r[4], r[5], r[6]) for r in members))
        doc_of = {r[6]: r[7] for r in members}
        table = pa.table({"event_id": [e for e, _ in assigned], "story_id": [s for _, s in assigned],
                          "doc_id": [doc_of[e] for e, _ in assigned]},
                         schema=pa.schema([("event_id", pa.string()), ("story_id", pa.string()),
                                           ("doc_id", pa.string())]))
        con.execute("""DELETE FROM mentions WHERE event_id IN (
                         SELECT e.event_id FROM events e SEMI JOIN dirty_keys k
                           ON e.source_key = k.source_key AND e.target_key IS NOT DISTINCT FROM k.target_key
                          AND e.root = k.root AND e.status = k.status)""")
        con.register("new_mentions", table)
        con.execute("INSERT INTO mentions BY NAME SELECT * FROM new_mentions")
        con.unregister("new_mentions")
        con.execute("DROP TABLE dirty_keys")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(assigned)


def forget_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Drop the story assignments of every story touching these documents (their events are being replaced).

    The other members of those stories become unclustered, so the next `refresh_stories` rebuilds them.
    Call inside the transaction that replaces the documents.
    """
    if not doc_ids:
        return
    con.execute("""DELETE FROM mentions WHERE story_id IN (
                     SELECT story_id FROM mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[])))""", [doc_ids])
