"""`tacitus serve` in a child process on a free loopback port, for the benchmarks and tests that need a real server.

    >>> with serve_child("events.duckdb", "--code-timeout", "3") as server:   # doctest: +SKIP
    ...     httpx.get(server.url + "/api/health").json()["status"]
    'ok'

The server binds 127.0.0.1 only; it is stopped (terminate, then kill) when the `with` block ends, however it ends.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import ServerStartError

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen | None = None, *, timeout: float = 60.0) -> None:
    """Wait until GET `url` answers 2xx.

    Raises:
        ServerStartError: `process` ended first, or `timeout` seconds passed.
    """
    import httpx

    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(url, timeout=2).raise_for_status()
            return
        except httpx.HTTPError:
            if process is not None and process.poll() is not None:
                raise ServerStartError(f"the server stopped (exit {process.returncode}) before {url} answered") \
                    from None
            if time.monotonic() > deadline:
                raise ServerStartError(f"{url} did not answer within {timeout:g} s") from None
            time.sleep(0.2)


@dataclass(frozen=True, slots=True)
class ChildServer:
    """A running `tacitus serve`: its process and its base URL (http://127.0.0.1:PORT)."""

    process: subprocess.Popen
    url: str


@contextmanager
def serve_child(db: str | Path, *options: str, stderr: int | IO | None = subprocess.DEVNULL,
                start_timeout: float = 60.0) -> Iterator[ChildServer]:
    """Start `tacitus serve --db DB OPTIONS…` on a free loopback port, wait for `/api/health`, yield it, stop it.

    Raises:
        ServerStartError: the server did not come up within `start_timeout` seconds.
    """
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--host", HOST,
                                "--port", str(port), *options], stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        url = f"http://{HOST}:{port}"
        wait_until_up(f"{url}/api/health", process, timeout=start_timeout)
        yield ChildServer(process, url)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
