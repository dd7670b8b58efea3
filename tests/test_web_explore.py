"""Exploring the database: search, facets, sorting and downloads of events and stories, the stories page, and
suggestions for names that resolve to nothing."""

from __future__ import annotations

import csv
import io

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from web_fixtures import build_handmade

from tacitus.store.query import EventDB
from tacitus.web import create_app, queries
from tacitus.web.names import is_known, suggest


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_handmade(tmp_path_factory.mktemp("web") / "events.duckdb")


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path), raise_server_exceptions=False) as test_client:
        yield test_client


def _ids(body):
    return [item["event_id"] for item in body["items"]]


# -- search ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["putin", "Putin Japan", '"visit japan"', "vis*", "tokyo", "arrives"])
def test_api_search_gives_the_rows_of_eventdb(client, db_path, text):
    with EventDB(db_path) as db:
        expected = sorted(db.events(text=text)["event_id"])
    assert expected, text
    assert sorted(_ids(client.get("/api/events", params={"text": text, "limit": 500}).json())) == expected


def test_search_is_whole_words_all_of_them_any_case(client):
    assert client.get("/api/events?text=PUTIN+visited").json()["total"] == 1
    assert client.get("/api/events?text=visi").json()["total"] == 0  # a part of a word is not the word
    assert client.get("/api/events?text=visi*").json()["total"] == 2  # unless it asks for a prefix
    assert client.get("/api/events", params={"text": '"Japan before"'}).json()["total"] == 1
    assert client.get("/api/events", params={"text": '"before Japan"'}).json()["total"] == 0


def test_a_search_without_words_is_one_sentence(client):
    # the schema asks for a letter or digit (so a fuzzer sends no such text as valid); the detail names the parameter
    answer = client.get("/api/events?text=%21%21%21")
    assert answer.status_code == 422 and answer.json()["detail"].startswith("text: '!!!'")


# -- sorting and facets ----------------------------------------------------------------------------------------
def test_events_sort_by_any_key_either_way(client):
    newest = client.get("/api/events?sort=-date&limit=500").json()["items"]
    dates = [e["window_start"] for e in newest if e["window_start"]]
    assert dates == sorted(dates, reverse=True)
    scores = [e["goldstein"] for e in client.get("/api/events?sort=goldstein&limit=500").json()["items"]]
    assert scores == sorted(scores)
    same = client.get("/api/events?limit=500").json()["items"]
    assert {e["event_id"] for e in same} == {e["event_id"] for e in newest}


def test_a_bad_sort_key_is_422_in_one_sentence(client):
    for url in ("/api/events?sort=colour", "/api/stories?sort=-colour"):
        answer = client.get(url)
        assert answer.status_code == 422
        assert answer.json()["detail"].startswith("sort:") and "\n" not in answer.json()["detail"]


def test_events_facets_count_every_matching_event(client):
    body = client.get("/api/events?facets=root,country,outlet&limit=1").json()
    assert set(body["facets"]) == {"root", "country", "outlet"}
    assert sum(v["count"] for v in body["facets"]["outlet"]) == body["total"]
    roots = {v["value"]: v["count"] for v in body["facets"]["root"]}
    assert roots["04"] == client.get("/api/events?root=04").json()["total"]
    assert "facets" not in client.get("/api/events?limit=1").json()


def test_events_facets_of_few_matches_are_exact(client):
    body = client.get("/api/events?facets=root&limit=1").json()
    assert body["facets_approximate"] is False
    assert "estimated from a sample" not in client.get("/events").text


def test_events_facets_of_many_matches_are_estimated_from_a_sample_and_say_so(client, monkeypatch):
    exact = client.get("/api/events?facets=root,outlet,month&text=japan&limit=1").json()
    monkeypatch.setattr(queries, "FACET_EXACT_ROWS", 1)  # every list "large"; the sample then holds every block
    body = client.get("/api/events?facets=root,outlet,month&text=japan&limit=1").json()
    assert body["facets_approximate"] is True and exact["facets_approximate"] is False
    # a sample of the whole table, scaled by 1: the exact counts
    assert exact["facets"]["root"] and body["facets"] == exact["facets"]
    page = client.get("/events?q=japan")
    assert "estimated from a sample" in page.text and "(about " in page.text
    monkeypatch.setattr(queries, "FACET_SAMPLE_ROWS", 0)  # a sample of nothing: no values, still an estimate
    assert client.get("/api/events?facets=root&text=japan&limit=1").json()["facets"] == {"root": []}
    # A list the kept counts answer (no search, root or code) is counted exactly from them, however large.
    whole = client.get("/api/events?facets=root&limit=1").json()
    assert whole["facets_approximate"] is False and whole["facets"]["root"]


def test_stories_facets_of_many_matches_are_estimated_from_a_sample_and_say_so(client, monkeypatch):
    exact = client.get("/api/stories?facets=root,status,month&limit=1").json()
    monkeypatch.setattr(queries, "FACET_EXACT_ROWS", 1)
    body = client.get("/api/stories?facets=root,status,month&limit=1").json()
    assert exact["facets_approximate"] is False and body["facets_approximate"] is True
    assert exact["facets"]["root"] and body["facets"] == exact["facets"]
    assert "estimated from a sample" in client.get("/stories").text


def test_an_unknown_facet_is_refused(client):
    answer = client.get("/api/events?facets=root,colour")
    assert answer.status_code == 422 and "colour" in answer.json()["detail"]


def test_stories_search_sort_facets_and_download(client):
    body = client.get("/api/stories?text=visit&sort=-mentions&facets=root,status").json()
    assert body["total"] >= 1 and {"root", "status"} == set(body["facets"])
    assert all(any("visit" in m["sentence"].lower() for m in s["evidence"]) for s in body["items"])
    mentions = [s["num_mentions"] for s in body["items"]]
    assert mentions == sorted(mentions, reverse=True)
    download = client.get("/api/stories?text=visit&format=csv")
    assert download.status_code == 200 and 'filename="stories.csv"' in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert {r["story_id"] for r in rows} == {s["story_id"] for s in body["items"]}
    assert rows[0]["evidence"].startswith("[")  # JSON in CSV


def test_the_schema_documents_sort_and_facets(client):
    schema = client.get("/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert "-date" in str(params["sort"]["schema"]) and "facets" in params
    stories = {p["name"] for p in schema["paths"]["/api/stories"]["get"]["parameters"]}
    assert {"text", "sort", "facets", "format"} <= stories


# -- the stories page ------------------------------------------------------------------------------------------
def test_stories_page_lists_searches_and_links_facets(client):
    page = client.get("/stories")
    assert page.status_code == 200 and 'href="/stories"' in page.text
    assert "stories</h2>" in page.text and "/api/stories?" in page.text
    found = client.get("/stories?q=visited&sort=-mentions")
    assert found.status_code == 200 and "Vladimir Putin visited Japan" in found.text
    assert "Kyiv" not in found.text
    assert 'href="/stories?q=visited&amp;sort=-mentions&amp;root=04"' in found.text  # a facet filters the list


def test_stories_page_refuses_a_bad_sort_in_one_sentence(client):
    page = client.get("/stories?sort=colour")
    assert page.status_code == 422 and "sort must be one of" in page.text


def test_events_page_sorts(client):
    page = client.get("/events?sort=-date")
    assert page.status_code == 200 and '<option value="-date" selected>' in page.text


# -- names that resolve to nothing -----------------------------------------------------------------------------
def test_an_unknown_name_gets_suggestions_on_the_page(client):
    page = client.get("/dyad?a=Japn&b=Russia")
    assert page.status_code == 404
    assert "Did you mean" in page.text and 'href="?a=JPN&amp;b=RUS"' in page.text and "Japan (JPN)" in page.text


def test_an_unknown_name_gets_suggestions_in_the_api(client):
    answer = client.get("/api/events?dyad=Japn:RUS")
    assert answer.status_code == 404
    assert "did you mean Japan (JPN)" in answer.json()["detail"]
    assert client.get("/api/dyads?actor=Rusia").json()["detail"].count("Russia (RUS)") == 1


def test_known_names_and_codes_are_not_questioned(client):
    for actor in ("Japan", "JPN", "JPNGOV", "IGOUNO", "UN", "United States", "Côte d'Ivoire", "the Kremlin"):
        assert client.get("/api/events", params={"actor": actor}).status_code == 200, actor
    assert client.get("/api/events", params={"dyad": "Japan:Russian Federation"}).status_code == 200


def test_a_name_of_several_words_resolves_on_the_pages_and_gets_suggestions(client):
    page = client.get("/dyad", params={"a": "Japan", "b": "Russian Federation"})
    assert page.status_code == 200 and "Japan and Russia" in page.text
    unknown = client.get("/api/events", params={"actor": "Untied States"})
    assert unknown.status_code == 404 and "did you mean United States (USA)" in unknown.json()["detail"]
    assert client.get("/api/events", params={"actor": "Japan; DROP TABLE"}).status_code == 422


def test_suggestions_come_from_the_knowledge_base():
    assert not is_known("Japn") and str(suggest("Japn")[0]) == "Japan (JPN)"
    assert is_known("RUSMIL") and is_known("United States") and not is_known("Chnia")
    assert str(suggest("Untied States")[0]) == "United States (USA)"
    assert suggest("qqqqqq") == []
    assert is_known("XYZ", keys={"XYZ"})  # an actor key of the database


def test_events_facets_of_an_estimated_list_are_estimated_too(client, monkeypatch):
    from tacitus.web import event_list

    monkeypatch.setattr(event_list, "COMMON_POSTINGS", 0)  # every word common: the list's total an estimate
    monkeypatch.setattr(event_list.search, "rarest_postings", lambda con, parsed: 10 ** 9)
    body = client.get("/api/events?facets=root&text=japan&limit=1").json()
    assert body["approximate"] is True and body["facets_approximate"] is True
