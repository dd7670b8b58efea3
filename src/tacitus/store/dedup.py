"""Deduplication across articles: group the coded events that report one real-world event into a story.

The rule: two events are reports of the same event when they have the same directed dyad (source and target, each
the actor's country when known, else its code), the same CAMEO root code and the same status, and their date
windows share at least one day. A story is a set of such events that all share a common day, built greedily in
order of window start: an event joins the open story while its window starts no later than the earliest end of
the story's windows, else it opens a new story. Events without any date (no date named, no publication date) stay
stories of their own. The `mentions` table holds each event's story; the `stories` table counts mentions, articles
and sources per story and lists every mention's evidence — as GDELT's NumMentions/NumArticles, evidence kept.

Both are written by `refresh_stories` (at the end of a run, and after a save from the web page), with the counts of
`tacitus.store.aggregates` and the commitments: only the dyad keys with new or re-coded events are rebuilt, so a
run adding a few documents to millions of events is quick. Between a run's batches and its end, new events are in
`events` but not yet in a story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date

import duckdb

from . import aggregates, document_counts
from .commitments import mark_stale, refresh_commitments

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


#: One row per story, from its members (`story_members`) and their documents.
STORY_ROWS = """
    SELECT s.story_id,
           min(s.source_key) AS source, min(s.target_key) AS target, min(s.root) AS root,
           mode(s.code ORDER BY s.code) AS code, min(s.status) AS status,
           max(s.window_start) AS date_start, min(s.window_end) AS date_end,
           count(*) AS num_mentions, count(DISTINCT s.doc_id) AS num_articles,
           count(DISTINCT coalesce(d.outlet, d.source)) AS num_sources,
           round(avg(s.goldstein), 2) AS goldstein, mode(s.quad_class ORDER BY s.quad_class) AS quad_class,
           max(s.confidence) AS confidence,
           min(d.published) AS first_published, max(d.published) AS last_published,
           list({'event_id': s.event_id, 'doc_id': s.doc_id, 'published': d.published, 'code': s.code,
                 'sentence': s.sentence, 'span_start': s.span_start, 'span_end': s.span_end,
                 'trigger': s.trigger} ORDER BY d.published NULLS LAST, s.doc_id, s.span_start) AS evidence
    FROM story_members s JOIN documents d USING (doc_id)"""

#: Migration 0011: the `stories` view becomes a table of the same columns, filled with the stories stored.
STORIES_TABLE_MIGRATION = (
    "DROP VIEW event_clusters",
    "DROP VIEW stories",
    f"CREATE TABLE stories AS {STORY_ROWS} GROUP BY s.story_id ORDER BY date_start NULLS LAST, story_id",
    "CREATE VIEW event_clusters AS SELECT * FROM stories",
)

_KEY_MATCH = """st.source = k.source_key AND st.target IS NOT DISTINCT FROM k.target_key AND st.root = k.root
                AND st.status = k.status"""
_BATCH_ROWS = 200_000
_STORIES_PER_PART = 1_000_000


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
    state = _Clusterer()
    for key, start, end, event_id in rows:
        yield event_id, state.assign(key, start, end, event_id)


def refresh_stories(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild the stories (mentions and story rows) of every dyad key that has unclustered events, in one
    transaction. The members are read into Arrow and clustered a batch at a time, so that memory stays bounded on
    a database of millions of events.

    Returns:
        The number of events (re)assigned.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE dirty_keys AS {_DIRTY_KEYS}")
        members = con.sql(_MEMBERS).to_arrow_table()
        con.execute("""DELETE FROM mentions WHERE event_id IN (
                         SELECT e.event_id FROM events e SEMI JOIN dirty_keys k
                           ON e.source_key = k.source_key AND e.target_key IS NOT DISTINCT FROM k.target_key
                          AND e.root = k.root AND e.status = k.status)""")
        con.execute(f"DELETE FROM stories st WHERE EXISTS (SELECT 1 FROM dirty_keys k WHERE {_KEY_MATCH})")
        import pyarrow as pa  # here: a command that only reads the database starts without it

        schema = pa.schema([("event_id", pa.string()), ("story_id", pa.string()), ("doc_id", pa.string())])
        state = _Clusterer()
        for batch in members.to_batches(_BATCH_ROWS):
            rows = batch.to_pylist()
            stories = [state.assign((r["source_key"], r["target_key"], r["root"], r["status"]), r["window_start"],
                                    r["window_end"], r["event_id"]) for r in rows]
            table = pa.table({"event_id": [r["event_id"] for r in rows], "story_id": stories,
                              "doc_id": [r["doc_id"] for r in rows]}, schema=schema)
            con.register("new_mentions", table)
            con.execute("INSERT INTO mentions BY NAME SELECT * FROM new_mentions")
            con.unregister("new_mentions")
        # In parts of about `_STORIES_PER_PART` members, so that the evidence lists of millions of stories are
        # never all held at once.
        parts = max(1, -(-len(members) // _STORIES_PER_PART))
        for part in range(parts):
            con.execute(f"""INSERT INTO stories BY NAME {STORY_ROWS}
                            SEMI JOIN dirty_keys k ON s.source_key = k.source_key
                             AND s.target_key IS NOT DISTINCT FROM k.target_key AND s.root = k.root
                             AND s.status = k.status
                            WHERE hash(s.story_id) % ? = ?
                            GROUP BY s.story_id""", [parts, part])
        if len(members) or con.execute("SELECT count(*) FROM commitment_stale_dyads").fetchall()[0][0]:
            aggregates.refresh(con, "dirty_keys")  # before the commitments, which clear the stale dyads
            refresh_commitments(con, "dirty_keys")
        document_counts.refresh(con)
        con.execute("DROP TABLE dirty_keys")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(members)


class _Clusterer:
    """`cluster` over rows that come in batches: the open story carries over from one batch to the next."""

    def __init__(self) -> None:
        self.key: _Key | None = None
        self.story: str | None = None
        self.earliest_end: date | None = None

    def assign(self, key: _Key, start: date | None, end: date | None, event_id: str) -> str:
        """The story of the next event in the order of `cluster`."""
        if start is None or end is None:
            self.key, self.story, self.earliest_end = key, None, None
            return story_id(key, event_id)
        if key != self.key or self.story is None or self.earliest_end is None or start > self.earliest_end:
            self.key, self.story, self.earliest_end = key, story_id(key, event_id), end
        else:
            self.earliest_end = min(self.earliest_end, end)
        return self.story


def forget_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Drop the story assignments of every story touching these documents (their events are being replaced).

    The other members of those stories become unclustered, so the next `refresh_stories` rebuilds them, with the
    commitments of their dyads and the document counts of their days (marked here). Call inside the transaction
    that replaces or deletes the documents, before it does.
    """
    if not doc_ids:
        return
    con.execute("""DELETE FROM stories WHERE story_id IN (
                     SELECT story_id FROM mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[])))""", [doc_ids])
    mark_stale(con, doc_ids)
    document_counts.mark_days(con, doc_ids)
    con.execute("""DELETE FROM mentions WHERE story_id IN (
                     SELECT story_id FROM mentions WHERE doc_id IN (SELECT unnest(?::VARCHAR[])))""", [doc_ids])
