"""End to end in headless Chromium: overview → dyad timeline → an event's evidence; search → facet → event →
evidence → download on the events and stories pages; the map; coding a pasted article; on desktop and phone sizes.

Drives Debian's `chromium` with Playwright against `tacitus serve`'s app on a loopback port, over a database that
the test codes from four tiny articles. Saves a screenshot of each page into docs/ for the README.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it): "
                "the browser test needs it", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
uvicorn = pytest.importorskip("uvicorn")

from web_fixtures import write_real_corpus

from tacitus.store import ingest
from tacitus.web import create_app

pytestmark = pytest.mark.slow

DOCS = Path(os.environ.get("TACITUS_SCREENSHOTS", Path(__file__).resolve().parents[1] / "docs"))
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASTED = ("Japan and China agree to talks\n\nChinese Foreign Minister Wang Yi met Japanese Foreign Minister "
          "Fumio Kishida in Beijing on Saturday. Kishida will visit China next month.")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`tacitus serve`'s app on 127.0.0.1 and a free port, stopped when the tests end."""
    directory = tmp_path_factory.mktemp("browser")
    db = directory / "events.duckdb"
    summary = ingest([str(write_real_corpus(directory))], db, workers=1)
    assert summary.coded == 4 and summary.events > 5
    app = create_app(db, allowed_hosts=["127.0.0.1", "localhost"])
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not instance.started:
        raise RuntimeError("the test server did not start")
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def _shot(page, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"web-{name}.png"), full_page=True)


def test_web_browser_overview_to_dyad_to_evidence(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#months-chart[data-drawn='true'] g.bars rect")
    assert page.locator("#dyads-chart g.bars rect").count() >= 1
    assert page.locator("a.dyad-link").count() >= 1
    _shot(page, "overview")

    page.get_by_role("link", name="Dyads", exact=True).click()
    page.get_by_label("Actor A").fill("JPN")
    page.get_by_label("Actor B").fill("RUS")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector("#timeline-chart[data-drawn='true']")
    assert page.locator("#timeline-chart g.bars rect").count() >= 2
    assert page.locator("#timeline-chart g.goldstein path").count() == 1
    ticks = page.evaluate("""[...document.querySelector('#timeline-chart svg')
                             .querySelectorAll("g[aria-label='x-axis tick label'] text")].map(t => t.textContent)""")
    assert ticks and all(_is_month_or_year(t) for t in ticks), ticks
    assert "a=JPN" in page.url and "b=RUS" in page.url
    _shot(page, "dyad")

    link = page.locator("a.event-link").first
    trigger = link.inner_text().strip("“”")
    link.click()
    page.wait_for_url("**/documents/**event=**")
    evidence = page.locator(".article-text .evidence")
    assert evidence.count() >= 1 and evidence.first.is_visible()
    assert trigger in page.locator(".article-text .trigger-selected").inner_text()
    assert page.locator("#event dl.details").is_visible()
    _shot(page, "document")


def _download(tab, href: str) -> str:
    """The body of a download link, fetched by the browser's own request context."""
    answer = tab.request.get(href)
    assert answer.ok, (href, answer.status)
    return answer.text()


def test_web_browser_search_facet_event_evidence_download(server, page):
    page.goto(server + "/")
    page.get_by_role("link", name="Events", exact=True).click()
    page.get_by_label("Search").fill("Putin")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/events?q=Putin**")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1 and "No events" not in rows.first.inner_text()
    found = int(page.locator("#events-h").inner_text().split()[0])
    # a facet value narrows the list and keeps the search
    facet = page.locator("section.facets details:has(summary:text-is('root')) li a").first
    facet.click()
    page.wait_for_url("**root=**")
    assert "q=Putin" in page.url and int(page.locator("#events-h").inner_text().split()[0]) <= found
    link = page.locator("a.event-link").first
    trigger = link.inner_text().strip("“”")
    download = page.locator("p.downloads a", has_text="CSV").get_attribute("href")
    link.click()
    page.wait_for_url("**/documents/**event=**")
    assert page.locator(".article-text .evidence").first.is_visible()
    assert trigger in page.locator(".article-text .trigger-selected").inner_text()
    csv_text = _download(page, server + download)
    assert "text=Putin" in download and "root=" in download and "format=csv" in download
    assert csv_text.startswith('"event_id"') and len(csv_text.splitlines()) >= 2


def test_web_browser_stories_page(server, page):
    page.goto(server + "/")
    page.get_by_role("link", name="Stories", exact=True).click()
    page.wait_for_url("**/stories")
    assert int(page.locator("#stories-h").inner_text().split()[0]) >= 3
    page.get_by_label("Search").fill("Japan")
    page.get_by_label("Sort").select_option("-mentions")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/stories?q=Japan**sort=-mentions**")
    counts = [int(t.split()[0]) for t in page.locator("table.stories tbody td:nth-child(5)").all_inner_texts()]
    assert counts and counts == sorted(counts, reverse=True)
    _shot(page, "stories")
    page.locator("section.facets details:has(summary:text-is('status')) li a").first.click()
    page.wait_for_url("**status=**")
    assert page.locator("table.stories tbody tr").count() >= 1
    download = page.locator("p.downloads a", has_text="JSONL").get_attribute("href")
    assert "/api/stories?" in download and "text=Japan" in download
    lines = _download(page, server + download).splitlines()
    assert lines and all('"evidence"' in line for line in lines)
    page.locator("table.stories a.event-link").first.click()
    page.wait_for_url("**/documents/**event=**")
    assert page.locator(".article-text .evidence").first.is_visible()


def test_web_browser_network_map_commitments(server, page):
    page.goto(server + "/network")
    page.wait_for_selector("#network-chart[data-drawn='true'] g.edges a path")
    assert page.locator("#network-chart g.labels text").count() >= 2
    _shot(page, "network")
    _check_map(page, server, "map")
    page.goto(server + "/commitments")
    assert page.locator("span.state").count() >= 1
    _shot(page, "commitments")


def test_web_browser_code_a_pasted_article(server, page):
    page.goto(server + "/code")
    page.get_by_label("Article text").fill(PASTED)
    page.get_by_label("Published").fill("2016-03-12")
    page.get_by_role("button", name="Code it").click()
    page.wait_for_selector("#result")
    triggers = page.locator(".article-text a.trigger")
    assert triggers.count() >= 1
    assert page.locator(".coded-events li").count() >= 1
    assert page.locator(".article-text mark.actor").count() >= 1
    _shot(page, "code")


def test_web_browser_type_ahead_suggests_actors(server, page):
    page.goto(server + "/dyad")
    page.get_by_label("Actor A").press_sequentially("Jap", delay=30)
    options = page.locator("#actor-options option")
    playwright_api.expect(options).to_have_count(1)
    assert options.first.get_attribute("value") == "JPN"


def test_web_browser_keyboard_reaches_the_skip_link_first(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"


def _is_month_or_year(label: str) -> bool:
    """A time-axis tick label Plot writes for whole months or years: "2016", "Mar", "March", "Mar 2016"."""
    import re

    return re.fullmatch(r"(\d{4}|[A-Z][a-z]{2,8})(\s*\d{4})?", label.strip().replace("\n", " ")) is not None


def _check_map(tab, server: str, shot: str) -> None:
    """The map page: Plot drew the world's countries (some shaded by their events) and the places."""
    tab.goto(server + "/map")
    tab.wait_for_selector("#map-chart[data-drawn='true'] g.countries path")
    assert tab.locator("#map-chart g.countries path").count() > 150  # world-atlas's countries at 1:110m
    assert tab.locator("#map-chart g.shaded path").count() >= 1  # the countries where events happened
    assert tab.locator("#map-chart g.places circle").count() >= 1
    assert tab.locator("#map-chart g.place-labels text").count() >= 1
    _shot(tab, shot)


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def test_web_browser_phone_layout(server, phone):
    phone.goto(server + "/dyad?a=JPN&b=RUS")
    phone.wait_for_selector("#timeline-chart[data-drawn='true'] g.bars rect")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    evidence = phone.locator("table.events a.event-link").first
    box = evidence.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390  # the evidence column is on screen
    _shot(phone, "dyad-phone")


def test_web_browser_phone_map_network_commitments(server, phone):
    _check_map(phone, server, "map-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(server + "/network")
    phone.wait_for_selector("#network-chart[data-drawn='true'] g.labels text")
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('#network-chart g.labels text'))"
                          ".fontSize)")
    assert size >= 12  # drawn at the phone's width, not shrunk from a desktop drawing
    _shot(phone, "network-phone")
    phone.goto(server + "/commitments")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_web_browser_phone_search_and_stories(server, phone):
    for path in ("/events?q=Japan", "/stories?q=Japan"):
        phone.goto(server + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
        evidence = phone.locator("table.events a.event-link").first
        box = evidence.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, path  # one card per row, the evidence on screen
    _shot(phone, "stories-phone")
