"""Servers the tests start as child processes: a free loopback port, and waiting until one answers."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from typing import TypeVar

import httpx

T = TypeVar("T")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(ask: Callable[[], T], process: subprocess.Popen, timeout: float = 60) -> T:
    """What `ask` returns once the server of `process` answers it (an `httpx.HTTPError` is "not yet"), polling every
    0.2 s; fails the test when the process has ended or `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return ask()
        except httpx.HTTPError:
            assert process.poll() is None, f"the server ended with {process.returncode} before answering"
            assert time.monotonic() < deadline, f"the server did not answer within {timeout:.0f} s"
            time.sleep(0.2)
