"""`tacitus run` adds documents while `tacitus serve` shows the same database, and the server sees them."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

import store_fixtures
from servers import free_port, wait_until_answering
from store_fixtures import write_corpus
from tacitus.store import engine, sharing
from tacitus.store.db import Store
from tacitus.store.ingest import ingest

TESTS = Path(__file__).resolve().parent

_RUNNER = """
import sys, time
sys.path.insert(0, sys.argv[1])
import store_fixtures
from tacitus.store import engine
def slow(chunk, published=None):
    time.sleep(0.4)
    return store_fixtures.fake_code_chunk(chunk)
engine.code_chunk = slow
from tacitus.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _events(base: str) -> int:
    response = httpx.get(f"{base}/api/events", params={"limit": 1}, timeout=60)
    response.raise_for_status()
    return response.json()["total"]


def test_waiting_process_gets_the_file_at_the_holders_next_pause(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "code_chunk", store_fixtures.fake_code_chunk)
    db = tmp_path / "db.duckdb"
    with Store.open(db) as holder:
        assert not holder.yield_to_waiters()  # nobody waits: it keeps the file
        wait_file = db.with_name(f"{db.name}.wait.1")  # pid 1 is alive on every system
        wait_file.touch()
        assert sharing.others_waiting(db)
        assert holder.yield_to_waiters()
        holder.execute("SELECT count(*) FROM documents").fetchone()  # and took it back
        wait_file.unlink()
    dead = db.with_name(f"{db.name}.wait.{2 ** 22 + 7}")
    dead.touch()
    assert not sharing.others_waiting(db)  # a wait file whose process is gone is ignored


@pytest.mark.slow
def test_run_writes_while_serve_serves_and_the_pages_see_the_new_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "code_chunk", store_fixtures.fake_code_chunk)
    db = tmp_path / "db.duckdb"
    first = write_corpus(tmp_path / "first", {f"a{i}.txt": f"EVENT JPN RUS 040 occurred 2015-05-{i + 1:02d}"
                                              for i in range(5)})
    ingest([str(first)], db, workers=1)
    more = write_corpus(tmp_path / "more", {f"b{i:02d}.txt": f"EVENT CHN USA 111 occurred 2016-01-{i % 28 + 1:02d}\n# {i}"
                                            for i in range(40)})
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run = None
    try:
        assert wait_until_answering(lambda: _events(base), server) == 5
        deadline = time.monotonic() + 60
        run = subprocess.Popen([sys.executable, "-c", _RUNNER, str(TESTS), "run", str(more), "--db", str(db),
                                "--workers", "1", "--batch-size", "4"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
        seen = []
        while run.poll() is None and time.monotonic() < deadline + 120:
            seen.append(_events(base))
            time.sleep(0.3)
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert _events(base) == 45, seen
        # the new rows are found by search (the word index is written with them) and are in stories
        found = httpx.get(f"{base}/api/events", params={"text": "chn did", "limit": 1}, timeout=60).json()
        assert found["total"] == 40
        stories = httpx.get(f"{base}/api/stories", params={"dyad": "CHN:USA", "limit": 1}, timeout=60).json()
        assert stories["total"] >= 1
        during = [n for n in seen if 5 < n < 45]
        assert during, f"the server saw no rows while the run wrote: {seen}"
        assert seen == sorted(seen)
    finally:
        for process in (run, server):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
