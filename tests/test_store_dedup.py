"""Deduplication: reports of one real-world event in several articles become one story."""

from __future__ import annotations

from datetime import date

import pytest

from store_fixtures import build_store, make_article, make_event
from tacitus.store.dedup import cluster
from tacitus.store.query import EventDB

KEY = ("JPN", "RUS", "04", "occurred")


def _stories(rows):
    assigned = dict(cluster(rows))
    groups: dict[str, list[str]] = {}
    for event_id, story in assigned.items():
        groups.setdefault(story, []).append(event_id)
    return sorted(sorted(members) for members in groups.values())


def d(day: int) -> date:
    return date(2016, 12, day)


@pytest.mark.parametrize("windows, expected", [
    ([(15, 15), (15, 15), (14, 16)], [["e0", "e1", "e2"]]),            # one day, reported three times
    ([(15, 15), (20, 20)], [["e0"], ["e1"]]),                          # two visits
    ([(1, 31), (3, 3), (10, 10)], [["e0", "e1"], ["e2"]]),             # a vague report joins one story only
    ([(10, 12), (12, 14), (14, 16)], [["e0", "e1"], ["e2"]]),          # no chaining: e0 and e2 share no day
])
def test_cluster_groups_events_sharing_a_day(windows, expected):
    rows = [(KEY, d(start), d(end), f"e{i}") for i, (start, end) in enumerate(windows)]
    assert _stories(rows) == expected


def test_cluster_keeps_keys_apart():
    keys = [KEY, ("RUS", "JPN", "04", "occurred"), ("JPN", "RUS", "05", "occurred"), ("JPN", "RUS", "04", "planned")]
    rows = sorted((key, d(15), d(15), f"e{i}") for i, key in enumerate(keys))
    assert len(_stories(rows)) == 4


def test_cluster_undated_event_is_its_own_story():
    rows = [(KEY, d(15), d(15), "e0"), (KEY, None, None, "e1"), (KEY, None, None, "e2")]
    assert _stories(rows) == [["e0"], ["e1"], ["e2"]]


def _summit_corpus():
    # One summit reported by three outlets, one of them twice in the same article; and a different visit.
    articles = []
    for n, outlet in enumerate(["Pacific Ledger", "Meridian", "Harbour Times"]):
        doc = f"doc{n}"
        events = [make_event(doc, "RUSGOV", "JPN", "042", start="2016-12-15", sentence=f"Putin arrived ({outlet}).")]
        if n == 0:
            events.append(make_event(doc, "RUS", "JPNGOV", "043", start="2016-12-15", index=1))
        articles.append(make_article(doc, f"2016-12-{16 + n}", events, outlet=outlet))
    articles.append(make_article("doc9", "2017-04-28", [make_event("doc9", "RUS", "JPN", "042", start="2017-04-27")],
                                 outlet="Meridian"))
    return articles


def test_stories_view_counts_mentions_articles_and_sources(tmp_path):
    path = build_store(tmp_path / "db.duckdb", _summit_corpus())
    with EventDB(path) as db:
        stories = db.stories(dyad=("RUS", "JPN"), directed=True)
    assert len(stories) == 2
    summit = stories.iloc[0]
    assert (summit.num_mentions, summit.num_articles, summit.num_sources) == (4, 3, 3)
    assert str(summit.date_start)[:10] == "2016-12-15"
    assert len(summit.evidence) == 4
    assert {e["doc_id"] for e in summit.evidence} == {"doc0", "doc1", "doc2"}
    assert "Putin arrived (Meridian)." in [e["sentence"] for e in summit.evidence]


def test_event_clusters_is_the_stories_view(tmp_path):
    path = build_store(tmp_path / "db.duckdb", _summit_corpus())
    with EventDB(path) as db:
        assert len(db.sql("SELECT * FROM event_clusters")) == len(db.sql("SELECT * FROM stories")) == 2


def test_stories_rebuilt_when_a_document_is_replaced(tmp_path):
    from tacitus.store.db import Store
    from tacitus.store.dedup import refresh_stories
    from tacitus.store.ingest import write_articles

    path = build_store(tmp_path / "db.duckdb", _summit_corpus())
    moved = make_article("doc1", "2016-12-17", [make_event("doc1", "RUS", "JPN", "042", start="2017-04-27")])
    with Store.open(path) as store:
        write_articles(store, [(moved, "x")])
        refresh_stories(store.con)
    with EventDB(path) as db:
        counts = sorted(db.stories()["num_articles"].tolist())
        orphans = db.sql("SELECT count(*) AS n FROM events ANTI JOIN mentions USING (event_id)")["n"][0]
    assert counts == [2, 2] and orphans == 0
