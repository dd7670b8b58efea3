"""Reading a page of events by their row numbers (`tacitus.store.rows`): order, stories, documents."""

from __future__ import annotations

import pytest

from store_fixtures import build_store, make_article, make_event
from tacitus.store.db import Store
from tacitus.store.rows import CHOSEN, page_sql


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    articles = [
        make_article("a1", "2015-03-02", [make_event("a1", "JPN", "RUS", "042", start="2015-03-01"),
                                          make_event("a1", "RUS", "JPN", "111", start="2015-03-02", index=1)],
                     title="Kishida in Moscow", outlet="Wire"),
        make_article("b2", "2016-01-05", [make_event("b2", "JPN", "RUS", "036", start="2016-01-05")]),
    ]
    path = build_store(tmp_path_factory.mktemp("rows") / "db.duckdb", articles)
    with Store.open(path, read_only=True) as opened:
        yield opened


def _page(store, order: str) -> list[dict]:
    chosen = store.execute(f"SELECT {CHOSEN} FROM events e ORDER BY {order}").fetchall()
    cursor = store.execute(*page_sql(chosen))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


@pytest.mark.parametrize("order", ["e.code", "e.code DESC", "e.window_start DESC"])
def test_rows_page_keeps_the_order_chosen(store, order):
    expected = [row[0] for row in store.execute(f"SELECT e.event_id FROM events e ORDER BY {order}").fetchall()]
    assert [row["event_id"] for row in _page(store, order)] == expected


def test_rows_page_has_the_story_and_the_document(store):
    rows = {row["code"]: row for row in _page(store, "e.code")}
    stories = dict(store.execute("SELECT event_id, story_id FROM mentions").fetchall())
    assert all(row["story_id"] == stories[row["event_id"]] for row in rows.values())
    assert (rows["042"]["title"], rows["042"]["outlet"], str(rows["042"]["published"]),
            rows["042"]["doc_source"]) == ("Kishida in Moscow", "Wire", "2015-03-02", "a1.txt")
    assert "page_row" not in rows["042"]


def test_rows_page_of_an_event_in_no_story_yet_is_its_own(store, tmp_path):
    path = tmp_path / "db.duckdb"
    with Store.open(path) as fresh:
        from tacitus.store.ingest import write_articles

        write_articles(fresh, [(make_article("c3", "2017-01-01", [make_event("c3", "USA", "CHN", "042",
                                                                             start="2017-01-01")]), "c3")])
        chosen = fresh.execute(f"SELECT {CHOSEN} FROM events e").fetchall()
        [row] = fresh.execute(*page_sql(chosen)).fetchall()
        names = [c[0] for c in fresh.execute(*page_sql(chosen)).description]
    record = dict(zip(names, row))
    assert record["story_id"] == record["event_id"]


def test_rows_page_of_nothing_is_empty_with_the_columns(store):
    cursor = store.execute(*page_sql([]))
    assert cursor.fetchall() == []
    names = [column[0] for column in cursor.description]
    assert names[-5:] == ["story_id", "published", "outlet", "title", "doc_source"]


def test_rows_page_of_more_keys_than_one_lookup_takes(tmp_path):
    from tacitus.store import rows

    n = 2 * rows.ANY_KEYS + 7  # three parts of keys per table
    articles = [make_article(f"d{i}", "2015-03-02", [make_event(f"d{i}", "JPN", "RUS", "042", start="2015-03-01",
                                                                 index=k) for k in range(2)]) for i in range(n)]
    with Store.open(build_store(tmp_path / "db.duckdb", articles), read_only=True) as many:
        chosen = many.execute(f"SELECT {CHOSEN} FROM events e ORDER BY e.event_id DESC").fetchall()
        cursor = many.execute(*page_sql(chosen))
        names = [column[0] for column in cursor.description]
        got = [dict(zip(names, row)) for row in cursor.fetchall()]
        assert [row["event_id"] for row in got] == [row[0] for row in chosen]
        assert all(row["published"] is not None and row["story_id"] for row in got)
