"""Tests of tacitus.published: the page forms of tests/data/published_cases.yaml, read through `clean`, and the
decision between candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tacitus.clean import clean
from tacitus.published import SOURCES, Candidate, decide, from_url, given, month_day
from tacitus.sources import RawDoc

CASES = yaml.safe_load((Path(__file__).parent / "data" / "published_cases.yaml").read_text(encoding="utf-8"))
# Openings of real pages with the headline and date a reader sees (tests/data/published_pages.yaml).
PAGES = yaml.safe_load((Path(__file__).parent / "data" / "published_pages.yaml").read_text(encoding="utf-8"))


def _raw(case: dict) -> RawDoc:
    meta = tuple((key, str(value)) for key, value in (case.get("meta") or {}).items())
    if "html" in case:
        return RawDoc("case", "case.html", None, case["html"], meta)
    return RawDoc("case", "case.txt", case["text"], None, meta)


def test_published_cases_are_well_formed() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert ("text" in case) != ("html" in case), case["name"]
        assert case["source"] in SOURCES and (case["published"] is None) == (case["source"] == "none"), case["name"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_published_page_forms(case: dict) -> None:
    doc = clean(_raw(case))
    expected = str(case["published"]) if case["published"] is not None else None
    assert (doc.published, doc.published_source, doc.title) == (expected, case["source"], case["title"])
    if "starts" in case:
        assert doc.text.startswith(case["starts"])
    for words in case.get("lacks", ()):
        assert words not in doc.text


def test_published_real_pages_are_well_formed() -> None:
    names = [page["name"] for page in PAGES]
    addresses = [page["url"] for page in PAGES]
    assert len(names) == len(set(names)) and len(addresses) == len(set(addresses))
    for page in PAGES:
        assert set(page) - {"fails"} == {"name", "url", "licence", "text", "published", "title"}, page["name"]
        assert page["url"].startswith(("http://", "https://")) and page["licence"], page["name"]
        assert len(page["text"].splitlines()) <= 45, page["name"]  # openings only


@pytest.mark.parametrize("page", [pytest.param(page, marks=pytest.mark.xfail(strict=True, reason=page["fails"]))
                                  if "fails" in page else page for page in PAGES],
                         ids=[page["name"] for page in PAGES])
def test_published_real_page_openings(page: dict) -> None:
    doc = clean(_raw({"text": page["text"], "meta": {"url": page["url"]}}))
    expected = str(page["published"]) if page["published"] is not None else None
    assert (doc.published, doc.title) == (expected, page["title"])


def _day(iso: str, source: str, *, updated: bool = False) -> Candidate:
    year, month, day = map(int, iso.split("-"))
    return Candidate(year, month, day, source, updated)


@pytest.mark.parametrize(("candidates", "expected"), [
    ([], (None, "none")),
    ([_day("2015-05-03", "byline"), _day("2015-05-16", "given")], ("2015-05-16", "given")),
    ([_day("2015-05-03", "url"), _day("2015-05-04", "meta")], ("2015-05-04", "meta")),
    ([_day("2015-05-03", "byline"), _day("2015-06-04", "meta")], (None, "none")),
    ([_day("2015-05-05", "byline", updated=True), _day("2015-05-03", "byline")], ("2015-05-03", "byline")),
    ([_day("2015-05-05", "byline", updated=True)], ("2015-05-05", "byline")),
    ([_day("2015-05-03", "byline"), _day("2014-01-01", "text")], ("2015-05-03", "byline")),
    ([_day("2015-05-03", "text"), _day("2014-01-01", "text")], (None, "none")),
    ([_day("2025-07-11", "banner")], (None, "none")),
    ([_day("2006-07-01", "banner"), Candidate(2006, 7, None, "url")], ("2006-07-01", "text")),  # a blog's post date
    ([_day("2006-08-01", "banner"), Candidate(2006, 7, None, "url")], (None, "none")),
    ([_day("2006-07-01", "stored"), Candidate(2006, 7, None, "url")], (None, "none")),
    ([_day("2015-01-02", "banner"), Candidate(None, 12, 30, "dateline")], ("2014-12-30", "dateline")),
    ([_day("2025-07-11", "banner"), Candidate(None, 2, 21, "dateline")], (None, "none")),
    ([Candidate(2015, 1, None, "url"), Candidate(None, 1, 14, "dateline")], ("2015-01-14", "dateline")),
    ([Candidate(2015, 2, None, "url"), Candidate(None, 1, 14, "dateline")], (None, "none")),
    ([Candidate(None, 1, 14, "dateline")], (None, "none")),
    ([_day("2017-11-09", "stored")], (None, "none")),
    ([_day("2015-04-10", "stored"), _day("2017-06-02", "byline")], ("2017-06-02", "byline")),
    ([_day("2015-01-15", "stored"), Candidate(None, 1, 14, "dateline")], ("2015-01-14", "dateline")),
    ([_day("2017-11-09", "dateline")], ("2017-11-09", "dateline")),
    ([_day("2017-11-09", "byline"), _day("2017-10-01", "dateline")], (None, "none")),
])
def test_published_decide(candidates: list[Candidate], expected: tuple[str | None, str]) -> None:
    decision = decide(candidates)
    assert (decision.date, decision.source) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/2022/02/21/story/", [(2022, 2, 21)]),
    ("http://www.example-herald.co.kr/view.php?ud=20151228000872", [(2015, 12, 28)]),
    ("https://example.org/news/2019/07/story", [(2019, 7, None)]),
    ("https://example.org/article/us-usa-russia-idUSKBN1782LQ", []),
    ("https://example.org/view.php?ud=20151345000872", []),
    ("https://www.example.gov/press-releases/mar-10-2022-united-states-announces-aid", [(2022, 3, 10)]),
    ("https://www.example.com/a/team-plays-friendly-warmup-23feb10-85066887/1469649.html", [(2010, 2, 23)]),
    ("https://example.usembassy.gov/2017092992527/", [(2017, 9, 29)]),
    ("http://www.example.gov/r/pa/prs/ps/2007/aug/90428.htm", [(2007, 8, None)]),
    ("https://web.archive.org/web/20160929025916/http://www.example.gov/r/pa/2016/09/262560.htm", [(2016, 9, None)]),
    (None, []),
])
def test_published_from_url(url: str | None, expected: list[tuple]) -> None:
    assert [(c.year, c.month, c.day) for c in from_url(url)] == expected


def test_published_given_and_month_day() -> None:
    assert given("May 16, 2015").date.isoformat() == "2015-05-16" and given("someday") is None
    assert (month_day("Jan. 14").month, month_day("Jan. 14").day, month_day("Jan. 14").year) == (1, 14, None)
    assert month_day("Tuesday") is None
