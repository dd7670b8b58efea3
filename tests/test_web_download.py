"""Downloads of a filtered view of events: CSV, JSON lines and Parquet, streamed."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from web_fixtures import build_handmade

from tacitus.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(build_handmade(tmp_path_factory.mktemp("web") / "events.duckdb"))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_events_download_as_csv_jsonl_and_parquet_keeps_the_filter(client):
    listed = client.get("/api/events?dyad=JPN:RUS&limit=500").json()
    ids = [e["event_id"] for e in listed["items"]]
    assert ids
    answer = client.get("/api/events?dyad=JPN:RUS&format=csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["event_id"] for r in rows] == ids
    lines = client.get("/api/events?dyad=Japan:Russia&format=jsonl").text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ids
    table = pq.read_table(io.BytesIO(client.get("/api/events?dyad=JPN:RUS&format=parquet").content))
    assert table.column("event_id").to_pylist() == ids


def test_an_empty_download_is_still_a_file_with_its_columns(client):
    none = "since=1900&until=1900"
    text = client.get(f"/api/events?{none}&format=csv").text
    assert text.startswith('"event_id"') or text.startswith("event_id")
    assert client.get(f"/api/events?{none}&format=jsonl").text == ""
    assert pq.read_table(io.BytesIO(client.get(f"/api/events?{none}&format=parquet").content)).num_rows == 0


def test_a_download_naming_an_unknown_actor_is_refused_before_it_starts(client):
    response = client.get("/api/events?actor=Japn&format=csv")
    assert response.status_code == 404 and "did you mean Japan (JPN)" in response.json()["detail"]


def test_an_unknown_download_format_is_refused(client):
    assert client.get("/api/events?format=xlsx").status_code == 422


def test_api_stories_pages_deduplicated_events_with_their_evidence(client):
    body = client.get("/api/stories?dyad=Japan:Russia&limit=2").json()
    assert body["total"] >= len(body["items"]) > 0
    story = body["items"][0]
    assert {"story_id", "num_mentions", "num_articles", "evidence"} <= set(story)
    assert isinstance(story["evidence"], list) and story["evidence"][0]["sentence"]
