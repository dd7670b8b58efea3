"""The event database: `ingest` a corpus into DuckDB, read it back with `EventDB` (`tacitus.open`)."""

from __future__ import annotations

from .db import DEFAULT_DB, Store
from .ingest import Progress, RunSummary, ingest
from .query import EventDB, open

__all__ = ["DEFAULT_DB", "EventDB", "Progress", "RunSummary", "Store", "ingest", "open"]
