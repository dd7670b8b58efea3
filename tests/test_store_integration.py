"""`tacitus run` with the real coder on a few of the team's sample articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.store.ingest import ingest
from tacitus.store.query import EventDB

pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FILES = ["2016-12-17-pacificledger-abe-putin-summit.txt", "2019-05-10-harbourtimes-takamatsu-precision-earnings.txt",
         "wire-bundle-2016-2024-gaza-venezuela-senkaku.jsonl"]


def _events(path: Path) -> set[tuple]:
    with EventDB(path) as db:
        frame = db.events()
    return set(zip(frame["event_id"], frame["doc_id"], frame["code"], frame["status"]))


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    path = tmp_path_factory.mktemp("one") / "db.duckdb"
    summary = ingest([str(SAMPLES / name) for name in FILES], path, workers=1)
    return path, summary


def test_real_run_codes_every_document(one_worker):
    path, summary = one_worker
    assert (summary.documents, summary.coded, summary.rejected, summary.failed) == (5, 5, 0, 0)
    with EventDB(path) as db:
        assert db.counts()["documents"] == 5
        assert not db.events(dyad=("JPN", "RUS")).empty
        assert db.runs()["status"].tolist() == ["finished"]


def test_real_run_twice_adds_nothing(one_worker):
    path, _ = one_worker
    before = _events(path)
    again = ingest([str(SAMPLES / name) for name in FILES], path, workers=1)
    assert (again.new, again.events) == (0, 0)
    assert _events(path) == before


def test_real_run_two_workers_matches_one(one_worker, tmp_path):
    path, _ = one_worker
    pooled = tmp_path / "two.duckdb"
    summary = ingest([str(SAMPLES / name) for name in FILES], pooled, workers=2, batch_size=2)
    assert summary.coded == 5
    assert _events(pooled) == _events(path)
