"""Commitments: planned events linked to the events that fulfil them, or pending, or overdue."""

from __future__ import annotations

import pytest

from store_fixtures import build_store, make_article, make_event
from tacitus.store.query import EventDB


def _corpus():
    return [
        # 2016-05-16: Putin will visit Japan before the end of the year (fulfilled in December, hosted by Japan).
        make_article("plan-visit", "2016-05-16", [
            make_event("plan-visit", "RUS", "JPN", "042", "planned", None, "2016-12-31", precision="interval"),
            # the same article reports a meeting that day: it must not count as the fulfilment
            make_event("plan-visit", "JPN", "RUS", "040", "occurred", "2016-05-16", index=1),
        ]),
        # A meeting in Russia before the visit: the same root, earlier, but not the act planned.
        make_article("meeting", "2016-09-03", [make_event("meeting", "RUS", "JPN", "040", "occurred", "2016-09-02")]),
        make_article("visit", "2016-12-16", [make_event("visit", "JPN", "RUS", "043", "occurred", "2016-12-15")]),
        # Abe will visit Russia (no date): open for a year after publication; still within the corpus' span.
        make_article("plan-open", "2017-01-10", [make_event("plan-open", "JPN", "RUS", "042", "planned",
                                                            "2017-01-10", "2017-01-10", precision="publication")]),
        # Sanctions to be lifted by March 2017: nothing happened, overdue by the latest article.
        make_article("plan-lift", "2017-01-05", [make_event("plan-lift", "JPN", "RUS", "085", "planned",
                                                            "2017-03-01", "2017-03-31", precision="month")]),
        # A different code family between the same actors does not fulfil it.
        make_article("threat", "2017-03-10", [make_event("threat", "JPN", "RUS", "138", "occurred", "2017-03-10")]),
        # Later coverage of the dyad: what makes the unlifted sanctions overdue rather than unknown.
        make_article("later", "2017-05-02", [make_event("later", "RUS", "JPN", "111", "occurred", "2017-05-02")]),
        make_article("latest", "2017-06-01", [make_event("latest", "CHN", "JPN", "111", "occurred", "2017-06-01")]),
    ]


@pytest.fixture(scope="module")
def commitments(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("c") / "db.duckdb", _corpus())
    with EventDB(path) as db:
        return db.commitments().set_index("doc_id")


@pytest.mark.parametrize("doc_id, state", [("plan-visit", "fulfilled"), ("plan-open", "pending"),
                                           ("plan-lift", "overdue")])
def test_commitment_state(commitments, doc_id, state):
    assert commitments.loc[doc_id, "state"] == state


def test_fulfilled_commitment_links_the_best_matching_event_not_the_earliest(commitments):
    row = commitments.loc["plan-visit"]
    assert row.fulfilled_doc == "visit"
    assert str(row.fulfilled_on)[:10] == "2016-12-15"
    assert row.match_score == 4 and "other side" in row.match_reason and row.candidates == 2


def test_overdue_commitment_counts_the_later_coverage(commitments):
    assert commitments.loc["plan-lift", "later_articles"] == 1


def test_a_missed_deadline_without_later_coverage_is_unknown(tmp_path):
    corpus = [a for a in _corpus() if a.document.id != "later"]
    with EventDB(build_store(tmp_path / "db.duckdb", corpus)) as db:
        row = db.commitments().set_index("doc_id").loc["plan-lift"]
    assert (row.state, row.later_articles) == ("unknown", 0)


def test_an_unsure_event_does_not_fulfil(tmp_path):
    from dataclasses import replace

    corpus = _corpus()
    corpus = [a if a.document.id != "visit" else replace(a, events=tuple(replace(e, confidence=0.2)
                                                                        for e in a.events)) for a in corpus]
    with EventDB(build_store(tmp_path / "db.duckdb", corpus)) as db:
        row = db.commitments().set_index("doc_id").loc["plan-visit"]
    assert row.fulfilled_doc == "meeting" and row.match_score == 1


def test_commitments_are_judged_against_the_latest_article(commitments):
    assert {str(v)[:10] for v in commitments["as_of"]} == {"2017-06-01"}


def test_open_commitment_deadline_is_a_year_after_announcement(commitments):
    assert str(commitments.loc["plan-open", "deadline"])[:10] == "2018-01-10"


def test_commitments_filter_by_state(tmp_path):
    path = build_store(tmp_path / "db.duckdb", _corpus())
    with EventDB(path) as db:
        assert db.commitments(state="overdue")["doc_id"].tolist() == ["plan-lift"]
        with pytest.raises(ValueError):
            db.commitments(state="forgotten")


def test_commitments_leave_out_plans_without_any_date(tmp_path):
    undated = make_article("plan-undated", None, [make_event("plan-undated", "RUS", "JPN", "042", "planned",
                                                             precision="unknown")])
    path = build_store(tmp_path / "db.duckdb", [*_corpus(), undated])
    with EventDB(path) as db:
        frame = db.commitments()
        assert "plan-undated" not in set(frame["doc_id"]) and set(frame["as_of"].astype(str)) == {"2017-06-01"}
        assert db.counts()["documents_undated"] == 1


def _as_background(corpus, doc_id):
    from dataclasses import replace

    return [a if a.document.id != doc_id else replace(a, events=tuple(replace(e, background=True) for e in a.events))
            for a in corpus]


def test_a_background_event_does_not_fulfil(tmp_path):
    with EventDB(build_store(tmp_path / "db.duckdb", _as_background(_corpus(), "visit"))) as db:
        row = db.commitments().set_index("doc_id").loc["plan-visit"]
    assert row.fulfilled_doc == "meeting" and row.match_score == 1


def test_a_background_plan_is_no_commitment(tmp_path):
    with EventDB(build_store(tmp_path / "db.duckdb", _as_background(_corpus(), "plan-lift"))) as db:
        assert "plan-lift" not in db.commitments()["doc_id"].tolist()
        assert sum(db.commitment_states().values()) == 2


def test_migration_0013_matches_the_stored_commitments_again(tmp_path):
    from tacitus.store.db import Store

    path = build_store(tmp_path / "db.duckdb", _as_background(_corpus(), "visit"))
    with Store.open(path) as store:  # as a database matched before the migration: fulfilled by the background visit
        store.execute("UPDATE commitment_matches SET fulfilled_doc = 'visit' WHERE doc_id = 'plan-visit'")
        store.execute("DELETE FROM migrations WHERE name = '0013_commitments_without_background'")
    with Store.open(path) as store:
        assert store.execute("SELECT fulfilled_doc FROM commitment_matches WHERE doc_id = 'plan-visit'"
                             ).fetchall() == [("meeting",)]
