"""The JSON API of `tacitus serve`, through FastAPI's test client, on a hand-made database."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from web_fixtures import build_handmade

from tacitus.errors import StoreError
from tacitus.model import Article, Document
from tacitus.web import create_app


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_handmade(tmp_path_factory.mktemp("web") / "events.duckdb")


def fake_coder(text: str, published: str | None) -> Article:
    return Article(Document(id="pasted", source="<pasted>", text=text, published=published))


@pytest.fixture(scope="module")
def client(db_path):
    app = create_app(db_path, coder=fake_coder, max_code_bytes=5_000)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_web_api_health(client):
    body = client.get("/api/health").json()
    assert body == {"status": "ok", "version": body["version"], "database": "events.duckdb", "documents": 4,
                    "events": 7}


def test_web_api_overview_counts_dates_dyads_months(client):
    body = client.get("/api/overview").json()
    assert body["counts"]["events"] == 7
    assert body["dates"]["first_event"] == "2016-03-10"
    assert (body["top_dyads"][0]["a"], body["top_dyads"][0]["b"], body["top_dyads"][0]["events"]) == \
        ("JPN", "RUS", 3)
    assert [m["period"] for m in body["months"]] == ["2016-03", "2016-12", "2017-02"]


@pytest.mark.parametrize(("query", "expected"), [
    ("", 7),
    ("?dyad=JPN:RUS", 5),
    ("?dyad=RUS:JPN&directed=true", 2),
    ("?actor=IGOUNO", 1),
    ("?actor=rusmil", 1),
    ("?root=04", 3),
    ("?root=4&root=19", 4),
    ("?code=04", 3),
    ("?status=planned", 2),
    ("?status=planned&status=occurred", 7),
    ("?since=2016-12&until=2016-12", 3),
    ("?since=2017", 2),
    ("?text=kyiv", 1),
    ("?text=putin%20arrives", 2),
    ("?doc_id=doc-un", 2),
])
def test_web_api_events_filters(client, query, expected):
    body = client.get("/api/events" + query).json()
    assert body["total"] == expected and len(body["items"]) == expected


def test_web_api_events_carry_offsets_and_story(client):
    event = client.get("/api/events?doc_id=doc-visit&code=190").json()["items"][0]
    assert (event["trigger"], event["trigger_start"], event["trigger_end"]) == ("attacked", 55, 63)
    assert event["story_id"] and event["published"] == "2016-12-16" and event["location_name"] == "Kyiv"


def test_web_api_events_pages(client):
    first = client.get("/api/events?limit=3").json()
    second = client.get("/api/events?limit=3&offset=3").json()
    last = client.get("/api/events?limit=3&offset=6").json()
    assert (first["next_offset"], second["next_offset"], last["next_offset"]) == (3, 6, None)
    ids = [e["event_id"] for page in (first, second, last) for e in page["items"]]
    assert ids == [e["event_id"] for e in client.get("/api/events").json()["items"]]


def test_web_api_events_offset_past_the_end_is_empty(client):
    body = client.get("/api/events?offset=100").json()
    assert body["items"] == [] and body["total"] == 7 and body["next_offset"] is None


@pytest.mark.parametrize("query", [
    "limit=0", "limit=501", "limit=ten", "offset=-1", "offset=99999999999",
    "dyad=JPN", "dyad=JPN:RUS:CHN", "dyad=J%3BN:RUS", "actor=JP%3CN", "actor=" + "A" * 65,
    "root=123", "root=x", "code=04a", "status=maybe", "since=2015-13", "since=2015-02-30", "since=15",
    "until=yesterday", "since=0000", "since=2015-02-29", "until=2015%0A", "directed=perhaps", "text=" + "x" * 201,
])
def test_web_api_events_bad_parameters_get_422_with_a_message(client, query):
    response = client.get("/api/events?" + query)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/api/events", "/api/stories", "/api/dyads", "/api/timeline", "/api/network",
                                  "/api/locations", "/api/events?format=jsonl"])
def test_web_api_a_reversed_period_is_empty_not_an_error(client, path):
    everything = client.get(path)
    response = client.get(path + ("&" if "?" in path else "?") + "since=2017&until=2016-12-31")
    assert everything.status_code == response.status_code == 200
    if path.endswith("jsonl"):
        assert everything.text.strip() and not response.text.strip()
        return
    body, full = response.json(), everything.json()
    key = "edges" if "edges" in body else "items"
    assert full[key] and body[key] == [] and body.get("total", 0) == 0


def test_web_api_dyads_per_month(client):
    body = client.get("/api/dyads?dyad=JPN:RUS").json()
    rows = {(r["source"], r["target"], r["month"]): r for r in body["items"]}
    assert set(rows) == {("JPN", "RUS", "2016-03"), ("RUS", "JPN", "2016-12")}
    assert rows[("JPN", "RUS", "2016-03")]["verbal_cooperation"] == 1
    assert rows[("JPN", "RUS", "2016-03")]["verbal_conflict"] == 1


def test_web_api_dyads_by_year_and_status(client):
    body = client.get("/api/dyads?by=year&status=planned").json()
    assert {(r["source"], r["target"], r["year"]) for r in body["items"]} == {("RUS", "JPN", "2016"),
                                                                              ("JPN", "RUS", "2017")}


@pytest.mark.parametrize("query", ["by=week", "limit=1000", "status=soon"])
def test_web_api_dyads_bad_parameters(client, query):
    assert client.get("/api/dyads?" + query).status_code == 422


def test_web_api_timeline_joins_both_directions(client):
    body = client.get("/api/timeline?dyad=JPN:RUS").json()
    assert [(m["period"], m["events"]) for m in body["items"]] == [("2016-03", 2), ("2016-12", 1)]


def test_web_api_timeline_by_year(client):
    body = client.get("/api/timeline?by=year&status=occurred&status=planned").json()
    assert [(m["period"], m["events"]) for m in body["items"]] == [("2016", 5), ("2017", 2)]


@pytest.mark.parametrize(("q", "expected"), [("", {"JPN", "RUS", "UKR", "IGOUNO"}), ("ru", {"RUS"}),
                                             ("united", {"IGOUNO"}), ("zz", set())])
def test_web_api_actors_typeahead(client, q, expected):
    body = client.get("/api/actors", params={"q": q}).json()
    assert {a["actor"] for a in body["items"]} == expected


def test_web_api_network_nodes_and_edges(client):
    body = client.get("/api/network").json()
    assert {(e["a"], e["b"]) for e in body["edges"]} == {("JPN", "RUS"), ("RUS", "UKR"), ("IGOUNO", "RUS")}
    assert {n["id"] for n in body["nodes"]} == {"JPN", "RUS", "UKR", "IGOUNO"}


def test_web_api_network_period_and_minimum(client):
    assert client.get("/api/network?since=2017").json()["edges"][0]["a"] == "IGOUNO"
    assert [(e["a"], e["b"]) for e in client.get("/api/network?min_events=2").json()["edges"]] == [("JPN", "RUS")]


def test_web_api_locations(client):
    items = client.get("/api/locations").json()["items"]
    assert {(p["name"], p["lat"], p["lon"]) for p in items} == {("Tokyo", 35.68, 139.69), ("Kyiv", 50.45, 30.52)}
    assert [p["name"] for p in client.get("/api/locations?actor=UKR").json()["items"]] == ["Kyiv"]


def test_web_api_documents_list(client):
    body = client.get("/api/documents").json()
    assert body["total"] == 4 and "text" not in body["items"][0]
    assert [d["doc_id"] for d in client.get("/api/documents?status=rejected").json()["items"]] == ["doc-rejected"]


def test_web_api_document_text_and_offsets(client):
    body = client.get("/api/documents/doc-visit").json()
    assert body["title"] == "Putin arrives" and body["published"] == "2016-12-16"
    for event in body["events"]:
        assert body["text"][event["trigger_start"]:event["trigger_end"]] == event["trigger"]
        assert body["text"][event["span_start"]:event["span_end"]] == event["sentence"]


def test_web_api_document_by_prefix(client):
    assert client.get("/api/documents/doc-v").json()["doc_id"] == "doc-visit"


@pytest.mark.parametrize("doc_id", ["nothing-here", "doc-", "%27%3B%20DROP%20TABLE%20events%3B--"])
def test_web_api_document_missing_or_ambiguous_is_404(client, doc_id):
    response = client.get(f"/api/documents/{doc_id}")
    assert response.status_code == 404 and "no document" in response.json()["detail"] or \
        "several" in response.json()["detail"]
    assert client.get("/api/health").json()["events"] == 7


def test_web_api_document_error_does_not_reveal_the_path(client, db_path):
    assert str(db_path.parent) not in client.get("/api/documents/nothing").text


def test_web_api_document_id_too_long_is_422(client):
    assert client.get("/api/documents/" + "a" * 201).status_code == 422


@pytest.mark.parametrize(("query", "states"), [("", ["fulfilled", "pending"]), ("?state=pending", ["pending"]),
                                               ("?state=unknown", []), ("?actor=ukr", []),
                                               ("?dyad=JPN:RUS", ["fulfilled", "pending"])])
def test_web_api_commitments(client, query, states):
    assert [c["state"] for c in client.get("/api/commitments" + query).json()["items"]] == states


def test_web_api_commitments_refuse_a_state_that_is_none(client):
    assert client.get("/api/commitments?state=done").status_code == 422


@pytest.mark.parametrize("query", ["dyad=J%20N:RUS", "actor=JP%27N", "actor=J-P", "actor=" + "A" * 33])
def test_web_api_names_that_name_nothing_known_are_a_404_with_a_message(client, query):
    response = client.get("/api/events?" + query)
    assert response.status_code == 404 and "is not a known actor" in response.json()["detail"]


def test_web_api_commitment_names_what_fulfilled_it(client):
    item = client.get("/api/commitments?state=fulfilled").json()["items"][0]
    assert (item["fulfilled_doc"], item["fulfilled_on"]) == ("doc-visit", "2016-12-16")


@pytest.mark.parametrize("query", ["state=late", "actor=J%3BP", "dyad=JPN", "offset=-3"])
def test_web_api_commitments_bad_parameters(client, query):
    assert client.get("/api/commitments?" + query).status_code == 422


def test_web_api_code_returns_the_article(client):
    response = client.post("/api/code", json={"text": "Japan criticised Russia.", "published": "2016-03-10"})
    assert response.status_code == 200
    assert response.json()["text"] == "Japan criticised Russia." and response.json()["published"] == "2016-03-10"


def test_web_api_code_stores_nothing(client):
    client.post("/api/code", json={"text": "Japan criticised Russia."})
    assert client.get("/api/health").json()["documents"] == 4


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": 3}, {"text": "x", "published": "yesterday"},
                                  {"text": "x", "published": "2016-02-30"}, [], "text"])
def test_web_api_code_bad_body_is_422(client, body):
    response = client.post("/api/code", json=body)
    assert response.status_code == 422 and response.json()["detail"]


def test_web_api_code_invalid_json_is_422(client):
    assert client.post("/api/code", content=b"{not json", headers={"content-type": "application/json"}
                       ).status_code == 422


@pytest.mark.parametrize("size", [5_001, 50_000, 2_000_000])
def test_web_api_code_oversized_body_is_413(client, size):
    response = client.post("/api/code", content=b'{"text": "' + b"x" * size + b'"}',
                           headers={"content-type": "application/json"})
    assert response.status_code == 413 and "larger than 5000 bytes" in response.json()["detail"]


def test_web_api_code_oversized_body_without_length_is_413(client):
    def chunks():
        for _ in range(10):
            yield b"x" * 1000

    response = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_web_api_code_timeout_is_504(db_path):
    release = threading.Event()

    def slow(text, published):
        release.wait(5)
        return fake_coder(text, published)

    with TestClient(create_app(db_path, coder=slow, code_timeout=0.2)) as client:
        response = client.post("/api/code", json={"text": "Japan criticised Russia."})
        release.set()
    assert response.status_code == 504 and "longer than 0.2 s" in response.json()["detail"]


def test_web_api_code_busy_is_503(db_path):
    release = threading.Event()

    def slow(text, published):
        release.wait(5)
        return fake_coder(text, published)

    app = create_app(db_path, coder=slow, code_timeout=5)
    statuses: list[int] = []
    with TestClient(app) as client:
        workers = [threading.Thread(target=lambda: statuses.append(
            client.post("/api/code", json={"text": "x"}).status_code)) for _ in range(4)]
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 5
        while app.state.runner.waiting < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        busy = client.post("/api/code", json={"text": "x"})
        release.set()
        for worker in workers:
            worker.join()
    assert busy.status_code == 503 and statuses == [200] * 4


def test_web_api_coder_failure_is_500_without_traceback(db_path):
    def broken(text, published):
        raise RuntimeError("secret detail")

    with TestClient(create_app(db_path, coder=broken), raise_server_exceptions=False) as client:
        response = client.post("/api/code", json={"text": "x"})
    assert response.status_code == 500 and "secret" not in response.text and "Traceback" not in response.text


def test_web_api_unknown_route_is_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.json()["detail"]


@pytest.mark.parametrize("header", ["content-security-policy", "x-content-type-options", "referrer-policy"])
def test_web_api_security_headers(client, header):
    assert client.get("/api/health").headers[header]


def test_web_api_csp_allows_only_this_server(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "http" not in policy


def test_web_api_allowed_hosts_refuse_other_names(db_path):
    app = create_app(db_path, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as local:
        assert local.get("/api/health").status_code == 200
    with TestClient(app, base_url="http://attacker.example") as remote:
        assert remote.get("/api/health").status_code == 400


def test_web_api_openapi_documents_every_route(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths == {"/api/health", "/api/overview", "/api/events", "/api/stories", "/api/dyads", "/api/timeline", "/api/actors",
                     "/api/network", "/api/locations", "/api/documents", "/api/documents/{doc_id}",
                     "/api/commitments", "/api/code", "/api/code/status"}


def test_web_api_database_is_left_unchanged(db_path):
    before = hashlib.sha1(db_path.read_bytes()).hexdigest()
    with TestClient(create_app(db_path, coder=fake_coder)) as client:
        for url in ("/api/overview", "/api/events", "/api/dyads", "/api/actors", "/api/network", "/api/commitments",
                    "/api/documents/doc-un", "/"):
            client.get(url)
        client.post("/api/code", json={"text": "Japan criticised Russia."})
    assert hashlib.sha1(db_path.read_bytes()).hexdigest() == before


def test_web_api_refuses_an_older_schema_instead_of_upgrading(tmp_path):
    from tacitus.store import migrations

    path = tmp_path / "old.duckdb"
    import duckdb

    con = duckdb.connect(str(path))
    migrations.upgrade(con, until=migrations.MIGRATIONS[0].name)
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="older schema"):
        create_app(path)
    assert path.read_bytes() == before


def test_web_api_missing_database_raises(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        create_app(tmp_path / "none.duckdb")


@pytest.mark.parametrize("options", [{"max_code_bytes": 0}, {"code_timeout": 0}])
def test_web_api_create_app_checks_options(db_path, options):
    with pytest.raises(ValueError):
        create_app(db_path, **options)


@pytest.mark.slow
def test_web_api_code_with_the_real_coder(db_path):
    with TestClient(create_app(db_path)) as client:
        body = client.post("/api/code", json={"text": "Putin will visit Japan before the end of the year.",
                                              "published": "2015-05-16"}).json()
    event = body["events"][0]
    assert (event["source"]["code"], event["code"], event["target"]["code"], event["status"]) == \
        ("RUSGOV", "042", "JPN", "planned")
    assert body["text"][event["trigger_span"][0]:event["trigger_span"][1]] == event["trigger"]
