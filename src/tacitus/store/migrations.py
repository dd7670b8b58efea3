"""The schema of the event database, built by named migrations recorded in its `migrations` table.

A migration runs once, in one transaction with its record. A database that records a migration this version does
not know was written by a newer Tacitus and is refused; one that lacks some is upgraded when opened for writing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..errors import SchemaVersionError
from . import aggregates, commitments, dedup, document_counts, facet_counts, layout, search


@dataclass(frozen=True, slots=True)
class Migration:
    """One named, ordered change of the schema: SQL statements (or functions of the connection, for a change
    that depends on what the database holds) run in one transaction."""

    name: str
    statements: tuple[str | Callable[[duckdb.DuckDBPyConnection], object], ...]


_CORE_TABLES = (
    """CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL,            -- running | finished | interrupted | failed
        command VARCHAR,
        paths VARCHAR[],
        tacitus_version VARCHAR NOT NULL,
        lexicon_version VARCHAR NOT NULL,
        workers INTEGER,
        reprocess BOOLEAN,
        documents INTEGER,
        coded INTEGER,
        rejected INTEGER,
        failed INTEGER,
        skipped INTEGER,
        events INTEGER
    )""",
    """CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR,               -- sha1 (16 hex) of the text as read; NULL when unreadable
        source VARCHAR NOT NULL,            -- path, or path:LINE for JSONL
        status VARCHAR NOT NULL CHECK (status IN ('coded', 'rejected', 'failed')),
        reason VARCHAR,
        title VARCHAR,
        outlet VARCHAR,
        published DATE,
        page VARCHAR,
        tags VARCHAR[],
        url VARCHAR,
        text VARCHAR,                       -- the cleaned text the evidence offsets point into
        n_events INTEGER NOT NULL,
        run_id INTEGER,
        coded_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        code VARCHAR NOT NULL, root VARCHAR NOT NULL, label VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        plover VARCHAR, status VARCHAR NOT NULL,
        source_text VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
        source_code VARCHAR NOT NULL,
        target_text VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_code VARCHAR,
        source_key VARCHAR NOT NULL,        -- the dyad's side: country when known, else the actor code
        target_key VARCHAR,
        date_start DATE, date_end DATE, date_precision VARCHAR, date_text VARCHAR,
        window_start DATE, window_end DATE, -- the dates made definite (see tacitus.model.Event.window)
        location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
        sentence VARCHAR, span_start INTEGER, span_end INTEGER,
        trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
        rule VARCHAR, confidence DOUBLE,
        run_id INTEGER
    )""",
    "CREATE INDEX events_doc ON events (doc_id)",
)

_STORIES = (
    # One row per event: the story (cluster of reports of one real-world event) it belongs to.
    """CREATE TABLE mentions (
        event_id VARCHAR PRIMARY KEY,
        story_id VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL
    )""",
    # Events not yet clustered (a run cut short) count as stories of their own.
    """CREATE VIEW story_members AS
        SELECT e.*, coalesce(m.story_id, e.event_id) AS story_id
        FROM events e LEFT JOIN mentions m USING (event_id)""",
    """CREATE VIEW stories AS
        SELECT s.story_id,
               min(s.source_key) AS source, min(s.target_key) AS target, min(s.root) AS root,
               mode(s.code) AS code, min(s.status) AS status,
               max(s.window_start) AS date_start, min(s.window_end) AS date_end,
               count(*) AS num_mentions, count(DISTINCT s.doc_id) AS num_articles,
               count(DISTINCT coalesce(d.outlet, d.source)) AS num_sources,
               round(avg(s.goldstein), 2) AS goldstein, mode(s.quad_class) AS quad_class,
               max(s.confidence) AS confidence,
               min(d.published) AS first_published, max(d.published) AS last_published,
               list({'event_id': s.event_id, 'doc_id': s.doc_id, 'published': d.published, 'code': s.code,
                     'sentence': s.sentence, 'span_start': s.span_start, 'span_end': s.span_end,
                     'trigger': s.trigger} ORDER BY d.published NULLS LAST, s.doc_id, s.span_start) AS evidence
        FROM story_members s JOIN documents d USING (doc_id)
        GROUP BY s.story_id""",
    "CREATE VIEW event_clusters AS SELECT * FROM stories",
)

_PUBLISHED_SOURCE = (
    # given | meta | byline | dateline | url | text | none (see tacitus.published); NULL where not recorded.
    "ALTER TABLE documents ADD COLUMN published_source VARCHAR",
    # A document stored without a date had none; where an earlier run found a date is not known.
    "UPDATE documents SET published_source = 'none' WHERE published IS NULL AND status = 'coded'",
)

_EVENT_BACKGROUND = (
    # true: told as history, dated weeks before publication (tacitus.model.Event.background); NULL where not recorded.
    "ALTER TABLE events ADD COLUMN background BOOLEAN",
)

_ACTOR_COUNTRY_SOURCE = (
    # where each actor's country came from (tacitus.model.Actor.country_source); NULL where not recorded.
    "ALTER TABLE events ADD COLUMN source_country_source VARCHAR",
    "ALTER TABLE events ADD COLUMN target_country_source VARCHAR",
)

_OTHER_MENTIONS = (
    # the article's other sentences that report the same event (tacitus.model.Event.other_mentions).
    "ALTER TABLE events ADD COLUMN other_mentions VARCHAR[]",
)

_EVENT_PARTICIPANTS = (
    # The actor codes a multilateral source or target stands for (tacitus.model.Actor.participants); an empty
    # list for any other actor, NULL for no target and for events stored before this migration.
    "ALTER TABLE events ADD COLUMN source_participants VARCHAR[]",
    "ALTER TABLE events ADD COLUMN target_participants VARCHAR[]",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_documents_events_runs", _CORE_TABLES),
    Migration("0002_mentions_and_stories", _STORIES),
    Migration("0003_commitments", (commitments.VIEW_SQL,)),
    Migration("0004_published_source", _PUBLISHED_SOURCE),
    Migration("0005_commitments_best_match", (commitments.VIEW_V2_SQL,)),
    Migration("0006_event_background", _EVENT_BACKGROUND),
    Migration("0007_actor_country_source", _ACTOR_COUNTRY_SOURCE),
    Migration("0008_event_other_mentions", _OTHER_MENTIONS),
    Migration("0009_event_participants", _EVENT_PARTICIPANTS),
    # The word index of full-text search (tacitus.store.search), filled from the events already stored.
    Migration("0010_event_words", search.MIGRATION),
    # Stories as a table kept by tacitus.store.dedup.refresh_stories, not a view aggregating every event per query.
    Migration("0011_stories_table", dedup.STORIES_TABLE_MIGRATION),
    # The commitments' matching stored (refreshed with the stories); the state, which moves with the latest
    # article, stays a view over it.
    Migration("0012_commitments_table", commitments.TABLE_MIGRATION),
    # Background events (history a story tells) are neither commitments nor their fulfilment.
    Migration("0013_commitments_without_background", commitments.REMATCH_MIGRATION),
    # Event counts per dyad, status and month or year, and per actor, kept with the stories (tacitus.store.aggregates).
    Migration("0014_dyad_and_actor_counts", aggregates.MIGRATION),
    # The events stored in the order of their lists (by date), kept so by the end of a run (tacitus.store.layout).
    Migration("0015_events_in_list_order", layout.MIGRATION),
    # Documents per status and day, stories per dyad, root, status and month, commitments per dyad, day and state,
    # kept with the stories (tacitus.store.document_counts, .aggregates, .commitments): the totals and seeks of
    # the documents, stories and commitments lists.
    Migration("0016_document_story_and_commitment_counts",
              document_counts.MIGRATION + aggregates.STORY_MIGRATION + commitments.COUNTS_MIGRATION),
    # The stories stored in the order of their list (by date), kept so by the end of a run (tacitus.store.layout).
    Migration("0017_stories_in_list_order", layout.STORY_MIGRATION),
    # Events per dyad, status, year and facet value, kept with the dyad counts (tacitus.store.facet_counts): the
    # facet counts of an event list.
    Migration("0018_facet_counts", facet_counts.MIGRATION),
)

_LEDGER = "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"


def has_ledger(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has a `migrations` table (i.e. is a Tacitus database)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = 'main' AND table_name = 'migrations'").fetchone()[0])


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations recorded in the database, in the order applied."""
    if not has_ledger(con):
        return []
    return [row[0] for row in con.execute("SELECT name FROM migrations ORDER BY applied_at, name").fetchall()]


def pending(con: duckdb.DuckDBPyConnection, *, where: str = "the database") -> list[Migration]:
    """The migrations this database still needs.

    Raises:
        SchemaVersionError: the database records a migration unknown to this version.
    """
    from ..version import __version__

    done = applied(con)
    known = {m.name for m in MIGRATIONS}
    unknown = [name for name in done if name not in known]
    if unknown:
        raise SchemaVersionError(
            f"{where} was written by a newer Tacitus (schema migration {unknown[-1]!r} is unknown to "
            f"tacitus {__version__}); upgrade Tacitus to open it")
    return [m for m in MIGRATIONS if m.name not in done]


def upgrade(con: duckdb.DuckDBPyConnection, *, until: str | None = None, where: str = "the database") -> list[str]:
    """Apply the pending migrations in order, each in one transaction; return the names applied.

    Args:
        con: a writable connection.
        until: stop after the migration of this name (used by tests to build an older schema).
        where: how to name the database in error messages.
    """
    if until is not None and until not in {m.name for m in MIGRATIONS}:
        raise ValueError(f"unknown migration {until!r}")
    con.execute(_LEDGER)
    done: list[str] = []
    for migration in pending(con, where=where):
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                if callable(statement):
                    statement(con)
                else:
                    con.execute(statement)
            con.execute("INSERT INTO migrations VALUES (?, current_timestamp)", [migration.name])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        done.append(migration.name)
        if migration.name == until:
            break
    return done
