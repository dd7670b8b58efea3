"""The server-rendered pages: each renders, keeps its filters in the URL, highlights evidence, refuses bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from web_fixtures import build_handmade

from tacitus.model import Actor, Article, Document, Event, When
from tacitus.web import create_app

WEB = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "web"


def fake_coder(text: str, published: str | None) -> Article:
    at = text.find("visit")
    events = ()
    if at >= 0:
        events = (Event(doc_id="pasted", event_id="ev1", code="042", root="04", label="make a visit", quad_class=1,
                        goldstein=1.9, plover="CONSULT", status="planned",
                        source=Actor("Putin", "Vladimir Putin", "RUS", "GOV", "RUSGOV"),
                        target=Actor("Japan", "Japan", "JPN", None, "JPN"), date=When(None, "2015-12-31", "interval"),
                        location=None, sentence=text, span=(0, len(text)), trigger="visit",
                        trigger_span=(at, at + 5), rule="fake", confidence=0.7),)
    return Article(Document(id="pasted", source="<pasted>", text=text, published=published), events)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = build_handmade(tmp_path_factory.mktemp("pages") / "events.duckdb")
    with TestClient(create_app(path, coder=fake_coder, max_code_bytes=5_000), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(("url", "words"), [
    ("/", ["Overview", "7</span> events", "JPN – RUS", 'data-chart="timeline"']),
    ("/dyad", ["Choose two actors", 'list="actor-options"', '<option value="JPN">']),
    ("/dyad?a=JPN&b=RUS", ["Japan and Russia", 'data-chart="timeline"', "criticize or denounce", "3 of 3"]),
    ("/dyad?a=JPN&b=RUS&status=", ["5 of 5"]),
    ("/events", ["Facets", "Download this view", "format=csv", "7 events"]),
    ("/events?q=Crimea", ["format=csv", "text=Crimea"]),
    ("/events?actor=Japan", ["actor=JPN"]),
    ("/dyad?a=Japan&b=Russia", ["Japan and Russia", "3 of 3", 'value="JPN"', 'value="RUS"']),  # names resolve
    ("/dyad?a=japan&b=the+Kremlin", ["Japan and Russia", "3 of 3"]),
    ("/dyad?a=JPN", ['value="JPN"', "Choose two actors"]),
    ("/network", ['data-chart="network"', "IGOUNO – RUS"]),
    ("/network?since=2017", ["IGOUNO – RUS"]),
    ("/map", ['data-chart="map"', "Kyiv", "Tokyo", '"countries"']),
    ("/documents", ["Putin arrives", "nothing left after cleaning", "1–4 of 4"]),
    ("/documents?status=rejected", ["1–1 of 1"]),
    ("/documents/doc-visit", ["Putin arrives", 'class="trigger"', "Select an event"]),
    ("/commitments", ["fulfilled", "pending", "Vladimir Putin will visit Japan"]),
    ("/commitments?state=pending", ["Japan will sanction Russia"]),
    ("/code", ["<textarea", 'name="published"']),
    ("/docs", ["/api/events", "/openapi.json", "dyad"]),
])
def test_web_pages_render(client, url, words):
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    for word in words:
        assert word in response.text, word


def test_web_pages_network_filter_leaves_out_other_periods(client):
    assert "JPN – RUS" not in client.get("/network?since=2017").text


def test_web_pages_commitment_filter(client):
    assert "Vladimir Putin will visit Japan" not in client.get("/commitments?state=pending").text


def test_web_pages_dyad_events_link_to_their_evidence(client):
    html = client.get("/dyad?a=JPN&b=RUS").text
    links = re.findall(r'href="(/documents/[^"]+\?event=[^"]+)#event"', html)
    assert len(links) == 3
    assert client.get(links[0].replace("&amp;", "&")).status_code == 200


def test_web_pages_document_highlights_the_selected_event(client):
    events = client.get("/api/events?doc_id=doc-visit&code=190").json()["items"]
    html = client.get(f"/documents/doc-visit?event={events[0]['event_id']}").text
    evidence = "".join(re.findall(r'<(?:mark|a) class="[^"]*evidence[^"]*"[^>]*>([^<]*)<', html))
    assert evidence == "Russian troops attacked Ukraine near Kyiv."
    assert re.search(r'class="evidence trigger-selected"[^>]*>attacked<', html)
    for detail in ("190", "use conventional military force", "occurred", "test:attacked", "0.9", "Kyiv"):
        assert detail in html, detail


def test_web_pages_document_unknown_event_selects_nothing(client):
    html = client.get("/documents/doc-visit?event=nope").text
    assert "evidence" not in re.sub(r"<style.*?</style>", "", html).split("article-text", 1)[1].split("</div>")[0]


def test_web_pages_document_only_links_web_urls(client):
    assert 'href="https://example.org/doc-visit"' in client.get("/documents/doc-visit").text


def test_web_pages_pager_keeps_the_filters(client, monkeypatch):
    from tacitus.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    html = client.get("/dyad?a=JPN&b=RUS&status=").text
    nxt = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "a=JPN" in nxt and "b=RUS" in nxt and "status=" in nxt and "offset=2" in nxt
    assert "3–4 of 5" in client.get("/dyad" + nxt).text


def test_web_pages_code_a_pasted_article(client):
    response = client.post("/code", data={"text": "Putin will visit Japan.", "published": "2015-05-16"})
    assert response.status_code == 200
    assert re.search(r'<a class="actor trigger" href="#ev-ev1"[^>]*>visit</a>|<a class="trigger" href="#ev-ev1"',
                     response.text)
    assert "make a visit" in response.text and 'id="ev-ev1"' in response.text


@pytest.mark.parametrize(("data", "status"), [({"text": " "}, 422), ({"text": "x", "published": "May"}, 422),
                                              ({"text": "x" * 6000}, 413)])
def test_web_pages_code_refuses_bad_input(client, data, status):
    assert client.post("/code", data=data).status_code == status


@pytest.mark.parametrize("url", ["/dyad?a=J%3BN&b=RUS", "/dyad?a=JPN&b=RUS&since=2016-13",
                                 "/dyad?a=JPN&b=RUS&offset=-1", "/dyad?a=JPN&b=RUS&status=soon",
                                 "/network?min_events=x", "/map?actor=%3Cscript%3E", "/documents?status=x",
                                 "/documents?offset=1e3", "/commitments?state=late", "/documents/" + "a" * 201])
def test_web_pages_bad_parameters_get_a_422_page(client, url):
    response = client.get(url)
    assert response.status_code == 422 and 'role="alert"' in response.text
    assert "Traceback" not in response.text and "<script>" not in response.text


def test_web_pages_missing_document_is_a_404_page(client):
    response = client.get("/documents/nothing-here")
    assert response.status_code == 404 and "no document" in response.text


def test_web_pages_text_is_escaped(client):
    response = client.post("/code", data={"text": "<script>alert(1)</script> Putin will visit Japan."})
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;" in response.text


@pytest.mark.parametrize("asset", ["app.css", "charts.js"])
def test_web_pages_static_assets_are_served(client, asset):
    response = client.get(f"/static/{asset}")
    assert response.status_code == 200 and len(response.content) > 1000


def test_web_pages_every_asset_is_local():
    # our own templates and static files (the vendored libraries under static/vendor/ are npm's builds)
    files = [*WEB.joinpath("templates").glob("*.html"), *(p for p in WEB.joinpath("static").glob("*") if p.is_file())]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'(?:src|href)="([^"]+)"|url\(([^)]+)\)|fetch\("([^"]+)"', text):
            target = next(g for g in match.groups() if g)
            assert not re.match(r"(?:https?:)?//", target), f"{path.name} loads {target}"


def test_web_pages_are_responsive_and_keyboard_usable(client):
    html = client.get("/").text
    assert 'name="viewport"' in html and 'href="#main"' in html
    css = client.get("/static/app.css").text
    assert "@media (max-width" in css and ":focus-visible" in css
