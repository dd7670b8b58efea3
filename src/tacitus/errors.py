"""The exception tree of Tacitus.

    TacitusError
    ├── DataFileError      a knowledge file (ontology, lexicon, actors, places) is malformed
    ├── InputError         an input cannot be read at all (missing path, unreadable file)
    ├── DocumentRejected   a document is not codable (empty, binary, too large, not English …)
    └── ModelError         the spaCy model is missing or incompatible
"""

from __future__ import annotations


class TacitusError(Exception):
    """Base class of every error Tacitus raises on purpose."""


class DataFileError(TacitusError):
    """A packaged or user-supplied knowledge file is malformed; the message names file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class InputError(TacitusError):
    """An input path cannot be read (does not exist, permission denied)."""


class DocumentRejected(TacitusError):
    """A document cannot be coded; `stage` says where and `reason` why."""

    def __init__(self, stage: str, reason: str) -> None:
        self.stage = stage
        self.reason = reason
        super().__init__(f"{stage}: {reason}")


class ModelError(TacitusError):
    """The spaCy language model cannot be loaded."""
