"""The Dask engine: same events as the local engine, resumable, poisoned documents recorded, Parquet output.

One LocalCluster of 2 worker processes on 127.0.0.1 serves the module. Its scheduler gives up on a task after two
worker deaths (allowed-failures 1) so that the poisoned-document test stays short.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import dask
import duckdb
import pandas as pd
import pytest
from distributed import LocalCluster

import store_fixtures
from store_fixtures import kill_after_marks, write_corpus
from tacitus.cli import main
from tacitus.errors import StoreError, TacitusError
from tacitus.store import dask_engine, engine
from tacitus.store.db import Store
from tacitus.store.ingest import ingest
from tacitus.store.parquet import write_parquet
from tacitus.store.query import EventDB

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def scheduler():
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                               processes=True)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def fake_coder(monkeypatch):
    monkeypatch.setattr(engine, "code_chunk", store_fixtures.fake_code_chunk)


def poisoned_code_chunk(chunk, published=None):
    """The fake coder, except that a document with a POISON line kills its worker process outright."""
    if any("POISON" in (raw.text or "") for raw in chunk):
        os._exit(13)
    return store_fixtures.fake_code_chunk(chunk, published)


def _fake_corpus(tmp_path: Path, n: int) -> Path:
    docs = {f"a{i:03d}.txt": f"published: 2016-12-{10 + i % 9:02d}\nEVENT JPN RUS 042 occurred 2016-12-15\n"
                             f"EVENT RUS JPN 057 occurred 2016-12-{10 + i % 9:02d}\n# article {i}\n"
            for i in range(n)}
    return write_corpus(tmp_path / "corpus", docs)


_ARTICLES = [
    ("2016-12-15", "Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin in Tokyo on Thursday."),
    ("2020-01-03", "Iran condemned the United States on Friday after the strike in Baghdad."),
    ("2014-03-18", "Russia annexed Crimea, and Ukraine accused Moscow of aggression."),
    ("2019-06-20", "China will host talks with North Korea next week, the foreign ministry said."),
    ("2017-04-07", "The United States launched missile strikes against Syria on Friday."),
    ("2018-05-08", "Germany criticized the United States for leaving the nuclear deal with Iran."),
]


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.slow
def test_dask_engine_gives_the_same_events_as_the_local_engine(tmp_path, scheduler):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": text, "published": day}) + "\n" for day, text in _ARTICLES))
    ingest([str(feed)], tmp_path / "local.duckdb", workers=1, batch_size=2)
    ingest([str(feed)], tmp_path / "dask.duckdb", engine="dask", scheduler=scheduler, batch_size=2)
    events = "SELECT * EXCLUDE (run_id) FROM events ORDER BY event_id"
    documents = "SELECT * EXCLUDE (run_id, coded_at) FROM documents ORDER BY doc_id"
    local_events = _rows(tmp_path / "local.duckdb", events)
    assert len(local_events) >= len(_ARTICLES)
    assert _rows(tmp_path / "dask.duckdb", events) == local_events
    assert _rows(tmp_path / "dask.duckdb", documents) == _rows(tmp_path / "local.duckdb", documents)


@pytest.mark.slow  # a Dask cluster
def test_dask_engine_records_a_document_that_kills_workers_as_failed(tmp_path, scheduler, monkeypatch):
    monkeypatch.setattr(engine, "code_chunk", poisoned_code_chunk)
    corpus = _fake_corpus(tmp_path, 5)
    (corpus / "poison.txt").write_text("EVENT USA IRN 112 occurred 2020-01-02\nPOISON\n")
    summary = ingest([str(corpus)], tmp_path / "db.duckdb", engine="dask", scheduler=scheduler, batch_size=3)
    assert (summary.documents, summary.coded, summary.failed) == (6, 5, 1)
    failed = _rows(tmp_path / "db.duckdb", "SELECT source, reason FROM documents WHERE status = 'failed'")
    assert [Path(source).name for source, _ in failed] == ["poison.txt"]
    assert "worker process died" in failed[0][1]
    assert _rows(tmp_path / "db.duckdb", "SELECT status FROM runs") == [("finished",)]


_RUNNER = """
import sys, time
sys.path.insert(0, sys.argv[1])
import os
import store_fixtures
from tacitus.store import engine
from tacitus.store.ingest import _Run
marks = sys.argv[2]
def slow(chunk, published=None):
    time.sleep(0.3)
    return store_fixtures.fake_code_chunk(chunk)
engine.code_chunk = slow
write = _Run.write
def write_and_mark(self, chunk, articles):
    write(self, chunk, articles)
    open(os.path.join(marks, str(len(os.listdir(marks)))), "w").close()
_Run.write = write_and_mark
from tacitus.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.slow  # a Dask cluster
def test_dask_run_resumes_after_kill_9(tmp_path, scheduler):
    corpus, db = _fake_corpus(tmp_path, 40), tmp_path / "db.duckdb"
    marks = tmp_path / "marks"
    marks.mkdir()
    command = [sys.executable, "-c", _RUNNER, str(TESTS), str(marks), "run", str(corpus), "--db", str(db),
               "--engine", "dask", "--scheduler", scheduler, "--batch-size", "4"]
    # A mark is made after each batch is committed: kill the driver after the second.
    kill_after_marks(command, marks, 2)
    with EventDB(db) as database:
        partial = database.counts()["documents"]
    assert 8 <= partial < 40
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{40 - partial} written in this run ({partial} already stored)" in rerun.stderr
    with EventDB(db) as database:
        counts = database.counts()
        runs = database.runs()["status"].tolist()
    ids = _rows(db, "SELECT count(DISTINCT doc_id) FROM documents")[0][0]
    assert (counts["documents"], ids, counts["events"]) == (40, 40, 80)
    assert runs == ["interrupted", "finished"]


@pytest.mark.slow  # a Dask cluster
def test_dask_run_writes_parquet_that_duckdb_and_pandas_read(tmp_path, scheduler, fake_coder):
    corpus = _fake_corpus(tmp_path, 4)
    (corpus / "undated.txt").write_text("EVENT USA IRN 112 occurred\n")
    out = tmp_path / "parquet"
    code = main(["run", str(corpus), "--db", str(tmp_path / "db.duckdb"), "--engine", "dask",
                 "--scheduler", scheduler, "--out", str(out)])
    assert code == 0
    assert sorted(p.name for p in (out / "events").iterdir()) == ["year=0", "year=2016"]
    stored = _rows(tmp_path / "db.duckdb", "SELECT event_id, coalesce(year(window_start), 0) FROM events ORDER BY 1")
    from_duckdb = duckdb.sql(f"SELECT event_id, year FROM read_parquet('{out}/events/**/*.parquet', "
                             "hive_partitioning = true) ORDER BY 1").fetchall()
    from_pandas = pd.read_parquet(out / "events").sort_values("event_id")
    assert from_duckdb == stored
    assert list(zip(from_pandas["event_id"], from_pandas["year"].astype(int))) == stored
    assert len(pd.read_parquet(out / "documents")) == 5


@pytest.mark.slow  # a Dask cluster
def test_dask_engine_starts_a_local_cluster_without_a_scheduler(tmp_path, fake_coder):
    summary = ingest([str(_fake_corpus(tmp_path, 3))], tmp_path / "db.duckdb", engine="dask", workers=1)
    assert (summary.coded, summary.events) == (3, 6)


@pytest.mark.slow  # a Dask cluster
def test_dask_local_cluster_listens_on_loopback_only():
    from contextlib import ExitStack

    with ExitStack() as stack:
        cluster = dask_engine._local_cluster(stack, 1)
        addresses = [cluster.scheduler_address, *cluster.scheduler_info["workers"]]
        http_host = cluster.scheduler.http_server.address
    assert all(address.startswith("tcp://127.0.0.1:") for address in addresses)
    assert http_host == "127.0.0.1"


@pytest.mark.slow  # a Dask cluster
def test_dask_engine_reports_an_unreachable_scheduler(tmp_path, monkeypatch):
    import socket

    monkeypatch.setattr(dask_engine, "_CONNECT_TIMEOUT_S", 1)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(TacitusError, match="cannot reach the Dask scheduler"):
        ingest([str(_fake_corpus(tmp_path, 1))], tmp_path / "db.duckdb", engine="dask",
               scheduler=f"tcp://127.0.0.1:{port}")


@pytest.mark.slow  # a Dask cluster
def test_dask_engine_refuses_workers_with_other_knowledge(tmp_path, scheduler, monkeypatch):
    monkeypatch.setattr(dask_engine, "software_versions", lambda: ("0.0.0", "000000000000"))
    with pytest.raises(TacitusError, match="other software"):
        ingest([str(_fake_corpus(tmp_path, 1))], tmp_path / "db.duckdb", engine="dask", scheduler=scheduler)


@pytest.mark.parametrize("arguments", [
    ["--scheduler", "tcp://127.0.0.1:8786"],
    ["--engine", "dask", "--scheduler", "127.0.0.1:8786"],
    ["--engine", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"],
])
def test_cli_run_refuses_bad_engine_options(tmp_path, capsys, arguments):
    assert main(["run", str(tmp_path), "--db", str(tmp_path / "db.duckdb"), *arguments]) == 2
    assert "tacitus: error:" in capsys.readouterr().err


def test_write_parquet_replaces_an_earlier_dataset(tmp_path):
    article = store_fixtures.make_article("d1", "2016-12-15", [store_fixtures.make_event("d1", "JPN", "RUS", "042",
                                                                                         start="2016-12-15")])
    db = store_fixtures.build_store(tmp_path / "db.duckdb", [article])
    with Store.open(db) as store:
        write_parquet(store, tmp_path / "out")
        summary = write_parquet(store, tmp_path / "out")
    assert (summary.documents, summary.events) == (1, 1)
    assert len(pd.read_parquet(tmp_path / "out" / "events")) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_write_parquet_refuses_a_directory_it_did_not_write(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.tex").write_text("keep me")
    db = store_fixtures.build_store(tmp_path / "db.duckdb", [])
    with Store.open(db) as store, pytest.raises(StoreError, match="not a Tacitus Parquet dataset"):
        write_parquet(store, tmp_path / "out")
    assert (tmp_path / "out" / "thesis.tex").read_text() == "keep me"


def _double(chunk, published=None):
    return [len(chunk) * 2]


@pytest.mark.slow  # a Dask cluster
def test_a_batch_started_too_often_comes_back_failed(scheduler):
    # Dask recomputes a task whose result was lost with its worker under the same key; resubmitting the same key
    # after releasing it is the same for the count.
    from distributed import Client

    chunk = [store_fixtures.RawDoc("a", "a.txt", "text", None)]
    with Client(scheduler) as client:
        results = []
        for _ in range(dask_engine.MAX_ATTEMPTS + 1):
            future = client.submit(dask_engine.counted_code_chunk, _double, chunk, None, "run-1", key="batch-x",
                                   pure=False)
            results.append(future.result())
            future.release()
            del future
            time.sleep(0.2)  # let the scheduler forget the key before it is submitted again
    assert results[:-1] == [[2]] * dask_engine.MAX_ATTEMPTS
    (failed,) = results[-1]
    assert failed.document.status == "failed" and "lost 3 times" in failed.document.reason
