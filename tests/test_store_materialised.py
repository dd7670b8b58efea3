"""The stories and commitments stored at the end of a run are what computing them afresh gives, after incremental
runs, edited documents and on a random corpus."""

from __future__ import annotations

import random
from dataclasses import replace

from store_fixtures import make_article, make_event
from tacitus.store import commitments
from tacitus.store.db import Store
from tacitus.store.dedup import STORY_ROWS, refresh_stories
from tacitus.store.ingest import write_articles

_ACTORS = ["JPN", "RUS", "CHN", "USA", "IGOUNO"]
_CODES = ["040", "042", "043", "036", "057", "111", "163", "190"]


def _random_articles(rng: random.Random, n: int, prefix: str) -> list:
    articles = []
    for i in range(n):
        doc = f"{prefix}{i}"
        day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events = []
        for index in range(rng.randint(1, 4)):
            source, target = rng.sample(_ACTORS, 2)
            status = rng.choice(["occurred", "occurred", "planned", "negated"])
            end = f"2016-{rng.randint(int(day[5:7]), 12):02d}-28" if status == "planned" else None
            events.append(make_event(doc, source, target if rng.random() < 0.9 else None, rng.choice(_CODES),
                                     status, day, end, precision="interval" if end else "day", index=index))
        articles.append(make_article(doc, day, events, outlet=rng.choice(["Wire", "Post", None])))
    return articles


def _stories(con) -> list:
    return con.execute("SELECT * FROM stories ORDER BY story_id").fetchall()


def _fresh_stories(con) -> list:
    return con.execute(f"SELECT * FROM ({STORY_ROWS} GROUP BY s.story_id) ORDER BY story_id").fetchall()


def _commitments(con) -> list:
    return con.execute("SELECT * FROM commitments ORDER BY story_id").fetchall()


def _commitments_of_the_former_view(con) -> list:
    """The commitments as the view of migration 0005 computed them, per query, from every event."""
    con.execute(commitments.VIEW_V2_SQL.replace("VIEW commitments AS", "TEMP VIEW former_commitments AS"))
    rows = con.execute("SELECT * FROM former_commitments ORDER BY story_id").fetchall()
    con.execute("DROP VIEW former_commitments")
    return rows


def test_stored_stories_and_commitments_equal_a_fresh_computation(tmp_path):
    rng = random.Random(11)
    with Store.open(tmp_path / "db.duckdb") as store:
        first = _random_articles(rng, 40, "a")
        write_articles(store, [(a, a.document.id) for a in first])
        refresh_stories(store.con)
        assert _stories(store.con) == _fresh_stories(store.con)
        assert _commitments(store.con) == _commitments_of_the_former_view(store.con)
        assert any(row[8] == "fulfilled" for row in _commitments(store.con))  # the corpus exercises the matching

        # a second run: new documents, and an edited one that replaces an old version (its events and stories)
        second = _random_articles(rng, 25, "b")
        edited = _random_articles(rng, 1, "a0-v2-")[0]
        edited = replace(edited, document=replace(edited.document, source=first[0].document.source))
        write_articles(store, [(a, a.document.id) for a in [*second, edited]])
        refresh_stories(store.con)
        assert _stories(store.con) == _fresh_stories(store.con)
        assert not store.execute("SELECT count(*) FROM stories s, unnest(s.evidence) AS m(x) "
                                 "WHERE x.doc_id = 'a0'").fetchall()[0][0]
        assert _commitments(store.con) == _commitments_of_the_former_view(store.con)


def test_the_state_moves_with_the_latest_article_without_a_refresh(tmp_path):
    plan = make_article("plan", "2016-01-05", [make_event("plan", "JPN", "RUS", "042", "planned", "2016-01-05",
                                                          "2016-03-31", precision="interval")])
    with Store.open(tmp_path / "db.duckdb") as store:
        write_articles(store, [(plan, "plan")])
        refresh_stories(store.con)
        assert store.execute("SELECT state FROM commitments").fetchall() == [("pending",)]
        # a later article about others: the deadline has passed by the corpus's clock, with no coverage of the dyad
        later = make_article("later", "2016-06-01", [make_event("later", "CHN", "USA", "040", "occurred",
                                                                "2016-06-01")])
        write_articles(store, [(later, "later")])
        assert store.execute("SELECT state FROM commitments").fetchall() == [("unknown",)]
