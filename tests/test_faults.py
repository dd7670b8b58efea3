"""Hostile input and faults: every case ends coded, rejected (with a reason) or failed — never a crash, a hang,
a silent loss, a download or a traceback. The slow cases (real worker processes, kill -9) are marked `slow`."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import store_fixtures
from store_fixtures import write_corpus
from tacitus.cli import main
from tacitus.errors import NotADatabaseError
from tacitus.sources import RawDoc, Rejected, iter_documents, normalise_text
from tacitus.store import engine
from tacitus.store.db import Store
from tacitus.store.ingest import estimate_documents, ingest
from tacitus.store.query import EventDB

TESTS = Path(__file__).parent


@pytest.fixture()
def fake_coder(monkeypatch):
    monkeypatch.setattr(engine, "code_chunk", store_fixtures.fake_code_chunk)


def _documents(paths, **kwargs):
    return list(iter_documents([str(p) for p in paths], **kwargs))


# --- characters that are not text -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Bad \ud800 text", "Bad \ufffd text"),
    ("Ja\u200bpan and Rus\u200dsia", "Japan and Russia"),
    ("bell\x07 and\x1b escape\x9b", "bell and escape"),
    ("soft\u00adhyphen and word\u2060joiner and \ufeffBOM", "softhyphen and wordjoiner and BOM"),
    ("tabs\tand\nnewlines\r\nkept\x0c", "tabs\tand\nnewlines\r\nkept\x0c"),
])
def test_normalise_text_removes_what_is_not_text(text, expected):
    assert normalise_text(text) == expected


def test_jsonl_lone_surrogate_is_replaced_not_a_crash(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "s1", "text": "Bad \\ud800 text.", "title": "T\\udc00"}\n{"id": "s2", "text": "Fine."}\n')
    first, second = _documents([feed])
    assert first.text == "Bad \ufffd text." and dict(first.meta)["title"] == "T\ufffd"
    assert second.text == "Fine."
    first.text.encode("utf-8")  # storable


def test_run_stores_a_surrogate_batch_whole(tmp_path, fake_coder):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "EVENT JPN RUS 040 occurred \\ud800"}\n'
                    '{"id": "b", "text": "EVENT CHN USA 111 occurred"}\n')
    db = tmp_path / "db.duckdb"
    summary = ingest([str(feed)], db, workers=1)
    assert (summary.coded, summary.failed) == (2, 0)
    with EventDB(db) as database:
        assert sorted(database.documents()["doc_id"]) == ["a", "b"]


def test_zero_width_characters_leave_offsets_that_point_at_the_words(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Ja\u200bpan and Rus\u200bsia held talks.\n", encoding="utf-8")
    (raw,) = _documents([page])
    assert raw.text.index("Russia") == len("Japan and ")


# --- trees, pipes and permissions -------------------------------------------------------------------------------

def test_fifo_in_a_directory_is_rejected_and_does_not_block(tmp_path):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "EVENT JPN RUS 040 occurred"})
    os.mkfifo(corpus / "pipe.jsonl")
    # In a child process with a timeout, so that a regression fails instead of hanging the suite.
    script = ("import sys; from tacitus.store.ingest import estimate_documents; "
              "from tacitus.sources import iter_documents; "
              "print(estimate_documents([sys.argv[1]]), [type(d).__name__ for d in iter_documents([sys.argv[1]])])")
    result = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(None, 1) == ["2", "['RawDoc', 'Rejected']\n"]


def test_unlistable_subdirectory_is_reported_not_skipped(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "one"})
    write_corpus(corpus / "locked", {"b.txt": "two"})
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    documents = _documents([corpus])
    assert [type(d).__name__ for d in documents] == ["RawDoc", "Rejected"]
    assert documents[1].source.endswith("locked") and documents[1].reason == "permission denied"


def test_unsearchable_subdirectory_rejects_its_files_one_by_one(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "one"})
    write_corpus(corpus / "noexec", {"b.txt": "two", "c.txt": "three"})
    real_is_file = Path.is_file

    def is_file(self):
        if self.parent.name == "noexec":
            raise PermissionError(13, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    documents = _documents([corpus])
    assert [type(d).__name__ for d in documents] == ["RawDoc", "Rejected", "Rejected"]
    assert {d.reason for d in documents[1:]} == {"permission denied"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 directories; the monkeypatched tests cover it")
def test_mode_000_subdirectory_is_reported(tmp_path):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "one"})
    write_corpus(corpus / "locked", {"b.txt": "two"})
    (corpus / "locked").chmod(0)
    try:
        documents = _documents([corpus])
    finally:
        (corpus / "locked").chmod(0o755)
    assert [type(d).__name__ for d in documents] == ["RawDoc", "Rejected"]


@pytest.mark.slow  # subprocesses
def test_closed_stdin_is_one_rejection():
    script = "from tacitus.cli import main; import sys; sys.exit(main(['code', '-', '--format', 'documents']))"
    result = subprocess.run(["bash", "-c", f'"{sys.executable}" -c "{script}" <&-'], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 3
    assert "rejected: <stdin>: read: standard input is closed" in result.stderr
    assert "Traceback" not in result.stderr


# --- JSONL ------------------------------------------------------------------------------------------------------

def test_duplicate_id_with_another_text_is_rejected_with_a_reason(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "text": "First text."}\n{"id": "x", "text": "First text."}\n'
                    '{"id": "x", "text": "Another text."}\n')
    documents = _documents([feed])
    assert [type(d).__name__ for d in documents] == ["RawDoc", "RawDoc", "Rejected"]
    assert documents[2].reason.startswith('duplicate id "x": ') and f"{feed}:1" in documents[2].reason


def test_duplicate_ids_give_the_same_rows_on_every_rerun(tmp_path, fake_coder):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "text": "EVENT JPN RUS 040 occurred"}\n{"id": "x", "text": "EVENT CHN USA 111 occurred"}\n')
    db = tmp_path / "db.duckdb"
    snapshots = []
    for _ in range(2):
        ingest([str(feed)], db, workers=1)
        with EventDB(db) as database:
            snapshots.append((database.documents()[["doc_id", "status"]].values.tolist(),
                              database.events()["code"].tolist()))
    assert snapshots[0] == snapshots[1]
    assert snapshots[0][1] == ["040"]


def test_stdin_jsonl_with_a_bad_line_is_still_jsonl():
    import io

    stream = io.BytesIO(b'{"id": "a", "text": "Japan met Russia."}\n{"id": "b", "text": \n{"id": "c", "text": "Ok."}\n')
    documents = list(iter_documents(["-"], stdin=stream))
    assert [type(d).__name__ for d in documents] == ["RawDoc", "Rejected", "RawDoc"]
    assert documents[0].id == "a" and documents[1].source == "<stdin>:2"


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "0000-01-01"])
def test_publication_date_out_of_range_is_rejected(tmp_path, published):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "Japan met Russia.", "published": published}) + "\n")
    (document,) = _documents([feed])
    assert isinstance(document, Rejected) and "out of range" in document.reason


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "1799-12-31"])
def test_a_publication_date_out_of_range_given_to_the_coder_is_refused(published):
    from tacitus.coder import code_text

    with pytest.raises(ValueError, match="from 1800 to 2100"):
        code_text("Japan met Russia.", published=published)


# --- encodings --------------------------------------------------------------------------------------------------

_ASCII = b"Japan and Russia held talks in Moscow on Monday about the disputed islands and a peace treaty. " * 10


@pytest.mark.parametrize(("data", "expected"), [
    (_ASCII + "\u201cquoted\u201d".encode() + b"\x92" + _ASCII, "\u201cquoted\u201d\ufffd"),
    (_ASCII + "na\u00efve".encode() + b" \xe9 " + _ASCII, "\u00ef\ufffd"),
    (_ASCII + b"\x93quoted\x94" + _ASCII, "\u201cquoted\u201d"),
])
def test_damaged_utf8_is_not_decoded_as_mojibake(tmp_path, data, expected):
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    (raw,) = _documents([page])
    wide = "".join(ch for ch in raw.text if ch > "\x7f")
    assert wide == expected.replace("quoted", "")


# --- databases ---------------------------------------------------------------------------------------------------

def test_sqlite_file_is_not_a_duckdb_database_and_nothing_is_downloaded(tmp_path, capsys):
    path = tmp_path / "events.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (a)")
    with pytest.raises(NotADatabaseError, match="not a DuckDB database"):
        Store.open(path)
    assert main(["events", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a DuckDB database (it is a SQLite database)" in err


@pytest.mark.parametrize("content", [b"\x00" * 5000, b"not a database at all, just text\n" * 100, b"x"])
def test_other_files_are_not_duckdb_databases(tmp_path, content):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError):
        Store.open(path)


def test_truncated_database_is_one_line(tmp_path, capsys, fake_coder):
    corpus = write_corpus(tmp_path / "c", {f"d{i}.txt": f"EVENT JPN RUS 040 occurred {i}" for i in range(5)})
    db = tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    code = main(["events", "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.slow  # a subprocess: a server that started anyway must not hang the suite
def test_truncated_database_is_one_line_for_serve(tmp_path, fake_coder):
    corpus = write_corpus(tmp_path / "c", {f"d{i}.txt": f"EVENT JPN RUS 040 occurred {i}" for i in range(5)})
    db = tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    from tacitus.web.child import free_port

    result = subprocess.run([sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--port", str(free_port())],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("tacitus: error:") and "Traceback" not in result.stderr


def test_connections_never_auto_install_extensions(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        settings = dict(store.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%known_extensions'").fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


# --- the command line: bad values are usage errors, never tracebacks ---------------------------------------------

@pytest.mark.parametrize("argv", [
    ["code", "x.txt", "--max-bytes", "0"],
    ["code", "x.txt", "--max-bytes", "-5"],
    ["code", "x.txt", "--published", "9999-12-31"],
    ["code", "x.txt", "--published", "2015-02-30"],
    ["run", "x.txt", "--batch-size", "0"],
    ["run", "x.txt", "--workers", "0"],
    ["run", "x.txt", "--max-bytes", "ten"],
    ["events", "--limit", "-1"],
    ["events", "--root", "999"],
    ["events", "--root", "ab"],
    ["events", "--since", "2015-13"],
    ["events", "--dyad", "JPN"],
    ["stories", "--min-articles", "0"],
    ["serve", "--port", "70000"],
    ["serve", "--max-code-bytes", "0"],
    ["export", "out.csv", "--format", "xml"],
])
def test_bad_option_values_exit_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("tacitus ")


@pytest.mark.parametrize("output", ["{tmp}/missing/dir/x.jsonl", "{tmp}"])
def test_code_output_that_cannot_be_written_is_one_line(tmp_path, capsys, output):
    article = write_corpus(tmp_path / "c", {"a.txt": "Japan met Russia."}) / "a.txt"
    assert main(["code", str(article), "-o", output.format(tmp=tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("tacitus: error:")


def test_export_to_a_missing_directory_is_one_line(tmp_path, capsys, fake_coder):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "EVENT JPN RUS 040 occurred"})
    db = tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    assert main(["export", "--db", str(db), "--format", "csv", str(tmp_path / "missing" / "x.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "gdelt"])
def test_export_into_a_closed_pipe_is_quiet(tmp_path, fmt, fake_coder):
    corpus = write_corpus(tmp_path / "c", {f"d{i}.txt": f"EVENT JPN RUS 040 occurred 2015-05-{i + 1:02d}"
                                           for i in range(200)})
    db = tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    command = f'"{sys.executable}" -m tacitus export --db "{db}" --format {fmt} - | head -1'
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert result.stdout.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr, result.stderr


# --- worker processes die with their run ------------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    """The pids of every process descended from `pid` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


KILL_TRIALS = 6  # each about 9 s: the CI run stays well under 10 minutes
_FRENCH = ("Le gouvernement français a annoncé lundi une nouvelle série de mesures économiques pour soutenir les "
           "entreprises touchées par la crise, numéro {i}.")
# Every tenth article is French: rejected by the coder, and `tacitus run` prints that line right after the batch
# holding it is committed — the marks by which a trial picks the batch after which it kills the run.
_KILL_CORPUS = {f"d{i:03d}.txt": _FRENCH.format(i=i) if i % 10 == 5 else
                f"Japan and Russia held talks in Moscow on {('Monday', 'Tuesday', 'Friday')[i % 3]}. China "
                f"criticised the United States over trade, story {i}." for i in range(120)}
_RUN_COLUMNS = {"run_id", "coded_at"}  # which run stored a row, and when: the only columns a resume may change


def _database_content(db: Path) -> dict[str, list]:
    """Every row of every table but the run log, without the columns saying which run wrote it."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        # the stored tables (the views are queries over them, so equal tables give equal views)
        tables = [name for (name,) in con.execute("SELECT table_name FROM information_schema.tables "
                                                  "WHERE table_type = 'BASE TABLE' "
                                                  "AND table_name NOT IN ('runs', 'migrations')").fetchall()]
        out = {}
        for table in sorted(tables):
            columns = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE "
                                                 "table_name = ? ORDER BY ordinal_position", [table]).fetchall()
                       if c not in _RUN_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in columns)
            out[table] = con.execute(f'SELECT {quoted} FROM "{table}" ORDER BY ALL').fetchall()
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """The kill trials' corpus, and the database an uninterrupted run makes of it."""
    root = tmp_path_factory.mktemp("uninterrupted")
    corpus = write_corpus(root / "c", _KILL_CORPUS)
    ingest([str(corpus)], root / "db.duckdb", workers=1, batch_size=2)
    content = _database_content(root / "db.duckdb")
    assert sum("rejected" in row for row in content["documents"]) == 12  # the marks exist
    return corpus, content


def _kill_point(trial: int) -> tuple[int, float]:
    """(committed batches with a French article to wait for, then seconds to wait): drawn at random, seeded by
    the trial. No batch: a moment while the workers start and load the model; else just after a commit, or
    while the next batches are being coded."""
    import random

    rng = random.Random(trial)
    marks = max(0, rng.randint(-2, 11))  # about one trial in five during the start
    return marks, rng.uniform(0.3, 6.0) if marks == 0 else rng.uniform(0.0, 0.5)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_kill_9_of_a_two_worker_run_leaves_no_process_and_resumes_to_the_same_database(tmp_path, uninterrupted,
                                                                                        trial):
    import queue
    import threading

    corpus, expected = uninterrupted
    db = tmp_path / "db.duckdb"
    marks, delay = _kill_point(trial)
    command = [sys.executable, "-m", "tacitus", "run", str(corpus), "--db", str(db), "--workers", "2",
               "--batch-size", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 300
        committed = 0
        while committed < marks and process.poll() is None and time.monotonic() < deadline:
            seen |= _children(process.pid)  # every process of the run, also those gone before the kill
            try:
                committed += "rejected:" in lines.get(timeout=0.1)
            except queue.Empty:
                pass
        until = time.monotonic() + delay
        while time.monotonic() < until and process.poll() is None:
            seen |= _children(process.pid)
            time.sleep(0.05)
        seen |= _children(process.pid)
        killed = process.poll() is None
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in seen):
        time.sleep(0.2)
    survivors = [pid for pid in seen if _alive(pid)]
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    where = f"killed {delay:.2f} s after {marks} marked commits"
    assert not survivors, f"processes of the run {where} still alive 10 s later: {survivors}"
    assert killed, f"the run finished before it was {where}: the trial killed nothing"
    stored = len(_database_content(db).get("documents", [])) if db.exists() else 0
    print(f"trial {trial}: {where}, {len(seen)} processes seen, {stored} of {len(_KILL_CORPUS)} documents stored")
    summary = ingest([str(corpus)], db, workers=1, batch_size=2)  # the resume
    assert summary.failed == 0
    assert _database_content(db) == expected, f"the resume after a run {where} ({stored} stored) differs"


def test_die_with_parent_ends_a_child_whose_parent_is_gone():
    # A child that arms die_with_parent for a parent pid that is not its parent exits at once.
    script = "from tacitus.store.engine import die_with_parent; import time; die_with_parent(1 << 22); time.sleep(30)"
    result = subprocess.run([sys.executable, "-c", script], timeout=30)
    assert result.returncode == 1


# --- idempotent by content ----------------------------------------------------------------------------------------

def _state(db: Path) -> tuple[list, list]:
    with EventDB(db) as database:
        documents = sorted(database.documents()[["source", "status"]].values.tolist())
        events = sorted(database.events()["code"].tolist())
    return documents, events


def test_edited_input_replaces_its_old_version(tmp_path, fake_coder):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "EVENT JPN RUS 040 occurred", "b.txt": "EVENT CHN USA 111 occurred"})
    db = tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    (corpus / "a.txt").write_text("EVENT JPN RUS 042 planned")
    for reprocess in (False, True):
        ingest([str(corpus)], db, workers=1, reprocess=reprocess)
        documents, events = _state(db)
        assert [d[0] for d in documents] == [str(corpus / "a.txt"), str(corpus / "b.txt")]
        assert events == ["042", "111"]


def test_an_input_that_turns_unreadable_keeps_its_coded_version(tmp_path, fake_coder, monkeypatch):
    corpus = write_corpus(tmp_path / "c", {"a.txt": "EVENT JPN RUS 040 occurred"})
    db = tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    monkeypatch.setattr(engine, "code_chunk", lambda chunk, published=None: [
        store_fixtures.Article(store_fixtures.Document(id="other", source=raw.source, status="rejected",
                                                       reason="fake: now unreadable")) for raw in chunk])
    (corpus / "a.txt").write_text("EVENT JPN RUS 040 occurred, edited")
    ingest([str(corpus)], db, workers=1)
    documents, events = _state(db)
    assert ["coded"] in [[d[1]] for d in documents] and events == ["040"]


def test_the_same_text_moved_to_another_line_is_not_lost(tmp_path, fake_coder):
    feed = tmp_path / "feed.jsonl"
    lines = ['{"text": "EVENT JPN RUS 040 occurred"}', '{"text": "EVENT CHN USA 111 occurred"}']
    feed.write_text("\n".join(lines) + "\n")
    db = tmp_path / "db.duckdb"
    ingest([str(feed)], db, workers=1, batch_size=1)
    feed.write_text("\n".join(['{"text": "EVENT FRA DEU 057 occurred"}'] + lines) + "\n")
    ingest([str(feed)], db, workers=1, batch_size=1)
    assert _state(db)[1] == ["040", "057", "111"]
    rerun = _state(db)
    ingest([str(feed)], db, workers=1, batch_size=1)
    assert _state(db) == rerun


def test_a_rerun_of_identical_input_changes_nothing_rejections_included(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "c", {"good.txt": "EVENT JPN RUS 040 occurred", "spam.txt": "REJECT spam",
                                           "empty.txt": "", "feed.jsonl": '{"id": "x", "text": "EVENT CHN USA 111 '
                                           'occurred"}\n{"id": "x", "text": "another"}\n{broken\n'})
    coded: list[str] = []

    def counting(chunk, published=None):
        coded.extend(raw.source for raw in chunk)
        return store_fixtures.fake_code_chunk(chunk, published)

    monkeypatch.setattr(engine, "code_chunk", counting)
    db = tmp_path / "db.duckdb"
    first = ingest([str(corpus)], db, workers=1)
    before = _database_content(db)
    assert (first.coded, first.rejected) == (2, 4) and len(before["documents"]) == 6
    coded.clear()
    second = ingest([str(corpus)], db, workers=1)
    assert coded == [] and (second.new, second.rejected) == (0, 4)
    assert _database_content(db) == before


def test_an_article_over_the_character_limit_is_rejected_once_not_on_every_run(tmp_path, monkeypatch):
    from tacitus import clean as clean_module
    from tacitus import coder

    monkeypatch.setattr(clean_module, "MAX_CHARS", 1_000)
    monkeypatch.setattr(coder, "load_pipeline", lambda **kwargs: None)  # no document reaches the parser
    corpus = write_corpus(tmp_path / "c", {"long.txt": "Japan and Russia held talks in Moscow on Monday. " * 40})
    coded: list[str] = []
    real = engine.code_chunk

    def counting(chunk, published=None):
        coded.extend(raw.source for raw in chunk)
        return real(chunk, published)

    monkeypatch.setattr(engine, "code_chunk", counting)
    db = tmp_path / "db.duckdb"
    for _ in range(2):
        ingest([str(corpus)], db, workers=1)
    assert len(coded) == 1
    with EventDB(db) as database:
        (row,) = database.documents()[["status", "reason"]].values.tolist()
    assert row[0] == "rejected" and "too large: 1,959 characters after cleaning" in row[1]


# --- disk full -----------------------------------------------------------------------------------------------------

@pytest.fixture()
def small_tmpfs(tmp_path):
    """A 1 MB tmpfs, where the test may mount one (root on Linux), else the test is skipped."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    if os.geteuid() != 0 or not Path("/proc/mounts").exists():
        pytest.skip("mounting a tmpfs needs root on Linux")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.slow
def test_disk_full_is_one_line_and_the_rerun_completes(tmp_path, small_tmpfs, capsys, fake_coder):
    filler = "x" * 8000
    corpus = write_corpus(tmp_path / "c", {f"d{i:03d}.txt": f"EVENT JPN RUS 040 occurred\n# {i} {filler}"
                                           for i in range(300)})
    db = small_tmpfs / "db.duckdb"
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert "No space left on device" in err[-1] and err[-1].startswith("tacitus: error:")
    with EventDB(db) as database:  # what was committed is whole: every document has all its events
        counts = database.sql("SELECT count(*) AS n, coalesce(sum(n_events), 0) AS e FROM documents")
        assert int(counts["e"][0]) == database.counts()["events"] < 300
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_tmpfs)], check=True)
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1"]) == 0
    with EventDB(db) as database:
        assert (database.counts()["documents"], database.counts()["events"]) == (300, 300)


def test_disk_full_during_the_end_of_run_story_rebuild_is_one_line_and_the_rerun_rebuilds(tmp_path, capsys,
                                                                                          fake_coder, monkeypatch):
    import importlib

    import duckdb

    ingest_module = importlib.import_module("tacitus.store.ingest")  # the module, not the function of that name
    corpus = write_corpus(tmp_path / "c", {f"d{i}.txt": f"EVENT JPN RUS 040 occurred 2015-05-{i + 1:02d}"
                                           for i in range(6)})
    db = tmp_path / "db.duckdb"
    real = ingest_module.refresh_stories

    def full(con):
        raise duckdb.IOException("IO Error: Could not write file \"db.duckdb.wal\": No space left on device")

    monkeypatch.setattr(ingest_module, "refresh_stories", full)
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("tacitus: error:") and "No space left on device" in err[-1]
    assert "Traceback" not in "\n".join(err)
    monkeypatch.setattr(ingest_module, "refresh_stories", real)
    assert main(["run", str(corpus), "--db", str(db), "--workers", "1"]) == 0
    with EventDB(db) as database:
        counts = database.counts()
        assert (counts["documents"], counts["events"], counts["stories"]) == (6, 6, 6)
        assert database.runs()["status"].tolist() == ["failed", "finished"]


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("seed", range(6))
def test_damaged_database_is_one_line_for_every_query(tmp_path, fake_coder, seed):
    import random

    corpus = write_corpus(tmp_path / "c", {f"d{i:03d}.txt": f"EVENT JPN RUS 040 occurred\n# {i}" for i in range(50)})
    db = tmp_path / "db.duckdb"
    ingest([str(corpus)], db, workers=1)
    data = bytearray(db.read_bytes())
    rng = random.Random(seed)
    start = rng.randrange(4096, len(data) - 512)
    data[start:start + 256] = bytes(rng.randrange(256) for _ in range(256))
    db.write_bytes(bytes(data))
    for command in (["events", "--limit", "3"], ["stories", "--limit", "3"], ["documents"], ["dyads"]):
        result = subprocess.run([sys.executable, "-m", "tacitus", *command, "--db", str(db)], capture_output=True,
                                text=True, timeout=120)
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr
        if result.returncode == 1:
            assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr


def _typed_options():
    """(command, option) for every option of every command whose value argparse checks (a type or choices)."""
    import argparse

    from tacitus.cli import build_parser

    parser = build_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in sorted(commands.choices.items()):
        for action in command._actions:
            if action.option_strings and (action.type is not None or action.choices) and action.nargs != 0:
                yield name, action.option_strings[-1]


@pytest.mark.parametrize(("command", "option"), list(_typed_options()))
@pytest.mark.parametrize("value", ["-1", "zz", ""])
def test_every_checked_option_refuses_bad_values_with_exit_2(command, option, value, capsys):
    positional = {"code": ["x.txt"], "run": ["x.txt"], "export": ["out.csv"], "show": ["abc"]}.get(command, [])
    argv = [command, *positional, option, value]
    try:
        code = main(argv)
    except SystemExit as exit_info:
        code = exit_info.code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code != 2:  # the value happened to be valid for this option (e.g. --port -1 is not): it must still not crash
        pytest.fail(f"{' '.join(argv)!r} was accepted (exit {code}): {err.strip()[-200:]}")


# --- bounded work --------------------------------------------------------------------------------------------------

def test_an_article_over_the_character_limit_is_rejected_once(tmp_path, monkeypatch):
    from tacitus import clean as clean_module
    from tacitus.clean import clean
    from tacitus.errors import DocumentRejected

    monkeypatch.setattr(clean_module, "MAX_CHARS", 1_000)
    text = "Japan and Russia held talks in Moscow on Monday about the islands. " * 40
    with pytest.raises(DocumentRejected, match=r"too large: 2,\d{3} characters after cleaning, the limit is 1,000"):
        clean(RawDoc("a", "a.txt", text, None))
    clean(RawDoc("b", "b.txt", text[:900], None))


@pytest.mark.slow  # subprocesses
def test_the_character_limit_is_below_spacys():
    from tacitus.pipeline import load_pipeline
    from tacitus.sources import MAX_CHARS

    assert MAX_CHARS < load_pipeline().max_length
