"""Documents per status and publication day (`document_counts`), kept at the end of a run beside the event counts
(`tacitus.store.aggregates`), so that the documents list counts and pages without reading every document.

A writer marks the days it changes (`mark_days`: the publication days of the documents it inserts, and of those it
is about to delete or replace) in `document_stale_days`, in the transaction that changes them; `refresh`, at the
end of a run (`tacitus.store.dedup.refresh_stories`), counts those days again and clears the marks. A reader that
finds marks left (a run still going) or counts that do not add up to the documents stored (`fresh`) counts the
documents themselves instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import duckdb

from .seek import in_list_order

__all__ = ["MIGRATION", "days", "fresh", "mark_days", "rebuild", "refresh"]

_COUNT_ROWS = "SELECT status, published, count(*) AS documents FROM documents d {where} GROUP BY ALL"
_STALE = "EXISTS (SELECT 1 FROM counted_days t WHERE t.published IS NOT DISTINCT FROM {alias}.published)"


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Count every day again (in the caller's transaction) and clear the marks."""
    con.execute("DELETE FROM document_counts")
    con.execute(f"INSERT INTO document_counts BY NAME {_COUNT_ROWS.format(where='')}")
    con.execute("DELETE FROM document_stale_days")


#: Migration 0016 (with the story counts): the table, filled from the documents stored, and the marks.
MIGRATION = (
    "CREATE TABLE document_counts (status VARCHAR NOT NULL, published DATE, documents BIGINT NOT NULL)",
    "CREATE TABLE document_stale_days (published DATE)",
    rebuild,
)


def mark_days(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Mark the publication days of these stored documents for counting again: call in the transaction that
    inserts them (after), or that deletes or replaces them (before)."""
    if doc_ids:
        con.execute("INSERT INTO document_stale_days SELECT DISTINCT published FROM documents "
                    "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)])


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Count the marked days again and clear the marks, in the caller's transaction."""
    if not con.execute("SELECT EXISTS (SELECT 1 FROM document_stale_days)").fetchall()[0][0]:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE counted_days AS SELECT DISTINCT published FROM document_stale_days")
    con.execute(f"DELETE FROM document_counts c WHERE {_STALE.format(alias='c')}")
    con.execute(f"INSERT INTO document_counts BY NAME "
                f"{_COUNT_ROWS.format(where='WHERE ' + _STALE.format(alias='d'))}")
    con.execute("DELETE FROM document_stale_days")
    con.execute("DROP TABLE counted_days")


def fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the counts are up to date: no day waits, and they add up to the documents stored."""
    return bool(con.execute("""SELECT NOT EXISTS (SELECT 1 FROM document_stale_days)
                                  AND (SELECT count(*) FROM documents)
                                      = (SELECT coalesce(sum(documents), 0) FROM document_counts)""").fetchall()[0][0])


def days(con: duckdb.DuckDBPyConnection, status: str | None = None) -> list[tuple[date | None, int]] | None:
    """(publication day, documents) of this status (or all), newest first and undated last — the order of the
    documents list; None when the counts are stale."""
    if not fresh(con):
        return None
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    rows = con.execute(f"SELECT published, sum(documents)::BIGINT AS n FROM document_counts {where} "
                       "GROUP BY published HAVING n > 0", params).fetchall()
    return in_list_order(rows, descending=True)
