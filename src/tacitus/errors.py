"""The exception tree of Tacitus.

    TacitusError
    ├── DataFileError      a knowledge file (ontology, lexicon, actors, places) is malformed
    ├── InputError         an input cannot be read at all (missing path, unreadable file)
    ├── DocumentRejected   a document is not codable (empty, binary, too large, not English …)
    ├── ModelError         the spaCy model is missing or incompatible
    ├── CorpusError        an annotated evaluation corpus (tests/realnews) is malformed or incomplete
    ├── ServerStartError   a `tacitus serve` child process did not come up (tacitus.web.child)
    └── StoreError         the event database cannot be opened or used
        ├── NotADatabaseError      the path exists but is not a DuckDB database
        ├── DatabaseMissingError   no database at the path (and none may be created)
        ├── ReadOnlyDatabaseError  the database cannot be written (read-only file or directory)
        ├── DatabaseLockedError    another process has the database open for writing
        ├── SchemaVersionError     the database was written by a newer Tacitus
        └── DocumentNotFoundError  no document in the database matches an id
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


class CorpusError(TacitusError):
    """An annotated evaluation corpus is malformed or incomplete; `problems` lists one line per problem."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        self.problems = problems
        super().__init__(message)


class ServerStartError(TacitusError):
    """A `tacitus serve` started as a child process stopped, or did not answer, before it was up."""


class StoreError(TacitusError):
    """The event database cannot be opened or used; the message names the file and what to do."""


class NotADatabaseError(StoreError):
    """The path exists but is not a DuckDB database."""


class DatabaseMissingError(StoreError):
    """There is no database at the path, and the operation does not create one."""


class ReadOnlyDatabaseError(StoreError):
    """The database (or its directory) cannot be written."""


class DatabaseLockedError(StoreError):
    """Another process holds the database open for writing."""


class SchemaVersionError(StoreError):
    """The database was written by a newer version of Tacitus (it has migrations this version does not know)."""


class DocumentNotFoundError(StoreError):
    """No document (or more than one) in the database matches the id given."""
