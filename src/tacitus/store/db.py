"""`Store`: the one owner of the DuckDB connection of an event database — open, create, upgrade, transactions.

Opening problems become one-line typed errors (tacitus.errors): not a DuckDB file, missing, read-only, locked by
another writer, or written by a newer Tacitus.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..errors import (
    DatabaseLockedError,
    DatabaseMissingError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    StoreError,
)
from . import migrations, sharing

DEFAULT_DB = "tacitus.duckdb"

_LOCK_PID = re.compile(r"PID (\d+)")


def _open_error(path: Path, error: duckdb.Error, read_only: bool) -> StoreError:
    """Turn DuckDB's message for a failed open into a typed error that says what to do."""
    message = str(error)
    lowered = message.lower()
    if "not a valid duckdb database file" in lowered:
        return NotADatabaseError(f"{path} is not a DuckDB database; give another --db path")
    if "conflicting lock" in lowered or "could not set lock" in lowered:
        pid = _LOCK_PID.search(message)
        holder = _describe_process(int(pid.group(1))) if pid else "another process"
        return DatabaseLockedError(f"{path} is in use by {holder} and did not come free; wait for it, or use "
                                   "another --db")
    if "database does not exist" in lowered:
        return DatabaseMissingError(f"no database at {path}; create one with `tacitus run PATH --db {path}`")
    if "permission denied" in lowered or "read-only file system" in lowered:
        if read_only:
            return ReadOnlyDatabaseError(f"{path} cannot be read: permission denied")
        return ReadOnlyDatabaseError(f"{path} cannot be written (permission denied or a read-only file system); "
                                     "choose a writable --db path")
    if "no such file or directory" in lowered:
        return StoreError(f"{path}: the directory {path.parent} does not exist")
    if "version number" in lowered or "serialization" in lowered:
        return NotADatabaseError(f"{path} was written by a different DuckDB version and cannot be read "
                                 f"by DuckDB {duckdb.__version__}")
    return StoreError(f"{path}: cannot open the database: {message.splitlines()[0]}")


# No downloads at run time, ever: DuckDB would otherwise fetch an extension from the internet to read a file it
# does not know (a SQLite database given as --db asks for sqlite_scanner).
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# A DuckDB database file carries this magic at byte 8 of its first block.
_MAGIC = b"DUCK"


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB connection with extension downloads and auto-loading off; `:memory:` works too."""
    return duckdb.connect(str(path), read_only=read_only, config=OFFLINE)


def _check_magic(path: Path) -> None:
    """Refuse an existing non-empty file that is not a DuckDB database before DuckDB guesses what it is."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return
    except OSError:
        return  # DuckDB's own message says what is wrong (permission denied …)
    if not head:
        return
    if len(head) < 12 or head[8:12] != _MAGIC:
        kind = " (it is a SQLite database)" if head.startswith(b"SQLite format 3") else ""
        raise NotADatabaseError(f"{path} is not a DuckDB database{kind}; give another --db path")


def _describe_process(pid: int) -> str:
    """ "`tacitus serve` (process 123)" when the process's command line shows a Tacitus command, else "process 123"."""
    try:
        words = [w.decode(errors="replace") for w in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") if w]
    except OSError:
        return f"process {pid}"
    for i, word in enumerate(words[:-1]):
        if Path(word).name == "tacitus" or word == "tacitus" and i and words[i - 1] == "-m":
            return f"`tacitus {words[i + 1]}` (process {pid})"
    return f"process {pid}"


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    _check_magic(path)
    try:
        return connect(path, read_only=read_only)
    except duckdb.Error as error:
        raise _open_error(path, error, read_only) from None


class Store:
    """An open event database. Use `Store.open(path)`; close it (or use `with`) to release the file lock.

    Attributes:
        path: the database file.
        read_only: whether it was opened read-only (other readers may share it; no writer may).
        con: the DuckDB connection.
    """

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection, read_only: bool) -> None:
        self.path = path
        self.con = con
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
             wait: float = sharing.DEFAULT_WAIT_SECONDS) -> Store:
        """Open (and, when writable, create or upgrade) an event database.

        Args:
            path: the database file; created when missing unless `read_only`.
            read_only: open for reading only. An older schema is then upgraded first by a brief writable open.
            wait: seconds to keep trying while another process holds the file (see `tacitus.store.sharing`:
                a Tacitus process lets go at its next pause when it sees that another waits).

        Raises:
            DatabaseMissingError: `read_only` and no file at `path`.
            NotADatabaseError: the file is not a DuckDB database, or not a Tacitus one.
            ReadOnlyDatabaseError: the file or its directory cannot be written.
            DatabaseLockedError: another process holds the database (a writer, or readers when writing) and
                did not let go within `wait` seconds.
            SchemaVersionError: the database was written by a newer Tacitus.
        """
        path = Path(path)
        if path.is_dir():
            raise NotADatabaseError(f"{path} is a directory, not a database file; give a file path as --db")
        if read_only and not path.exists():
            raise DatabaseMissingError(f"no database at {path}; create one with `tacitus run PATH --db {path}`")
        con = sharing.open_waiting(path, lambda: _connect(path, read_only), timeout=wait)
        try:
            cls._check_tacitus(path, con)
            if read_only:
                if migrations.pending(con, where=str(path)):
                    con.close()
                    cls._upgrade_in_place(path)
                    con = _connect(path, read_only=True)
            else:
                cls._migrate(path, con)
        except BaseException:
            con.close()
            raise
        return cls(path, con, read_only)

    @staticmethod
    def _check_tacitus(path: Path, con: duckdb.DuckDBPyConnection) -> None:
        if migrations.has_ledger(con):
            return
        tables = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main'").fetchone()[0]
        if tables:
            raise NotADatabaseError(f"{path} is a DuckDB database but not a Tacitus event database "
                                    "(it has no migrations table); give another --db path")

    @staticmethod
    def _migrate(path: Path, con: duckdb.DuckDBPyConnection) -> None:
        try:
            migrations.upgrade(con, where=str(path))
        except duckdb.Error as error:
            if "read-only" in str(error).lower() or "permission" in str(error).lower():
                raise ReadOnlyDatabaseError(f"{path} cannot be written: {str(error).splitlines()[0]}") from None
            raise StoreError(f"{path}: cannot upgrade the schema: {str(error).splitlines()[0]}") from None

    @classmethod
    def _upgrade_in_place(cls, path: Path) -> None:
        try:
            con = _connect(path, read_only=False)
        except ReadOnlyDatabaseError:
            raise ReadOnlyDatabaseError(f"{path} was written by an older Tacitus and needs a schema upgrade, but "
                                        "it cannot be written; copy it somewhere writable first") from None
        try:
            cls._migrate(path, con)
        finally:
            con.close()

    # -- use -----------------------------------------------------------------------------------------------------
    def yield_to_waiters(self) -> bool:
        """At a pause (between batches): if another process waits for the file, let go of it for a moment and
        take it back, so that a server can read while a run writes. Returns whether it let go."""
        if self.path is None or not sharing.others_waiting(self.path):
            return False
        self.con.close()
        time.sleep(sharing.YIELD_SECONDS)
        self.con = sharing.open_waiting(self.path, lambda: _connect(self.path, self.read_only))
        return True

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block in one transaction: committed at the end, rolled back on any error (or interrupt)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def execute(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        """Run one SQL statement with `?` parameters."""
        return self.con.execute(sql, params or [])

    def applied_migrations(self) -> list[str]:
        """Names of the schema migrations recorded in this database."""
        return migrations.applied(self.con)

    def close(self) -> None:
        """Close the connection and release the file lock."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
