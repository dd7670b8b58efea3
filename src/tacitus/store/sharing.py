"""Sharing one database file between a writer (`tacitus run`) and readers (`tacitus serve`, queries).

DuckDB lets one process write a database file, or several read it, never both at once. So that a server can show
a database while a run adds to it, the processes take turns: a process that finds the file locked leaves a *wait
file* beside it (`DB.wait.PID`) and tries again; the process that holds the file lets go at its next pause — a
run between two batches, a server between two requests — whenever another process is waiting, and takes the file
back after it. A wait file whose process is gone is ignored.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import DatabaseLockedError

T = TypeVar("T")

#: How long a process keeps trying to get a locked database before it gives up.
DEFAULT_WAIT_SECONDS = 60.0
_RETRY_SECONDS = 0.05
#: How long a process that let go of the file waits before it takes it back, so that a waiter gets in.
YIELD_SECONDS = 0.25


def _wait_file(path: Path, pid: int) -> Path:
    return path.with_name(f"{path.name}.wait.{pid}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def others_waiting(path: str | Path) -> bool:
    """Whether another live process is waiting for the database at `path`."""
    path = Path(path)
    own = os.getpid()
    for wait in path.parent.glob(f"{path.name}.wait.*"):
        suffix = wait.name.rsplit(".", 1)[-1]
        if suffix.isdigit() and int(suffix) != own and _alive(int(suffix)):
            return True
    return False


def open_waiting(path: str | Path, opener: Callable[[], T], *, timeout: float = DEFAULT_WAIT_SECONDS) -> T:
    """`opener()`, retried while the database is locked by another process (leaving a wait file meanwhile).

    Raises:
        DatabaseLockedError: still locked after `timeout` seconds.
    """
    path = Path(path)
    try:
        return opener()
    except DatabaseLockedError:
        if timeout <= 0:
            raise
    wait = _wait_file(path, os.getpid())
    deadline = time.monotonic() + timeout
    try:
        wait.touch()
    except OSError:
        pass  # a read-only directory: the holder is not told, but the retries still run
    try:
        delay = _RETRY_SECONDS
        while True:
            try:
                return opener()
            except DatabaseLockedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
    finally:
        wait.unlink(missing_ok=True)
