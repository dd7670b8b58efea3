"""The events and stories tables kept in list order (tacitus.store.layout): the same rows, constraints and indexes, in
the order of the lists, rewritten only when enough rows came since, and on upgrade."""

from __future__ import annotations

import duckdb
import pytest

from store_fixtures import make_article, make_event
from tacitus.store import layout
from tacitus.store.db import Store
from tacitus.store.dedup import refresh_stories
from tacitus.store.ingest import write_articles
from tacitus.store.migrations import MIGRATIONS, upgrade


def _articles(prefix: str, days: list[str]) -> list:
    return [make_article(f"{prefix}{i}", day, [make_event(f"{prefix}{i}", "JPN", "RUS", "040", start=day, index=0),
                                                make_event(f"{prefix}{i}", "CHN", "USA", "111", start=day, index=1)])
            for i, day in enumerate(days)]


def _write(store: Store, articles: list) -> None:
    write_articles(store, [(a, a.document.id) for a in articles])
    refresh_stories(store.con)


def _physical(con) -> list:
    return [row[0] for row in con.execute("SELECT event_id FROM events ORDER BY rowid").fetchall()]


def _listed(con) -> list:
    return [row[0] for row in con.execute(f"SELECT event_id FROM events ORDER BY {layout.LIST_ORDER}").fetchall()]


def _later_tables(con, *names: str) -> None:
    """The tables of later migrations that this version's writer keeps up, for this connection only."""
    for migration in (m for m in MIGRATIONS if m.name in names):
        for statement in migration.statements:
            statement(con) if callable(statement) else con.execute(
                statement.replace("CREATE TABLE", "CREATE TEMP TABLE"))


def _stories_physical(con) -> list:
    return [row[0] for row in con.execute("SELECT story_id FROM stories ORDER BY rowid").fetchall()]


def _stories_listed(con) -> list:
    return [row[0] for row in con.execute(f"SELECT story_id FROM stories ORDER BY {layout.STORY_ORDER}").fetchall()]


def test_a_rewrite_puts_the_same_rows_in_list_order_with_their_constraints(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        _write(store, _articles("a", ["2016-05-01", "2015-01-02", None, "2016-01-09", "2015-07-30"]))
        before = store.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        assert _physical(store.con) != _listed(store.con)  # written in the order of the articles
        assert layout.order_events(store.con, force=True)
        assert _physical(store.con) == _listed(store.con)
        assert store.execute("SELECT * FROM events ORDER BY event_id").fetchall() == before
        with pytest.raises(duckdb.ConstraintException):  # the primary key holds
            store.execute("INSERT INTO events SELECT * FROM events LIMIT 1")
        assert store.execute("SELECT count(*) FROM duckdb_indexes() WHERE table_name = 'events' "
                             "AND index_name = 'events_doc'").fetchone()[0] == 1
        assert store.execute("SELECT count(*) FROM story_members").fetchone()[0] == len(before)  # views still bind


def test_the_table_is_rewritten_only_when_enough_rows_came_since(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        _write(store, _articles("a", [f"2016-01-{day:02d}" for day in range(28, 0, -1)]))
        assert layout.order_events(store.con)  # the first rows of a database
        assert not layout.order_events(store.con)  # nothing new
        _write(store, _articles("b", ["2015-03-01"]))  # 2 rows more on 56: under the share
        assert not layout.order_events(store.con)
        _write(store, _articles("c", [f"2014-02-{day:02d}" for day in range(1, 11)]))
        assert layout.order_events(store.con)
        assert _physical(store.con) == _listed(store.con)


def test_an_older_database_is_put_in_order_on_upgrade(tmp_path):
    path = tmp_path / "db.duckdb"
    con = duckdb.connect(str(path))
    upgrade(con, until="0014_dyad_and_actor_counts")
    # The tables of the later migrations that this version's writer keeps up: for this connection only.
    _later_tables(con, "0016_document_story_and_commitment_counts", "0018_facet_counts")
    _write(Store(path, con, read_only=False), _articles("a", ["2016-05-01", "2015-01-02", "2016-01-09"]))
    assert _physical(con) != _listed(con)
    con.close()
    with Store.open(path) as store:
        assert "0015_events_in_list_order" in store.applied_migrations()
        assert _physical(store.con) == _listed(store.con)
        assert not layout.order_events(store.con)  # the rows counted as in order


def test_the_stories_are_put_in_list_order_with_the_same_rows(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        _write(store, _articles("a", ["2016-05-01", "2015-01-02", None, "2016-01-09", "2015-07-30"]))
        before = store.execute("SELECT * FROM stories ORDER BY story_id").fetchall()
        layout.order_stories(store.con, force=True)
        assert _stories_physical(store.con) == _stories_listed(store.con)
        assert store.execute("SELECT * FROM stories ORDER BY story_id").fetchall() == before
        assert store.execute("SELECT count(*) FROM event_clusters").fetchone()[0] == len(before)  # the view binds
        assert store.execute("SELECT count(*) FROM duckdb_indexes() WHERE table_name = 'stories' "
                             "AND index_name = 'stories_story_id'").fetchone()[0] == 1  # kept through the rewrite


def test_the_stories_are_rewritten_when_enough_were_rebuilt_since(tmp_path):
    with Store.open(tmp_path / "db.duckdb") as store:
        _write(store, _articles("a", [f"2016-01-{day:02d}" for day in range(28, 0, -1)]))
        assert layout.order_stories(store.con)  # the first stories of a database
        assert not layout.order_stories(store.con)  # nothing new
        assert layout.appended(store.con, layout.STORIES) == 0
        # One more article of the same dyads: their stories are rebuilt (appended) though hardly any is new.
        _write(store, _articles("b", ["2015-03-01"]))
        assert layout.appended(store.con, layout.STORIES) > 0.25 * 56
        assert layout.order_stories(store.con)
        assert _stories_physical(store.con) == _stories_listed(store.con)


def test_an_older_database_has_its_stories_put_in_order_on_upgrade(tmp_path):
    path = tmp_path / "db.duckdb"
    con = duckdb.connect(str(path))
    upgrade(con, until="0016_document_story_and_commitment_counts")
    _later_tables(con, "0018_facet_counts")
    _write(Store(path, con, read_only=False), _articles("a", ["2016-05-01", "2015-01-02", None, "2016-01-09"]))
    assert _stories_physical(con) != _stories_listed(con)
    con.close()
    with Store.open(path) as store:
        assert "0017_stories_in_list_order" in store.applied_migrations()
        assert _stories_physical(store.con) == _stories_listed(store.con)
        assert not layout.order_stories(store.con)  # the rows counted as in order
