"""`tacitus serve --allow-writes`: the coding page and POST /api/code save a pasted article only when allowed;
and /api/code/status tells a waiting page what the coder is doing."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from web_fixtures import build_handmade

from tacitus.model import Article, Document
from tacitus.web import create_app

TEXT = "Japan and China agree to talks."


def fake_coder(text: str, published: str | None) -> Article:
    return Article(Document(id="pasted-saved", source="<pasted>", status="coded", text=text, published=published))


@pytest.fixture()
def db_path(tmp_path):
    return build_handmade(tmp_path / "events.duckdb")


def test_web_saving_refused_without_allow_writes(db_path):
    with TestClient(create_app(db_path, coder=fake_coder)) as client:
        refused = client.post("/api/code", json={"text": TEXT, "save": True})
        assert refused.status_code == 403 and "--allow-writes" in refused.json()["detail"]
        page = client.post("/code", data={"text": TEXT, "save": "1"})
        assert page.status_code == 403 and "--allow-writes" in page.text
        assert client.get("/api/documents/pasted-saved").status_code == 404
        assert client.get("/api/health").json()["documents"] == 4


def test_web_saving_without_save_stores_nothing(db_path):
    with TestClient(create_app(db_path, coder=fake_coder, allow_writes=True)) as client:
        body = client.post("/api/code", json={"text": TEXT}).json()
        assert body["saved"] is False
        assert client.get("/api/documents/pasted-saved").status_code == 404


def test_web_saving_api_saves_with_allow_writes(db_path):
    with TestClient(create_app(db_path, coder=fake_coder, allow_writes=True)) as client:
        assert client.get("/api/health").json()["documents"] == 4  # the reader has the file open
        body = client.post("/api/code", json={"text": TEXT, "published": "2016-03-12", "save": True}).json()
        assert body["saved"] is True
        stored = client.get("/api/documents/pasted-saved").json()
        assert stored["text"] == TEXT and stored["source"] == "<pasted pasted-saved>"
        assert client.get("/api/health").json()["documents"] == 5  # the cache was dropped


def test_web_saving_page_saves_with_allow_writes(db_path):
    with TestClient(create_app(db_path, coder=fake_coder, allow_writes=True)) as client:
        form = client.get("/code").text
        assert 'name="save"' in form
        page = client.post("/code", data={"text": TEXT, "published": "", "save": "1"})
        assert page.status_code == 200 and "Saved into the database" in page.text
        assert client.get("/api/documents/pasted-saved").status_code == 200


def test_web_saving_checkbox_hidden_without_allow_writes(db_path):
    with TestClient(create_app(db_path, coder=fake_coder)) as client:
        assert 'name="save"' not in client.get("/code").text


def test_web_code_status_reports_the_coder(db_path):
    with TestClient(create_app(db_path, coder=fake_coder)) as client:
        status = client.get("/api/code/status").json()
        assert status["state"] in ("loading", "ready") and status["allow_writes"] is False
        client.post("/api/code", json={"text": TEXT})
        assert client.get("/api/code/status").json()["state"] == "ready"
