"""The web's own queries agree with `EventDB`; request values are checked; text is cut for highlighting."""

from __future__ import annotations

from datetime import date

import pytest
from web_fixtures import build_handmade

import tacitus
from tacitus.web import event_list
from tacitus.web.event_list import events_list
from tacitus.web.highlight import segments
from tacitus.web.queries import (
    BadParameter,
    EVENT_SORTS,
    count_events,
    events_page,
    make_filter,
    pairs,
    timeline,
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = build_handmade(tmp_path_factory.mktemp("queries") / "events.duckdb")
    with tacitus.open(path) as database:
        yield database


@pytest.mark.parametrize("filters", [
    {}, {"actor": "JPN"}, {"actor": "RUSGOV"}, {"dyad": ("JPN", "RUS")}, {"dyad": ("RUS", "JPN"), "directed": True},
    {"root": ["04", "19"]}, {"code": "04"}, {"status": ["planned"]}, {"since": "2016-12"}, {"until": "2016-03"},
    {"since": "2016-04", "until": "2016-12-31"}, {"text": "KYIV"}, {"text": "putin arrives"}, {"doc_id": "doc-un"},
])
def test_web_queries_events_agree_with_eventdb(db, filters):
    expected = db.events(**filters)["event_id"].tolist()
    f = make_filter(**{**filters, "dyad": ":".join(filters["dyad"]) if "dyad" in filters else None})
    assert [e["event_id"] for e in events_page(db.store.con, f, limit=100)] == expected
    assert count_events(db.store.con, f) == len(expected)


@pytest.mark.parametrize("sort", [None, *(v for key in EVENT_SORTS for v in (key, "-" + key))])
@pytest.mark.parametrize("filters", [{}, {"actor": "JPN"}, {"text": "putin"}])
def test_web_queries_events_list_pages_as_count_and_page(db, filters, sort):
    f = make_filter(**filters)
    total = count_events(db.store.con, f)
    every = [e["event_id"] for e in events_page(db.store.con, f, limit=100, sort=sort)]
    for limit in (1, 2, 3):
        for offset in range(total + 1):
            listed = events_list(db.store.con, f, limit=limit, offset=offset, sort=sort)
            assert (listed.total, listed.approximate) == (total, False)
            assert [e["event_id"] for e in listed.rows] == every[offset:offset + limit], (limit, offset)


@pytest.mark.parametrize("sort", [None, "-date", "goldstein"])
@pytest.mark.parametrize("text", ["putin", "russia*", '"putin arrives"', "putin kyiv"])
def test_web_queries_events_list_of_common_words_reads_their_text(db, monkeypatch, text, sort):
    f = make_filter(text=text)
    every = [e["event_id"] for e in events_page(db.store.con, f, limit=100, sort=sort)]
    monkeypatch.setattr(event_list, "COMMON_POSTINGS", 0)  # every word is common: the text path
    for offset in range(len(every) + 1):
        listed = events_list(db.store.con, f, limit=1, offset=offset, sort=sort)
        assert [e["event_id"] for e in listed.rows] == every[offset:offset + 1], offset
        assert listed.total >= len(listed.rows) + offset


def test_web_queries_events_list_of_common_words_estimates_beyond_what_it_read(db, monkeypatch):
    f = make_filter(text="russia")
    total = count_events(db.store.con, f)
    monkeypatch.setattr(event_list, "COMMON_POSTINGS", 0)
    whole = events_list(db.store.con, f, limit=100)
    assert (whole.total, whole.approximate) == (total, False)  # it read every event: the count is exact
    monkeypatch.setattr(event_list.search, "rarest_postings", lambda con, parsed: 10 ** 9)  # "everywhere"
    first = events_list(db.store.con, f, limit=1)
    assert first.approximate and len(first.rows) == 1


def test_web_queries_timeline_agrees_with_eventdb_dyads(db):
    f = make_filter(dyad="JPN:RUS", status=["occurred"])
    rows = timeline(db.store.con, f)
    frame = db.dyads(dyad=("JPN", "RUS"))
    assert {r["period"]: r["events"] for r in rows} == frame.groupby("month")["events"].sum().to_dict()


def test_web_queries_pairs_are_undirected(db):
    rows = pairs(db.store.con, make_filter(), limit=10)
    assert (rows[0]["a"], rows[0]["b"], rows[0]["events"]) == ("JPN", "RUS", 5)


@pytest.mark.parametrize(("values", "expected"), [
    ({"actor": " jpn "}, {"actor": "JPN"}),
    ({"dyad": "jpn:rus"}, {"dyad": ("JPN", "RUS")}),
    ({"dyad": ("jpn", "rus")}, {"dyad": ("JPN", "RUS")}),
    ({"directed": True}, {"directed": False}),
    ({"root": ["4", "", "19"]}, {"roots": ("04", "19")}),
    ({"since": "2016-02", "until": "2016-02"}, {"since": date(2016, 2, 1), "until": date(2016, 2, 29)}),
    ({"actor": "", "text": "  ", "status": [""]}, {"actor": None, "text": None, "statuses": ()}),
])
def test_web_queries_make_filter(values, expected):
    f = make_filter(**values)
    assert {key: getattr(f, key) for key in expected} == expected


@pytest.mark.parametrize(("values", "word"), [
    ({"actor": "JP N"}, "actor"), ({"dyad": "JPN"}, "dyad"), ({"dyad": ("JPN", "")}, "dyad"),
    ({"root": ["100"]}, "root"), ({"code": "x"}, "code"), ({"status": ["soon"]}, "status"),
    ({"since": "2016-13"}, "since"), ({"until": "May"}, "until"), ({"since": "2015-02-29"}, "since"),
    ({"until": "0999"}, "until"),
    ({"text": "x" * 201}, "text"),
])
def test_web_queries_make_filter_rejects(values, word):
    with pytest.raises(BadParameter, match=word):
        make_filter(**values)


def test_web_queries_as_query_round_trips():
    f = make_filter(actor="JPN", dyad="JPN:RUS", directed=True, root=["04"], code="042", status=["planned"],
                    since="2016-01", until="2016-12", text="visit")
    assert make_filter(**{**f.as_query(), "directed": True}) == f


TEXT = "Abe met Putin in Tokyo. Japan criticised Russia."
EVENTS = [
    {"event_id": "e1", "span_start": 0, "span_end": 23, "trigger_start": 4, "trigger_end": 7, "source_text": "Abe",
     "target_text": "Putin", "code": "040", "label": "consult"},
    {"event_id": "e2", "span_start": 24, "span_end": 48, "trigger_start": 30, "trigger_end": 40,
     "source_text": "Japan", "target_text": "Russia", "code": "111", "label": "criticize"},
]


def test_web_highlight_segments_join_back_into_the_text():
    assert "".join(s.text for s in segments(TEXT, EVENTS, "e2")) == TEXT


def test_web_highlight_marks_triggers_and_actors():
    marked = {s.text: s for s in segments(TEXT, EVENTS) if s.classes}
    assert marked["met"].event_id == "e1" and marked["met"].classes == ("trigger",)
    assert {text for text, s in marked.items() if s.classes == ("actor",)} == {"Abe", "Putin", "Japan", "Russia"}


def test_web_highlight_selected_event_shows_its_evidence():
    cut = segments(TEXT, EVENTS, "e2")
    evidence = "".join(s.text for s in cut if "evidence" in s.classes)
    assert evidence == "Japan criticised Russia."
    assert next(s for s in cut if s.text == "criticised").classes == ("evidence", "trigger-selected")
    assert not any("evidence" in s.classes for s in cut if s.text in ("Abe", "met"))


@pytest.mark.parametrize("bad", [{"trigger_start": 40, "trigger_end": 99}, {"trigger_start": None},
                                 {"span_start": float("nan")}, {"trigger_start": 9, "trigger_end": 3}])
def test_web_highlight_ignores_offsets_outside_the_text(bad):
    event = {**EVENTS[0], **bad}
    assert "".join(s.text for s in segments(TEXT, [event], "e1")) == TEXT


def test_web_highlight_actor_found_only_inside_its_sentence():
    event = {**EVENTS[1], "source_text": "Abe"}
    assert not any("actor" in s.classes for s in segments(TEXT, [event]) if s.text == "Abe")


def test_names_typed_where_codes_are_expected_resolve():
    from tacitus.web.queries import make_filter

    assert make_filter(dyad="Japan:Russia").dyad == ("JPN", "RUS")
    assert make_filter(dyad=("Japan", "United Nations")).dyad == ("JPN", "IGOUNO")
    assert make_filter(actor="UN").actor == "IGOUNO"
    assert make_filter(actor="JPNGOV").actor == "JPNGOV"  # a code stays a code


@pytest.mark.parametrize("text", ["putin", "putin arrives", '"putin arrives"', "kyiv russia*", "zebra"])
def test_web_queries_stories_of_a_rare_word_are_those_of_the_join(db, monkeypatch, text):
    from tacitus.store import search
    from tacitus.web.queries import stories_page

    f = make_filter(text=text)
    by_key = stories_page(db.store.con, f, limit=100)
    monkeypatch.setattr(search, "RARE_POSTINGS", -1)  # no word is rare: every event joined to its story
    joined = stories_page(db.store.con, f, limit=100)
    assert (by_key[0], [s["story_id"] for s in by_key[1]]) == (joined[0], [s["story_id"] for s in joined[1]])
