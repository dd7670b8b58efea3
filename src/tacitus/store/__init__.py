"""The event database: `ingest` a corpus into DuckDB, read it back with `EventDB` (`tacitus.open`)."""

from __future__ import annotations

from typing import Any

from .db import DEFAULT_DB, Store
from .query import EventDB, open

__all__ = ["DEFAULT_DB", "EventDB", "Progress", "RunSummary", "Store", "ingest", "open"]

_INGEST = ("Progress", "RunSummary", "ingest")


def __getattr__(name: str) -> Any:
    # The ingest side loads the coder (spaCy) when first asked for, so that reading a database — `tacitus events`,
    # `tacitus serve` — starts in a fraction of a second.
    if name in _INGEST:
        from . import ingest as module

        names = {key: getattr(module, key) for key in _INGEST}
        globals().update(names)  # `ingest` is the function, as it was before the submodule was imported
        return names[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
