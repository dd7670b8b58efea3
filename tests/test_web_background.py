"""Events told as history (`background`) through the web: every list, count and page takes `background`
(include, only, exclude) with the CLI's default, and the filter forms and downloads keep it."""

from __future__ import annotations

import csv
import io

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from store_fixtures import build_store, history_articles

from tacitus.web import create_app

NEWS, HISTORY, UNDATED = (f"<span class=\"code\">{code}</span>" for code in ("040", "057", "111"))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("history") / "history.duckdb", history_articles())
    with TestClient(create_app(path), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(("query", "codes"), [
    ("", ["057", "040", "111"]),
    ("?since=2013", ["040"]),  # a dated query leaves history out, as `tacitus events --since` does
    ("?since=2013&background=include", ["057", "040"]),
    ("?background=only", ["057"]),
    ("?background=exclude", ["040", "111"]),
])
def test_web_api_events_background(client, query, codes):
    assert [item["code"] for item in client.get("/api/events" + query).json()["items"]] == codes


@pytest.mark.parametrize(("query", "codes"), [("", ["040", "111"]), ("?background=only", ["057"]),
                                              ("?background=include", ["057", "040", "111"])])
def test_web_api_stories_background(client, query, codes):
    assert [item["code"] for item in client.get("/api/stories" + query).json()["items"]] == codes


@pytest.mark.parametrize(("path", "key"), [("/api/dyads", "month"), ("/api/timeline", "period")])
@pytest.mark.parametrize(("query", "months"), [("", ["2013-04", "2015-05"]), ("?since=2013", ["2015-05"]),
                                               ("?background=only", ["2013-04"])])
def test_web_api_counts_background(client, path, key, query, months):
    assert [item[key] for item in client.get(path + query).json()["items"]] == months


def test_web_api_overview_background(client):
    assert [m["period"] for m in client.get("/api/overview").json()["months"]] == ["2013-04", "2015-05"]
    body = client.get("/api/overview?background=exclude").json()
    assert [m["period"] for m in body["months"]] == ["2015-05"] and body["counts"]["events_background"] == 1


@pytest.mark.parametrize("path", ["/api/events", "/api/stories", "/api/dyads", "/api/timeline", "/api/network",
                                  "/api/locations", "/api/overview", "/events", "/stories", "/network"])
def test_web_bad_background_is_refused(client, path):
    response = client.get(path + "?background=sometimes")
    assert response.status_code == 422 and "background" in response.text


@pytest.mark.parametrize("path", ["/api/events", "/api/stories", "/api/dyads", "/api/timeline", "/api/overview"])
def test_web_api_background_is_in_the_schema(client, path):
    parameters = client.get("/openapi.json").json()["paths"][path]["get"]["parameters"]
    background = next(p for p in parameters if p["name"] == "background")
    assert background["schema"]["anyOf"][0]["enum"] == ["include", "only", "exclude"]
    assert "since or until" in background["description"]


def test_web_api_download_keeps_background(client):
    text = client.get("/api/events?background=only&format=csv").text
    assert [row["code"] for row in csv.DictReader(io.StringIO(text))] == ["057"]


@pytest.mark.parametrize(("url", "shown", "hidden"), [
    ("/events", [NEWS, HISTORY, UNDATED], []),
    ("/events?since=2013", [NEWS], [HISTORY]),
    ("/events?background=only", [HISTORY], [NEWS, UNDATED]),
    ("/stories", [NEWS], [HISTORY]),
    ("/stories?background=only", [HISTORY], [NEWS]),
    ("/dyad?a=JPN&b=RUS&background=exclude", [NEWS], [HISTORY]),
])
def test_web_pages_background(client, url, shown, hidden):
    html = client.get(url).text
    assert all(s in html for s in shown) and not any(s in html for s in hidden)


@pytest.mark.parametrize("url", ["/events?background=only", "/stories?background=only",
                                 "/dyad?a=JPN&b=RUS&background=only", "/network?background=only",
                                 "/map?background=only"])
def test_web_pages_filter_form_offers_background(client, url):
    html = client.get(url).text
    assert '<select name="background"' in html and '<option value="only" selected>only</option>' in html


@pytest.mark.parametrize("page", ["events", "stories"])
def test_web_pages_download_links_keep_background(client, page):
    assert f"/api/{page}?background=exclude&amp;format=csv" in client.get(f"/{page}?background=exclude").text
