"""`tacitus run` / `ingest`: nothing lost, idempotent, resumable, reprocessable — with a fake coder (no spaCy)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

import store_fixtures
from store_fixtures import kill_after_marks, write_corpus
from tacitus.cli import main
from tacitus.store import engine
from tacitus.store.ingest import estimate_documents, expand_paths, ingest
from tacitus.store.query import EventDB

TESTS = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def fake_coder(monkeypatch):
    monkeypatch.setattr(engine, "code_chunk", store_fixtures.fake_code_chunk)


def _corpus(tmp_path: Path, n: int = 6) -> Path:
    docs = {f"a{i:03d}.txt": f"published: 2016-12-{10 + i % 9:02d}\nEVENT JPN RUS 042 occurred 2016-12-15\n"
                             f"EVENT RUS JPN 057 occurred 2016-12-{10 + i % 9:02d}\n# article {i}\n"
            for i in range(n)}
    return write_corpus(tmp_path / "corpus", docs)


def _table_counts(db_path: Path) -> dict:
    with EventDB(db_path) as db:
        counts = db.counts()
        counts["mentions"] = db.sql("SELECT count(*) AS n FROM mentions")["n"][0]
    return counts


def test_ingest_rerun_adds_nothing(tmp_path):
    corpus, db = _corpus(tmp_path), tmp_path / "db.duckdb"
    first = ingest([str(corpus)], db, workers=1)
    before = _table_counts(db)
    second = ingest([str(corpus)], db, workers=1)
    assert (second.coded, second.rejected, second.failed) == (first.coded, first.rejected, first.failed)
    assert (second.new, second.skipped, second.events) == (0, 6, 0)
    assert _table_counts(db) == before


def test_ingest_records_every_document_with_its_outcome(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {
        "good.txt": "published: 2020-01-02\nEVENT USA IRN 112 occurred 2020-01-02\n",
        "rejected.txt": "REJECT not English\n",
        "failed.txt": "FAIL boom\n",
        "empty.txt": "",
    })
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (corpus / "feed.jsonl").write_text(json.dumps({"id": "j1", "text": "EVENT CHN JPN 111 occurred 2020-01-03"})
                                       + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n")
    summary = ingest([str(corpus), str(tmp_path / "missing.txt")], tmp_path / "db.duckdb", workers=1)
    assert (summary.documents, summary.coded, summary.rejected, summary.failed) == (9, 2, 6, 1)
    with EventDB(tmp_path / "db.duckdb") as db:
        docs = db.documents()
    assert len(docs) == 9
    by_source = {Path(s).name: (st, r) for s, st, r in zip(docs["source"], docs["status"], docs["reason"])}
    assert by_source["rejected.txt"] == ("rejected", "fake: not English")
    assert by_source["failed.txt"][0] == "failed"
    assert by_source["binary.txt"][0] == "rejected" and "binary" in by_source["binary.txt"][1]
    assert by_source["feed.jsonl:2"][0] == "rejected" and "JSON" in by_source["feed.jsonl:2"][1]
    assert by_source["missing.txt"] == ("rejected", "read: path does not exist")


def test_ingest_retries_failed_documents_on_rerun(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": "EVENT USA IRN 112 occurred 2020-01-02\n"})
    monkeypatch.setattr(engine, "code_chunk", lambda chunk, published=None: engine.failed_articles(chunk, "flaky"))
    assert ingest([str(corpus)], tmp_path / "db.duckdb", workers=1).failed == 1
    monkeypatch.setattr(engine, "code_chunk", store_fixtures.fake_code_chunk)
    summary = ingest([str(corpus)], tmp_path / "db.duckdb", workers=1)
    assert (summary.coded, summary.failed, summary.new) == (1, 0, 1)


def test_ingest_fixed_file_replaces_its_rejection(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ""})
    ingest([str(corpus)], tmp_path / "db.duckdb", workers=1)
    (corpus / "a.txt").write_text("EVENT USA IRN 112 occurred 2020-01-02\n")
    ingest([str(corpus)], tmp_path / "db.duckdb", workers=1)
    with EventDB(tmp_path / "db.duckdb") as db:
        assert db.documents()["status"].tolist() == ["coded"]


def test_ingest_counts_repeated_documents_once(tmp_path):
    text = "EVENT USA IRN 112 occurred 2020-01-02\n"
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": text, "copy.txt": text})
    summary = ingest([str(corpus)], tmp_path / "db.duckdb", workers=1)
    assert (summary.documents, summary.coded, summary.duplicates) == (2, 1, 1)
    assert _table_counts(tmp_path / "db.duckdb")["events"] == 1


def test_ingest_reprocess_replaces_events(tmp_path, monkeypatch):
    corpus, db = _corpus(tmp_path, 3), tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)

    def recoded(chunk, published=None):
        articles = store_fixtures.fake_code_chunk(chunk)
        return [type(a)(a.document, a.events[:1]) for a in articles]  # the "improved lexicon" finds one event

    monkeypatch.setattr(engine, "code_chunk", recoded)
    assert ingest([str(corpus)], db, workers=1).skipped == 3
    summary = ingest([str(corpus)], db, workers=1, reprocess=True)
    assert (summary.new, summary.events) == (3, 3)
    counts = _table_counts(db)
    assert (counts["documents"], counts["events"], counts["mentions"]) == (3, 3, 3)


def test_ingest_batches_are_transactions(tmp_path, monkeypatch):
    corpus, db = _corpus(tmp_path, 6), tmp_path / "db.duckdb"
    calls = {"n": 0}

    def dies_on_second_batch(chunk, published=None):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return store_fixtures.fake_code_chunk(chunk)

    monkeypatch.setattr(engine, "code_chunk", dies_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(corpus)], db, workers=1, batch_size=2)
    with EventDB(db) as database:
        assert database.counts()["documents"] == 2
        assert database.runs()["status"].tolist() == ["interrupted"]


_RUNNER = """
import sys, time
sys.path.insert(0, sys.argv[1])
import store_fixtures
from tacitus.store import engine
marks = sys.argv[2]
def slow(chunk, published=None):
    import os
    open(os.path.join(marks, str(len(os.listdir(marks)))), "w").close()
    time.sleep(0.3)
    return store_fixtures.fake_code_chunk(chunk)
engine.code_chunk = slow
from tacitus.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.slow  # a subprocess, killed
def test_run_resumes_after_kill_9(tmp_path):
    corpus, db = _corpus(tmp_path, 40), tmp_path / "db.duckdb"
    marks = tmp_path / "marks"
    marks.mkdir()
    command = [sys.executable, "-c", _RUNNER, str(TESTS), str(marks), "run", str(corpus), "--db", str(db),
               "--workers", "1", "--batch-size", "4"]
    # Batch k+1 is being coded only after batch k was written: wait for the fourth batch.
    kill_after_marks(command, marks, 4)
    with EventDB(db) as database:
        partial = database.counts()["documents"]
    assert 12 <= partial < 40
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    with EventDB(db) as database:
        counts = database.counts()
        ids = database.sql("SELECT count(DISTINCT doc_id) AS n FROM documents")["n"][0]
        runs = database.runs()["status"].tolist()
    assert (counts["documents"], ids, counts["events"]) == (40, 40, 80)
    assert runs == ["interrupted", "finished"]


def test_cli_run_exit_codes_and_summary(tmp_path, capsys):
    corpus = _corpus(tmp_path, 2)
    assert main(["run", str(corpus), "--db", str(tmp_path / "db.duckdb"), "--workers", "1"]) == 0
    assert "2 documents: 2 coded, 0 rejected" in capsys.readouterr().err
    (corpus / "bad.txt").write_text("REJECT spam\n")
    assert main(["run", str(corpus), "--db", str(tmp_path / "db.duckdb"), "--workers", "1"]) == 3
    err = capsys.readouterr().err
    assert "rejected:" in err and "bad.txt" in err and "2 already stored" in err


def test_estimate_documents_counts_jsonl_lines_and_files(tmp_path):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "x", ".hidden.txt": "x",
                                           "feed.jsonl": '{"text":"a"}\n\n{"text":"b"}\n'})
    with gzip.open(corpus / "more.jsonl.gz", "wt") as handle:
        handle.write('{"text":"a"}\n{"text":"b"}\n{"text":"c"}\n')
    assert estimate_documents([str(corpus)]) == 6
    assert estimate_documents(["-"]) is None


def test_expand_paths_expands_globs_the_shell_left(tmp_path):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "x", "b.txt": "x", "c.md": "x"})
    assert [Path(p).name for p in expand_paths([str(corpus / "*.txt")])] == ["a.txt", "b.txt"]
    assert expand_paths([str(corpus / "*.nothing")]) == [str(corpus / "*.nothing")]


@pytest.mark.parametrize("kwargs", [{"workers": 0}, {"batch_size": 0}])
def test_ingest_rejects_bad_settings(tmp_path, kwargs):
    with pytest.raises(ValueError):
        ingest([str(tmp_path)], tmp_path / "db.duckdb", **kwargs)


@pytest.mark.parametrize("reporter_class", ["PlainReporter", "RichReporter"])
def test_reporters_show_progress_and_problems(tmp_path, reporter_class):
    import io

    from tacitus.cli import run as run_cli

    stream = io.StringIO()
    reporter = getattr(run_cli, reporter_class)(stream)
    if reporter_class == "PlainReporter":
        reporter.every = 0.0
    corpus = write_corpus(tmp_path / "c", {"a.txt": "EVENT USA IRN 112 occurred 2020-01-02\n", "b.txt": "REJECT x\n"})
    try:
        ingest([str(corpus)], tmp_path / "db.duckdb", workers=1, reporter=reporter)
    finally:
        reporter.close()
    out = stream.getvalue()
    assert "rejected:" in out and "b.txt" in out
    assert "2/2" in out


@pytest.mark.slow  # a subprocess
def test_run_reads_stdin(tmp_path):
    command = [sys.executable, "-c", _RUNNER, str(TESTS), str(tmp_path), "run", "-",
               "--db", str(tmp_path / "db.duckdb"), "--workers", "1"]
    done = subprocess.run(command, input="EVENT USA IRN 112 occurred 2020-01-02\n", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 documents: 1 coded" in done.stderr


def _undated_corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", {
        "dated.txt": "published: 2016-12-15\nEVENT JPN RUS 042 occurred\nEVENT RUS JPN 057 occurred 2016-12-10\n",
        "undated.txt": "EVENT JPN RUS 042 occurred\nEVENT RUS JPN 057 occurred 2016-12-10\n",
    })


def test_ingest_counts_and_lists_documents_without_a_publication_date(tmp_path):
    corpus, db = _undated_corpus(tmp_path), tmp_path / "db.duckdb"
    first = ingest([str(corpus)], db, workers=1)
    again = ingest([str(corpus)], db, workers=1)
    assert (first.coded, first.undated, again.skipped, again.undated) == (2, 1, 2, 1)
    with EventDB(db) as database:
        assert database.counts()["documents_undated"] == 1
        listed = database.documents(undated=True)
        assert listed["source"].str.endswith("undated.txt").tolist() == [True]
        assert listed["published_source"].tolist() == ["none"]
        stored = database.sql("SELECT doc_id, window_start, window_end FROM events ORDER BY doc_id")
    assert len(stored) == 4 and int(stored["window_start"].isna().sum()) == 1


def test_ingest_dated_queries_leave_out_events_without_any_date(tmp_path):
    corpus, db = _undated_corpus(tmp_path), tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    with EventDB(db) as database:
        assert len(database.events()) == 4
        assert len(database.events(since="2016-01", until="2016-12")) == 3
        assert len(database.events(until="2030")) == 3
        assert int(database.dyads()["events"].sum()) == 3


def test_cli_run_summary_counts_documents_without_a_date(tmp_path, capsys):
    corpus = _undated_corpus(tmp_path)
    assert main(["run", str(corpus), "--db", str(tmp_path / "db.duckdb"), "--workers", "1"]) == 0
    assert "1 coded without a publication date" in capsys.readouterr().err
    assert main(["documents", "--db", str(tmp_path / "db.duckdb"), "--undated", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "undated.txt" in out and "dated.txt" not in out.replace("undated.txt", "")
