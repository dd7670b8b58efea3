"""The event database file: creation, migrations, and the clear errors for paths that cannot be used."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from store_fixtures import build_store, make_article, make_event
from tacitus.cli import main
from tacitus.errors import (
    DatabaseLockedError,
    DatabaseMissingError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    SchemaVersionError,
    StoreError,
)
from tacitus.store import migrations
from tacitus.store.db import Store
from tacitus.store.query import EventDB

ALL = [m.name for m in migrations.MIGRATIONS]


def test_store_open_creates_every_migration(tmp_path):
    with Store.open(tmp_path / "new.duckdb") as store:
        assert store.applied_migrations() == ALL


def test_store_open_twice_applies_nothing_new(tmp_path):
    Store.open(tmp_path / "db.duckdb").close()
    with Store.open(tmp_path / "db.duckdb") as store:
        count = store.execute("SELECT count(*) FROM migrations").fetchone()[0]
    assert count == len(ALL)


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.duckdb"
    path.write_text("these are notes, not a database\n" * 50)
    return path


def _other_duckdb(tmp_path: Path) -> Path:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE prices (item VARCHAR, price DOUBLE)")
    con.close()
    return path


@pytest.mark.parametrize("make_path, read_only, error", [
    (_text_file, False, NotADatabaseError),
    (_text_file, True, NotADatabaseError),
    (lambda tmp: tmp, False, NotADatabaseError),                       # a directory
    (lambda tmp: tmp / "missing.duckdb", True, DatabaseMissingError),
    (_other_duckdb, False, NotADatabaseError),                         # DuckDB, but not Tacitus
    (lambda tmp: tmp / "no" / "such" / "dir.duckdb", False, StoreError),
])
def test_store_open_bad_path_raises_typed_error(tmp_path, make_path, read_only, error):
    with pytest.raises(error):
        Store.open(make_path(tmp_path), read_only=read_only)


def test_store_open_locked_by_another_writer(tmp_path):
    path = tmp_path / "busy.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " time.sleep(60)", str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseLockedError, match="in use by process"):
            Store.open(path, wait=0)
        with pytest.raises(DatabaseLockedError):
            Store.open(path, wait=0.3)  # a process that is not Tacitus never lets go
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_store_open_in_read_only_directory(tmp_path):
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyDatabaseError):
            Store.open(directory / "new.duckdb")
    finally:
        directory.chmod(0o755)


def test_store_open_where_files_cannot_be_created():
    # /sys cannot hold files even for root; elsewhere (no /sys) the test does not apply.
    target = Path("/sys/tacitus-test.duckdb")
    try:
        target.touch()
    except OSError:
        pass
    else:
        target.unlink()
        pytest.skip("/sys is writable here")
    with pytest.raises(ReadOnlyDatabaseError):
        Store.open(target)


def test_store_refuses_database_from_newer_tacitus(tmp_path):
    path = tmp_path / "future.duckdb"
    with Store.open(path) as store:
        store.execute("INSERT INTO migrations VALUES ('0099_from_the_future', current_timestamp)")
    for read_only in (False, True):
        with pytest.raises(SchemaVersionError, match="newer Tacitus"):
            Store.open(path, read_only=read_only)


def _first_migration_only(path: Path) -> None:
    con = duckdb.connect(str(path))
    migrations.upgrade(con, until=ALL[0])
    con.execute("""INSERT INTO documents (doc_id, source, status, n_events, coded_at, published)
                   VALUES ('d1', 'old.txt', 'coded', 1, current_timestamp, DATE '2016-12-17')""")
    con.execute("""INSERT INTO events (event_id, doc_id, code, root, status, source_code, source_key, target_key,
                   window_start, window_end, quad_class, goldstein)
                   VALUES ('e1', 'd1', '042', '04', 'occurred', 'RUS', 'RUS', 'JPN', DATE '2016-12-15',
                           DATE '2016-12-15', 1, 1.9)""")
    con.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_store_upgrades_database_of_first_migration(tmp_path, read_only):
    path = tmp_path / "old.duckdb"
    _first_migration_only(path)
    with Store.open(path, read_only=read_only) as store:
        assert store.applied_migrations() == ALL
        assert store.execute("SELECT num_mentions FROM stories").fetchall() == [(1,)]
        assert store.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0


def test_store_upgrade_0004_records_documents_without_a_date(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrations.upgrade(con, until="0003_commitments")
    con.execute("""INSERT INTO documents (doc_id, source, status, n_events, coded_at, published) VALUES
                   ('d1', 'a.txt', 'coded', 0, current_timestamp, DATE '2016-12-17'),
                   ('d2', 'b.txt', 'coded', 0, current_timestamp, NULL),
                   ('d3', 'c.txt', 'rejected', 0, current_timestamp, NULL)""")
    con.close()
    with Store.open(path) as store:
        rows = store.execute("SELECT doc_id, published_source FROM documents ORDER BY doc_id").fetchall()
    assert rows == [("d1", None), ("d2", "none"), ("d3", None)]


def test_store_upgrade_0006_keeps_events_stored_before_it_unmarked(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrations.upgrade(con, until="0005_commitments_best_match")
    con.execute("""INSERT INTO events (event_id, doc_id, code, root, status, source_code, source_key)
                   VALUES ('e1', 'd1', '042', '04', 'occurred', 'JPN', 'JPN')""")
    con.close()
    with Store.open(path) as store:
        assert store.execute("SELECT event_id, background FROM events").fetchall() == [("e1", None)]


def test_store_keeps_the_background_mark_of_events(tmp_path):
    history = make_event("d1", "JPN", "RUS", "057", start="2013-04-01", end="2013-04-30", precision="month")
    history = dataclasses.replace(history, background=True)
    news = make_event("d1", "JPN", "RUS", "042", start="2015-05-14", index=1)
    path = build_store(tmp_path / "db.duckdb", [make_article("d1", "2015-05-16", [history, news])])
    with Store.open(path, read_only=True) as store:
        rows = store.execute("SELECT code, background FROM events ORDER BY code").fetchall()
    assert rows == [("042", False), ("057", True)]


def test_upgrade_rejects_unknown_target_name(tmp_path):
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    with pytest.raises(ValueError):
        migrations.upgrade(con, until="0042_nothing")
    con.close()


def test_eventdb_is_read_only_and_sees_data(tmp_path):
    path = build_store(tmp_path / "db.duckdb",
                       [make_article("d1", "2016-12-17", [make_event("d1", "JPN", "RUS", "042", start="2016-12-15")])])
    with EventDB(path) as db:
        assert db.counts()["events"] == 1
        with pytest.raises(duckdb.Error):
            db.store.execute("DELETE FROM events")


@pytest.mark.parametrize("command", [["events"], ["dyads"], ["actors"], ["commitments"], ["stories"],
                                     ["show", "abc"], ["export", "out.csv", "--format", "csv"]])
def test_cli_bad_database_is_one_line_exit_1(tmp_path, capsys, command):
    bad = _text_file(tmp_path)
    assert main([*command, "--db", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a DuckDB database" in err[0]


def test_lock_message_names_the_tacitus_command_holding_the_file():
    from tacitus.store.db import _describe_process

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)", "-m", "tacitus", "serve"])
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _describe_process(child.pid) == f"process {child.pid}":
            time.sleep(0.05)
        assert _describe_process(child.pid) == f"`tacitus serve` (process {child.pid})"
    finally:
        child.kill()
        child.wait()
    assert _describe_process(os.getpid()) == f"process {os.getpid()}"
