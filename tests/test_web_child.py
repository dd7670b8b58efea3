"""`tacitus.web.child`: a real `tacitus serve` in a child process, up before it is used, gone after."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from tacitus.errors import ServerStartError
from tacitus.store.db import Store
from tacitus.web.child import free_port, serve_child, wait_until_up


@pytest.mark.slow  # a subprocess
def test_serve_child_is_up_inside_and_stopped_after(tmp_path):
    db = tmp_path / "empty.duckdb"
    Store.open(db).close()
    with serve_child(db) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{server.url}/api/health", timeout=10).json()["status"] == "ok"
    assert server.process.poll() is not None


@pytest.mark.slow  # a subprocess
def test_serve_child_says_when_the_server_stops_before_it_is_up(tmp_path):
    (tmp_path / "junk.duckdb").write_bytes(b"not a database\n" * 100)
    with pytest.raises(ServerStartError, match="stopped"):
        with serve_child(tmp_path / "junk.duckdb"):
            pass


def test_wait_until_up_gives_up_on_a_port_nobody_answers():
    with pytest.raises(ServerStartError, match="did not answer within"):
        wait_until_up(f"http://127.0.0.1:{free_port()}/api/health", timeout=0.5)


def test_wait_until_up_notices_a_process_that_ended():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    with pytest.raises(ServerStartError, match="exit 0"):
        wait_until_up(f"http://127.0.0.1:{free_port()}/api/health", process, timeout=30)
