"""The counts kept at the end of a run (tacitus.store.aggregates, .document_counts, .facet_counts) answer as the events,
stories and documents do: after a first run, a second that adds documents and replaces one, and a deletion; a reader
falls back to the rows themselves while they are stale."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from store_fixtures import make_article, make_event
from tacitus.store import aggregates, commitments, document_counts
from tacitus.store.db import Store
from tacitus.store.dedup import forget_documents, refresh_stories
from tacitus.store.ingest import write_articles
from tacitus.store.query import EventDB
from tacitus.model import Article, Document, Location
from tacitus.web import event_list, geo, queries

_ACTORS = ["JPN", "RUS", "CHN", "USA", "IGOUNO", "JPNGOV"]
_CODES = ["040", "042", "043", "036", "057", "111", "163", "190"]
_PLACES = [None, None, Location("Tokyo", "JPN", 35.6895, 139.6917), Location("Moscow", "RUS", 55.7558, 37.6173),
           Location("Kuril Islands", "RUS"), Location("Somewhere", None, 10.0, 20.0)]


def _random_articles(rng: random.Random, n: int, prefix: str) -> list:
    articles = []
    for i in range(n):
        doc = f"{prefix}{i}"
        day = f"{rng.choice([2015, 2016])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events = []
        for index in range(rng.randint(1, 4)):
            source, target = rng.sample(_ACTORS, 2)
            status = rng.choice(["occurred", "occurred", "planned", "negated"])
            end = f"{day[:4]}-{rng.randint(int(day[5:7]), 12):02d}-28" if status == "planned" else None
            start = day if rng.random() < 0.95 else None
            event = make_event(doc, source, target if rng.random() < 0.9 else None, rng.choice(_CODES), status,
                               start, end if start else None, precision="interval" if end else "day", index=index,
                               location=rng.choice(_PLACES))
            events.append(replace(event, background=rng.random() < 0.15))
        articles.append(make_article(doc, day if rng.random() < 0.95 else None, events))
    return articles


def _stale(con):
    """Mark the counts stale, so that every reader computes from the events, stories and documents."""
    assert not con.execute("SELECT count(*) FROM document_stale_days").fetchall()[0][0]
    con.execute("INSERT INTO commitment_stale_dyads VALUES ('~', '~')")
    con.execute("INSERT INTO document_stale_days VALUES (NULL)")


def _unstale(con):
    con.execute("DELETE FROM commitment_stale_dyads WHERE k1 = '~'")
    con.execute("DELETE FROM document_stale_days")


def _rejected(prefix: str, n: int) -> list:
    """Documents the coder refused, some with a publication date."""
    return [Article(Document(id=f"{prefix}{i}", source=f"{prefix}{i}.txt", status="rejected", reason="test",
                             published=f"2016-0{1 + i % 9}-1{i % 10}" if i % 3 else None)) for i in range(n)]


_FILTERS = [dict(), dict(actor="JPN"), dict(actor="USA", status=["occurred"]), dict(dyad="JPN:RUS"),
            dict(dyad="JPN:RUS", directed=True), dict(status=["planned"]), dict(since="2016"),
            dict(since="2015-03", until="2016-02"), dict(until="2015"), dict(since="2016", background="include"),
            dict(background="only"), dict(background="exclude"), dict(since="2015-06-15"),
            dict(actor="JPNGOV"), dict(since="2016", until="2015"), dict(root=["04"])]


def _answers(path) -> dict:
    """Every reader of the counts, for each filter of `_FILTERS`."""
    out = {}
    with EventDB(path) as db:
        con = db.store.con
        out["actors"] = db.actors().to_dict("records")
        out["names"] = queries.actor_names(con, ["JPN", "RUS", "IGOUNO", "XXX"])
        for i, kwargs in enumerate(_FILTERS):
            f = queries.make_filter(**kwargs)
            for by in ("month", "year"):
                out[i, "timeline", by] = queries.timeline(con, f, by=by)
                out[i, "dyads", by] = db.dyads(
                    actor=f.actor, dyad=f.dyad, directed=f.directed, root=list(f.roots) or None,
                    status=list(f.statuses) or None, since=kwargs.get("since"), until=kwargs.get("until"), by=by,
                    background=f.background).to_dict("records")
            out[i, "pairs"] = queries.pairs(con, f, limit=50)
            out[i, "network"] = queries.network(con, f, limit=10, min_events=2)
            for sort in (None, "-date"):
                for offset in (0, 5, 40):
                    listed = event_list.events_list(con, f, limit=7, offset=offset, sort=sort)
                    out[i, "list", sort, offset] = (listed.total, [row["event_id"] for row in listed.rows])
            out[i, "places"] = queries.locations(con, f, limit=100)
            facets = queries.facets(con, f, names=tuple(queries.FACETS), top=5)  # every facet, ties cut at 5
            out[i, "facets"] = (facets.values, facets.approximate)
            out[i, "countries"] = geo.country_totals(con, f)
            kept = {k: v for k, v in kwargs.items() if k != "dyad"} | ({"dyad": f.dyad} if f.dyad else {})
            for limit in (1, 7, 300):  # EventDB.events seeks its first rows by month through the counts
                out[i, "db.events", limit] = db.events(**kept, limit=limit)["event_id"].tolist()
            for sort in (None, "date", "-date", "-mentions", "goldstein", "-articles"):
                for offset in (0, 3, 25, 400):
                    total, rows = queries.stories_page(con, f, limit=6, offset=offset, sort=sort)
                    out[i, "stories", sort, offset] = (total, [row["story_id"] for row in rows])
        for status in (None, "coded", "rejected"):
            for offset in (0, 4, 33, 500):
                total, rows = queries.documents_page(con, status=status, limit=9, offset=offset)
                out["documents", status, offset] = (total, [row["doc_id"] for row in rows])
    return out


def _same(counted, direct) -> None:
    assert counted.keys() == direct.keys()
    for key in counted:
        assert _plain(counted[key]) == _plain(direct[key]), key


def _plain(value):
    """NaN as None (pandas turns a NULL mean into NaN), so that two answers compare."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _check(path) -> None:
    with Store.open(path) as store:
        assert aggregates.fresh(store.con)
    counted = _answers(path)
    with Store.open(path) as store:
        _stale(store.con)
    direct = _answers(path)
    with Store.open(path) as store:
        _unstale(store.con)
    _same(counted, direct)
    for kind in ("pairs", "places", "countries", "facets"):
        assert any(rows for key, rows in counted.items() if key[1:] == (kind,)), kind
    assert any(value[1] for key, value in counted.items() if key[1] == "stories" and key[3] == 25)
    assert any(value[1] for key, value in counted.items() if key[0] == "documents")
    _check_commitments(path)
    with Store.open(path) as store:  # the kept counts are those a fresh count makes
        kept = {t: store.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in _KEPT}
        _recount(store.con)
        assert {t: store.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in _KEPT} == kept


def _check_commitments(path) -> None:
    """The commitments' states and pages from the kept counts are those the view gives."""
    with EventDB(path) as db:
        for actor, dyad in ((None, None), ("JPN", None), ("RUS", None), (None, ("USA", "CHN")), ("XXX", None)):
            where = " WHERE " + " AND ".join((["(source = $a OR target = $a)"] if actor else [])
                                             + (["((source = $x AND target = $y) OR (source = $y AND target = $x))"]
                                                if dyad else []) + ["TRUE"])
            params = ({"a": actor} if actor else {}) | ({"x": dyad[0], "y": dyad[1]} if dyad else {})
            counted = dict(db.store.execute(f"SELECT state, count(*) FROM commitments {where} GROUP BY 1",
                                            params).fetchall())
            assert db.commitment_states(actor=actor, dyad=dyad) == {state: counted.get(state, 0)
                                                                     for state in commitments.STATES}
            for state in (None, "pending", "overdue", "fulfilled"):
                for limit, offset in ((3, 0), (4, 2), (5, 9), (100, 0), (2, 1000)):
                    state_where = where + (" AND state = $s" if state else "")
                    expected = [row[0] for row in db.store.execute(
                        f"SELECT story_id FROM commitments {state_where} ORDER BY announced, story_id "
                        f"LIMIT {limit} OFFSET {offset}", params | ({"s": state} if state else {})).fetchall()]
                    page = db.commitments(state=state, actor=actor, dyad=dyad, limit=limit, offset=offset)
                    assert page["story_id"].tolist() == expected, (actor, dyad, state, limit, offset)
        assert db.commitment_states()["overdue"] and len(db.commitments(limit=None)) > 10


_KEPT = ("dyad_counts", "place_counts", "actor_counts", "story_counts", "document_counts", "commitment_counts")


def _recount(con) -> None:
    """Count every kept table afresh, as their migrations do."""
    for table in _KEPT:
        con.execute(f"DROP TABLE {table}")
    con.execute("DROP TABLE document_stale_days")
    for statement in (aggregates.MIGRATION + aggregates.STORY_MIGRATION + document_counts.MIGRATION
                      + commitments.COUNTS_MIGRATION):
        statement(con) if callable(statement) else con.execute(statement)


def test_stored_counts_answer_as_the_events_after_runs_edits_and_deletions(tmp_path):
    rng = random.Random(5)
    path = tmp_path / "db.duckdb"
    with Store.open(path) as store:
        first = _random_articles(rng, 60, "a")
        write_articles(store, [(a, a.document.id) for a in first])
        refresh_stories(store.con)
    _check(path)
    with Store.open(path) as store:  # a second run: new documents, and an edited one replacing an old version
        second = _random_articles(rng, 30, "b")
        edited = _random_articles(rng, 1, "a0-v2-")[0]
        edited = replace(edited, document=replace(edited.document, source=first[0].document.source))
        write_articles(store, [(a, a.document.id) for a in [*second, edited, *_rejected("r", 12)]])
        refresh_stories(store.con)
    _check(path)
    with Store.open(path) as store:  # a document deleted with its events
        with store.transaction() as con:
            forget_documents(con, ["a5", "b3", "r4"])
            con.execute("DELETE FROM events WHERE doc_id IN ('a5', 'b3', 'r4')")
            con.execute("DELETE FROM documents WHERE doc_id IN ('a5', 'b3', 'r4')")
        refresh_stories(store.con)
    _check(path)


def test_the_migration_fills_the_counts_as_a_refresh_does(tmp_path):
    path = tmp_path / "db.duckdb"
    with Store.open(path) as store:
        write_articles(store, [(a, a.document.id) for a in _random_articles(random.Random(8), 30, "a")])
        refresh_stories(store.con)
        refreshed = {t: store.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in _KEPT}
        assert all(refreshed.values())
        _recount(store.con)
        assert {t: store.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in _KEPT} == refreshed


def test_a_run_not_yet_refreshed_is_read_from_the_events(tmp_path):
    path = tmp_path / "db.duckdb"
    jpn_rus = make_article("x", "2016-01-05", [make_event("x", "JPN", "RUS", "040", start="2016-01-05")])
    with Store.open(path) as store:
        write_articles(store, [(jpn_rus, "x")])
        refresh_stories(store.con)
        later = make_article("y", "2016-02-05", [make_event("y", "JPN", "RUS", "040", start="2016-02-05")])
        write_articles(store, [(later, "y")])  # a batch written, the run not yet at its end
        assert not aggregates.fresh(store.con)
    with EventDB(path) as db:
        assert db.dyads(dyad=("JPN", "RUS"))["events"].tolist() == [1, 1]


@pytest.mark.parametrize("actor, prefix", [("JPN", False), ("JPNGOV", True), ("USA", True)])
def test_actor_is_prefix_when_a_code_starts_with_it_under_another_key(tmp_path, actor, prefix):
    path = tmp_path / "db.duckdb"
    events = [make_event("x", "USAGOV", "JPN", "040", start="2016-01-05"),
              make_event("x", "JPNGOV", "RUS", "040", start="2016-01-05", index=1)]
    with Store.open(path) as store:
        write_articles(store, [(make_article("x", "2016-01-05", events), "x")])
        refresh_stories(store.con)
        store.execute("UPDATE actor_counts SET key = 'XYZ' WHERE code = 'USAGOV'")  # a code under another key
        assert aggregates.actor_is_prefix(store.con, actor) is prefix
