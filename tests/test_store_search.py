"""Full-text search (tacitus.store.search): what a search means, and the word index giving the rows of a scan."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pytest

from store_fixtures import build_store, make_article, make_event
from tacitus.store import search
from tacitus.store.db import Store
from tacitus.store.ingest import write_articles
from tacitus.store.query import EventDB

_SENTENCES = [
    "Japan's prime minister met Russian officials for peace talks in Tokyo.",
    "Talks between Japan and Russia stalled; the peace treaty remains unsigned.",
    "The Japanese navy held drills near the disputed islands.",
    "Russia said the talks were peaceful, and Japan agreed.",
    "Ölaf Müller, a negotiator, said negotiations would resume in São Paulo.",
    "U.S.-led sanctions were NOT lifted, officials in Washington said.",
]
_TITLES = ["Peace talks in Tokyo", None, "Drills at sea", "Russia and Japan", "Négociations", "Sanctions stay"]


def _corpus():
    return [make_article(f"doc{i}", f"2016-0{i + 1}-10", [
        make_event(f"doc{i}", "JPN", "RUS", "040", "occurred", f"2016-0{i + 1}-10", sentence=sentence)],
        title=title) for i, (sentence, title) in enumerate(zip(_SENTENCES, _TITLES))]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("search") / "db.duckdb", _corpus())


def _docs(con: duckdb.DuckDBPyConnection, text: str, *, use_index: bool) -> list[str]:
    sql, params, _ = search.clause(con, search.parse(con, text), use_index=use_index)
    rows = con.execute(f"SELECT DISTINCT e.doc_id FROM events e JOIN documents d ON d.doc_id = e.doc_id "
                       f"WHERE {sql} ORDER BY e.doc_id", params).fetchall()
    return [row[0] for row in rows]


QUERIES = {
    "talks": ["doc0", "doc1", "doc3"],            # whole words, any case ("Talks"), in the sentence or the title
    "TALKS japan": ["doc0", "doc1", "doc3"],      # several words: all of them
    "japan peace": ["doc0", "doc1"],              # "peaceful" is not "peace"
    '"peace talks"': ["doc0"],                    # a phrase: those words in a row
    '"talks peace"': [],
    "japanese": ["doc2"],                         # "Japanese" is not "Japan", nor the other way round
    "negotiat*": ["doc4"],                        # a prefix
    "ölaf são": ["doc4"],                         # letters of any script, lower-cased
    "négociations": ["doc4"],                     # a word of the title only
    "tokyo drills": [],                           # each word in the event's sentence or its title, not elsewhere
    "sea drills": ["doc2"],                       # one word from the title, one from the sentence
    "U.S.-led": ["doc5"],                         # written with stops and a hyphen: its words in a row
    "japan's": ["doc0"],
    "not": ["doc5"],
    "zebra": [],
}


@pytest.mark.parametrize("text, expected", list(QUERIES.items()))
def test_a_search_means_what_users_expect(db_path, text, expected):
    with EventDB(db_path) as db:
        assert _docs(db.store.con, text, use_index=True) == expected


@pytest.mark.parametrize("rare", [search.RARE_POSTINGS, 0])  # rare words by their events' keys, or joined
@pytest.mark.parametrize("text", list(QUERIES))
def test_the_word_index_gives_the_rows_of_the_scan(db_path, text, rare, monkeypatch):
    monkeypatch.setattr(search, "RARE_POSTINGS", rare)
    with EventDB(db_path) as db:
        assert _docs(db.store.con, text, use_index=True) == _docs(db.store.con, text, use_index=False)


@pytest.mark.parametrize("rare", [search.RARE_POSTINGS, 5, 0])
def test_the_index_gives_the_scan_on_a_larger_random_corpus(tmp_path, rare, monkeypatch):
    import random

    monkeypatch.setattr(search, "RARE_POSTINGS", rare)

    rng = random.Random(3)
    words = ["peace", "talks", "Talks", "war", "Japan", "Japan's", "japanese", "Russia", "sanction", "sanctions",
             "U.N.", "ceasefire", "cease-fire", "Ölaf", "visit", "visits", "a", "the"]
    articles = []
    for i in range(120):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + "."
        title = " ".join(rng.choice(words) for _ in range(4)) if i % 3 else None
        articles.append(make_article(f"r{i}", "2017-01-01", [make_event(f"r{i}", "JPN", "RUS", "040", "occurred",
                                                                       "2017-01-01", sentence=sentence)],
                                     title=title))
    path = build_store(tmp_path / "db.duckdb", articles)
    texts = ["peace", "talks japan", '"peace talks"', "sanction*", "japan's", "u.n", "cease-fire", "ölaf visit",
             '"the a"', "war war", "ceasefire sanctions the"]
    with EventDB(path) as db:
        for text in texts:
            assert _docs(db.store.con, text, use_index=True) == _docs(db.store.con, text, use_index=False), text


def test_events_text_uses_the_same_search(db_path):
    with EventDB(db_path) as db:
        assert sorted(db.events(text='"peace talks"')["doc_id"]) == ["doc0"]
        assert sorted(db.events(text="Talks Japan")["doc_id"]) == ["doc0", "doc1", "doc3"]


def test_a_text_without_words_is_refused(db_path):
    with EventDB(db_path) as db, pytest.raises(search.SearchError, match="word"):
        search.parse(db.store.con, "!!! ...")


def test_the_index_follows_an_edited_document_and_a_deleted_one(tmp_path):
    path = build_store(tmp_path / "db.duckdb", _corpus())
    edited = make_article("doc0-v2", "2016-01-10", [make_event("doc0-v2", "JPN", "RUS", "040", "occurred",
                                                               "2016-01-10", sentence="Tokyo hosted a summit.")],
                          title="Summit")
    # The same source under a new id: the edited file replaces the old version, its events and their words.
    edited = replace(edited, document=replace(edited.document, source="doc0.txt"))
    with Store.open(path) as store:
        write_articles(store, [(edited, "v2")])
        con = store.con
        assert _docs(con, '"peace talks"', use_index=True) == []
        assert _docs(con, "summit", use_index=True) == ["doc0-v2"]
        stored = con.execute("SELECT count(*) FROM event_words w ANTI JOIN events e USING (event_id)").fetchall()
        assert stored[0][0] == 0  # no word of an event that is gone


def test_compaction_sorts_the_index_and_keeps_its_rows(tmp_path):
    path = build_store(tmp_path / "db.duckdb", _corpus())
    with Store.open(path) as store:
        before = store.execute("SELECT word, event_id FROM event_words ORDER BY ALL").fetchall()
        assert search.compact(store.con, force=True)
        after = store.execute("SELECT word, event_id FROM event_words").fetchall()
        assert after == sorted(before)
        assert not search.compact(store.con)  # nothing came in since


def test_a_database_without_the_index_is_searched_by_a_scan(tmp_path):
    path = build_store(tmp_path / "db.duckdb", _corpus())
    with Store.open(path) as store:
        store.execute("DROP TABLE event_words")
        assert not search.has_index(store.con)
        assert _docs(store.con, "talks japan", use_index=False) == QUERIES["TALKS japan"]
        sql, _, needs_title = search.clause(store.con, search.parse(store.con, "talks"))
        assert "event_words" not in sql and needs_title
