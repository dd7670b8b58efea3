"""Tacitus: political event data from news — who did what to whom, when and where, with the evidence.

    >>> import tacitus
    >>> article = tacitus.code_text("Putin will visit Japan before the end of the year.", published="2015-05-16")
    >>> [(e.source.code, e.target.code, e.code, e.status, e.date.end) for e in article.events]
    [('RUSGOV', 'JPN', '042', 'planned', '2015-12-31')]
"""

from __future__ import annotations

from .errors import DataFileError, DocumentRejected, InputError, ModelError, TacitusError
from .model import Actor, Article, Document, Event, Location, Status, When
from .version import __version__

__all__ = [
    "Actor",
    "Article",
    "DataFileError",
    "Document",
    "DocumentRejected",
    "Event",
    "InputError",
    "Location",
    "ModelError",
    "Status",
    "TacitusError",
    "When",
    "__version__",
    "code_documents",
    "code_file",
    "code_paths",
    "code_text",
    "open",
]


_LAZY = {"code_documents", "code_file", "code_paths", "code_text"}


def __getattr__(name: str):
    # The coder pulls in spaCy; import it on first use so that `import tacitus.model` stays light.
    if name in _LAZY:
        from . import coder

        return getattr(coder, name)
    if name == "open":
        from .store.query import open as open_db

        return open_db
    raise AttributeError(f"module 'tacitus' has no attribute {name!r}")
