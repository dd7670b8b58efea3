"""The web server under hostile requests: form floods, foreign hosts and origins, odd ids, wrong methods."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from store_fixtures import build_store, make_article, make_event
from tacitus.model import Article, Document
from tacitus.web import create_app
from tacitus.web.app import host_name


def fake_coder(text: str, published: str | None) -> Article:
    return Article(Document(id="pasted", source="<pasted>", text=text, published=published))


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    odd = make_article("reuters/2015/05/16?x=1#y", "2015-05-16", [make_event("reuters/2015/05/16?x=1#y", "JPN",
                                                                             "RUS", "042", start="2015-05-16")])
    return build_store(tmp_path_factory.mktemp("web") / "db.duckdb", [odd, make_article("plain", "2015-05-17")])


@pytest.fixture(scope="module")
def client(database):
    app = create_app(database, coder=fake_coder, allowed_hosts=["127.0.0.1", "localhost", "::1", "testserver"])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_more_form_fields_than_the_form_has_is_413_not_500(client):
    body = "&".join(f"f{i}=x" for i in range(50)) + "&text=Japan"
    response = client.post("/code", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


@pytest.mark.parametrize(("host", "status"), [("127.0.0.1:8000", 200), ("localhost", 200), ("[::1]:8000", 200),
                                              ("[::1]", 200), ("evil.example", 400), ("[::2]:8000", 400),
                                              ("127.0.0.1.evil.example", 400), ("", 400)])
def test_host_check_covers_ipv6_loopback(client, host, status):
    assert client.get("/api/health", headers={"host": host}).status_code == status


def test_host_name_parses_header_forms():
    assert [host_name(v) for v in ("[::1]:8000", "[::1]", "127.0.0.1:80", "Localhost", "http://[::1]:9/x")] == \
        ["::1", "::1", "127.0.0.1", "localhost", "::1"]


@pytest.mark.parametrize("headers", [{"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"},
                                     {"origin": "null"}, {"sec-fetch-site": "same-site"}])
@pytest.mark.parametrize("path", ["/code", "/api/code"])
def test_cross_origin_posts_are_refused(client, headers, path):
    if path == "/code":
        response = client.post(path, data={"text": "Japan met Russia."}, headers=headers)
    else:
        response = client.post(path, json={"text": "Japan met Russia."}, headers=headers)
    assert response.status_code == 403


@pytest.mark.parametrize("headers", [{}, {"origin": "http://testserver", "sec-fetch-site": "same-origin"},
                                     {"sec-fetch-site": "none"}])
def test_same_origin_and_non_browser_posts_are_served(client, headers):
    assert client.post("/api/code", json={"text": "Japan met Russia."}, headers=headers).status_code == 200


def test_ids_with_any_characters_are_reachable(client):
    from urllib.parse import quote

    doc_id = "reuters/2015/05/16?x=1#y"
    api = client.get(f"/api/documents/{quote(doc_id, safe='')}")
    assert api.status_code == 200 and api.json()["doc_id"] == doc_id
    page = client.get(f"/documents/{quote(doc_id, safe='')}")
    assert page.status_code == 200 and "JPN" in page.text
    listing = client.get("/documents")
    assert quote(doc_id, safe="") in listing.text or quote(doc_id) in listing.text


def test_method_not_allowed_says_what_is(client):
    response = client.delete("/api/events")
    assert response.status_code == 405 and "GET" in response.headers.get("allow", "")


@pytest.mark.parametrize("since", ["0000", "0000-01-01"])
def test_year_zero_is_refused_by_the_schema_pattern(client, since):
    assert client.get("/api/events", params={"since": since}).status_code == 422


@pytest.mark.parametrize("save", [0, 1, "yes", "true", None])
def test_save_is_true_or_false_not_something_like_it(client, save):
    # schemathesis's coverage phase sent {"save": 0}: pydantic's lax mode read it as false, the schema says boolean
    assert client.post("/api/code", json={"text": "Japan met Russia.", "save": save}).status_code == 422


def _many_events(n: int) -> Article:
    return make_article("pasted", "2015-05-16", [make_event("pasted", "JPN", "RUS", "040", index=i) for i in range(n)])


def test_an_article_with_more_events_than_a_response_may_carry_is_413():
    import asyncio

    from tacitus.web.runner import CodeError, CodeRunner

    def code(n: int) -> Article:
        runner = CodeRunner(lambda text, published: _many_events(n), timeout=30, max_events=3)
        try:
            return asyncio.run(runner.code("Japan met Russia.", None))
        finally:
            runner.close()

    with pytest.raises(CodeError) as refused:
        code(4)
    assert refused.value.status_code == 413 and "4 events, more than the 3" in str(refused.value)
    assert len(code(3).events) == 3


def test_the_coder_process_refuses_too_many_events_before_sending_them(monkeypatch):
    from tacitus import coder
    from tacitus.web import runner

    monkeypatch.setattr(coder, "code_text", lambda text, published=None, source=None: _many_events(5))
    with pytest.raises(runner._TooManyEvents):
        runner._code_in_worker("Japan met Russia.", None, 4)


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "1799-12-31", "2101-01-01"])
def test_publication_dates_the_coder_cannot_use_are_refused(client, published):
    api = client.post("/api/code", json={"text": "Japan met Russia.", "published": published})
    page = client.post("/code", data={"text": "Japan met Russia.", "published": published})
    assert api.status_code == page.status_code == 422
    assert "1800" in api.json()["detail"] or "pattern" in api.json()["detail"]


@pytest.mark.slow
def test_a_slow_article_is_cancelled_and_the_server_stays_responsive(tmp_path):
    import signal
    import threading
    import time

    import httpx

    from test_faults import _alive, _children
    from tacitus.store.db import Store
    from tacitus.web.child import serve_child

    db = tmp_path / "empty.duckdb"
    Store.open(db).close()
    with serve_child(db, "--code-timeout", "3") as server:
        base = server.url
        short = {"text": "Japan and Russia held talks in Moscow on Monday.", "published": "2015-05-18"}
        first = httpx.post(f"{base}/api/code", json=short, timeout=300)  # waits for the model, not timed
        assert first.status_code == 200 and first.json()["events"]
        health: list[int] = []
        stop = threading.Event()

        def check() -> None:
            while not stop.is_set():
                health.append(httpx.get(f"{base}/api/health", timeout=30).status_code)
                time.sleep(0.1)

        watcher = threading.Thread(target=check)
        watcher.start()
        page = ("Japan and Russia held talks in Moscow on Monday. China condemned the sanctions the United States "
                "imposed on Iran. " * 1500)[:190_000]
        slow = httpx.post(f"{base}/api/code", json={"text": page}, timeout=120)
        stop.set()
        watcher.join()
        assert slow.status_code == 504
        assert health and set(health) == {200}
        again = httpx.post(f"{base}/api/code", json=short, timeout=300)  # a new worker, loaded before the clock
        assert again.status_code == 200 and again.json()["events"] == first.json()["events"]
        coders = _children(server.process.pid)
        assert coders
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in coders):
            time.sleep(0.2)
        assert not [pid for pid in coders if _alive(pid)], "the coder process outlived the killed server"
