"""The publication date of a page: candidates from each kind of evidence, each with a source and a strength, and
one decision that takes the strongest and leaves the date null when the evidence conflicts or is missing.

Sources, strongest first: `given` (the caller's or the JSONL line's date), `meta` (the HTML's <meta>, JSON-LD and
<time> markup, read by htmldate), `byline` (a date line of the article's header: under or beside the headline,
labelled or not, with a time or an author; a press service's source line), `url` (a date in the address),
`dateline` (the dateline's date, or its month and day with the year from other evidence), `text` (a labelled date
elsewhere on the page). A site banner's date above the headline is the day the page was seen, not the story's date,
and a date a page store wrote before the page (" date 2017-04-04" opening the text: `stored`) is the store's, not
the page's: neither decides, but either may give a dateline its year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .pagemeta import DateMention, load_page_words

__all__ = ["SOURCES", "STRENGTH", "Candidate", "Published", "decide", "from_html", "from_line", "from_mentions",
           "from_url", "given", "month_day", "parse_date"]

#: The values of `published_source`.
SOURCES = ("given", "meta", "byline", "dateline", "url", "text", "none")
#: How much each kind of evidence weighs; a banner alone never decides.
STRENGTH = {"given": 100, "meta": 60, "byline": 50, "url": 45, "dateline": 30, "text": 20, "banner": 0, "stored": 0}
#: Evidence that never decides on its own.
_WEAK = ("banner", "stored")
#: Evidence at least this strong contradicts the winner when it names another day.
_RIVAL_STRENGTH = STRENGTH["url"]
#: Days two dates may differ and still agree (time zones: a story filed late in the evening is the next day's).
_AGREE_DAYS = 2
#: Days a dateline's month and day may lie from the date that gives it its year.
_DATELINE_DAYS = 7
_DATE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
                  "PREFER_DATES_FROM": "past", "DATE_ORDER": "MDY"}
_PARTIAL_URL = re.compile(r"/((?:19[7-9]\d|20[0-4]\d))/(0[1-9]|1[0-2])/")
# An archive's copy of a page ("https://web.archive.org/web/20160929025916/http://www.state.gov/…"): the archive's
# timestamp is the day of the copy; the page's own address starts at the last "http".
_ARCHIVED = re.compile(r".+(?=https?:/)")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One piece of evidence of the publication date.

    Attributes:
        year: the year, or None when the evidence does not name it (a dateline's "Jan. 14").
        month: the month (1-12).
        day: the day of the month, or None when the evidence names only a year and month ("/2019/07/").
        source: one of `SOURCES` (but "none"), "banner" or "stored".
        updated: the date of a later change ("Updated …", "Last modified: …"), not of publication.
        text: the words it was read from.
    """

    year: int | None
    month: int
    day: int | None
    source: str
    updated: bool = False
    text: str = ""

    @property
    def strength(self) -> int:
        return STRENGTH[self.source]

    @property
    def date(self) -> date | None:
        """The full date, or None when the evidence lacks the year or the day."""
        if self.year is None or self.day is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Published:
    """The decision: the publication date (YYYY-MM-DD or None) and the source it came from (one of `SOURCES`)."""

    date: str | None
    source: str


_NONE = Published(None, "none")


# --- Reading the evidence -----------------------------------------------------------------------------------

def parse_date(text: str) -> date | None:
    """A full date (day, month and year required) read by dateparser, or None."""
    import dateparser  # slow to import; only needed once there is a date to read

    parsed = dateparser.parse(text.strip(), languages=["en"], settings=_DATE_SETTINGS)
    return parsed.date() if parsed else None


# A date mention is a full date written out ("May 16, 2015"): what it reads as never changes, and the pages of a
# corpus repeat the same few dates; dateparser takes about a millisecond for each.
_mention_date = lru_cache(maxsize=4096)(parse_date)


def _of_date(day: date, source: str, *, updated: bool = False, text: str = "") -> Candidate:
    return Candidate(day.year, day.month, day.day, source, updated, text)


def given(text: str) -> Candidate | None:
    """The date the caller or the JSONL line gives ("2015-05-16", "May 16, 2015"), or None if it is not a date."""
    day = parse_date(text)
    return _of_date(day, "given", text=text) if day else None


def from_mentions(mentions: Iterable[DateMention], source: str) -> list[Candidate]:
    """Candidates of the date mentions of one line (see `PageWords.find_dates`)."""
    found = []
    for mention in mentions:
        day = _mention_date(mention.text)
        if day is not None:
            found.append(_of_date(day, source, updated=mention.label == "updated", text=mention.text))
    return found


def from_line(line: str, source: str) -> list[Candidate]:
    """The dates of a line that holds nothing but dates, labels and times; [] for any other line."""
    return from_mentions(load_page_words().date_line(line) or (), source)


def month_day(text: str, year: int | None = None) -> Candidate | None:
    """A dateline's month and day ("Jan. 14", "Apr 06"), with its year when the dateline gives one."""
    found = load_page_words().month_day(text)
    return Candidate(year, found[0], found[1], "dateline", text=text) if found else None


def from_url(url: str | None) -> list[Candidate]:
    """The date in an article's address: "/2022/02/21/" (by htmldate), "?ud=20151228000872", "/2017092992527/",
    "mar-10-2022", "-23feb10-", or a year and month ("/2019/07/", "/2007/aug/"). An archive's copy is read by the
    address it copied."""
    if not url:
        return []
    url = _ARCHIVED.sub("", url, count=1)
    words = load_page_words()
    found: list[Candidate] = []
    iso = _htmldate_url(url)
    if iso:
        found.append(_of_date(date.fromisoformat(iso), "url", text=url))
    for digits in words.url_compact_dates(url):
        try:
            day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            continue
        found.append(_of_date(day, "url", text=url))
    partials = []
    for year, month, day_of_month in words.url_named_dates(url):
        candidate = Candidate(year, month, day_of_month, "url", text=url)
        if day_of_month is None:
            partials.append(candidate)
        elif candidate.date is not None:
            found.append(candidate)
    if not found:
        partial = _PARTIAL_URL.search(url)
        if partial:
            partials.append(Candidate(int(partial.group(1)), int(partial.group(2)), None, "url", text=url))
        found.extend(partials[:1])
    return found


def from_html(html: str) -> Candidate | None:
    """The publication date an HTML page's markup declares (<meta>, JSON-LD, <time>), read by htmldate."""
    try:
        tree, options = _htmldate(html)
        if tree is None:
            return None
        from htmldate.core import examine_header, examine_time_elements
        from htmldate.extractors import json_search

        iso = examine_header(tree, options) or json_search(tree, options) or examine_time_elements(tree, options)
    except Exception:  # noqa: BLE001 - a malformed page has no date in its markup; it must not stop the batch
        return None
    return _of_date(date.fromisoformat(iso), "meta", text=iso) if iso else None


def _htmldate(html: str | None):
    """An htmldate tree of the page (None for no page) and its options: publication dates, not modifications."""
    from htmldate.utils import Extractor, load_html
    from htmldate.validators import get_max_date, get_min_date

    tree = load_html(html) if html is not None else None
    return tree, Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")


def _htmldate_url(url: str) -> str | None:
    from htmldate.extractors import extract_url_date

    try:
        return extract_url_date(url, _htmldate(None)[1])
    except Exception:  # noqa: BLE001 - an odd address has no date; it must not stop the batch
        return None


# --- The decision -------------------------------------------------------------------------------------------

def decide(candidates: Iterable[Candidate]) -> Published:
    """The publication date the evidence supports, or a null date with source "none".

    The strongest full date wins, a publication date before a date of change; another date at least as strong
    as a URL's (or as the winner's) that lies more than two days away makes the evidence conflict, and so do a
    dateline more than a week away and an address's year and month ("/2014/11/") that are not the winner's.
    A dateline without a year takes it from a partial URL date ("/2015/01/") or from a site banner (or a store's
    date) less than a week from it. A banner or a store's date never decides on its own; a banner's date in the
    year and month of the address (and no other evidence) is the page's, as "text" (a blog's date over its post).

    Args:
        candidates: the evidence, in page order (of equally strong ones, the first wins).

    Returns:
        The date and its source; `Published(None, "none")` when the evidence is missing or conflicts.
    """
    candidates = list(candidates)
    given_dates = [c for c in candidates if c.source == "given" and c.date]
    if given_dates:
        return Published(given_dates[0].date.isoformat(), "given")
    full = [c for c in candidates if c.date is not None and c.source not in _WEAK]
    datelines = [c for c in candidates if c.source == "dateline" and c.year is None]
    dated_lines = [c for c in full if c.source == "dateline"]
    pool = [c for c in full if not c.updated] or full
    if pool:
        top = max(pool, key=lambda c: c.strength)  # max keeps the first of equals
        rival_strength = min(top.strength, _RIVAL_STRENGTH)
        if any(abs((c.date - top.date).days) > _AGREE_DAYS for c in pool if c.strength >= rival_strength):
            return _NONE
        if any(_near(c, top.date, _DATELINE_DAYS) is None for c in datelines):
            return _NONE
        if any(abs((c.date - top.date).days) > _DATELINE_DAYS for c in dated_lines):
            return _NONE
        if any(not _in_month(top.date, c) for c in candidates if c.source == "url" and c.day is None):
            return _NONE
        return Published(top.date.isoformat(), top.source)
    if not datelines:
        # A date line above the headline that lies in the month the address names ("Saturday, July 01, 2006" over
        # a post at "…/2006/07/…"): a blog's date over its post, which the page's own evidence confirms; a banner of
        # the day the page was seen lies in that month only when it was seen then. A store's date is not the page's.
        partials = [c for c in candidates if c.source == "url" and c.day is None]
        banners = [c for c in candidates if c.source == "banner" and c.date is not None]
        if len(partials) == 1 and len({c.date for c in banners}) == 1 \
                and (banners[0].date.year, banners[0].date.month) == (partials[0].year, partials[0].month):
            return Published(banners[0].date.isoformat(), "text")
        return _NONE
    dateline = datelines[0]
    for partial in (c for c in candidates if c.source == "url" and c.day is None):
        if partial.month == dateline.month:
            return _checked(Candidate(partial.year, dateline.month, dateline.day, "dateline"))
    for banner in (c for c in candidates if c.source in _WEAK and c.date):
        resolved = _near(dateline, banner.date, _DATELINE_DAYS)
        if resolved is not None:
            return Published(resolved.isoformat(), "dateline")
    return _NONE


def _near(dateline: Candidate, anchor: date, days: int) -> date | None:
    """The dateline's month and day in the year that puts it nearest `anchor`, if within `days` of it."""
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        resolved = Candidate(year, dateline.month, dateline.day, "dateline").date
        if resolved is not None and abs((resolved - anchor).days) <= days:
            return resolved
    return None


def _in_month(day: date, partial: Candidate) -> bool:
    """Whether a day lies in (or within the agreeing days of) the year and month of a partial URL date."""
    return any((shifted.year, shifted.month) == (partial.year, partial.month)
               for shifted in (day - timedelta(days=_AGREE_DAYS), day, day + timedelta(days=_AGREE_DAYS)))


def _checked(candidate: Candidate) -> Published:
    return Published(candidate.date.isoformat(), candidate.source) if candidate.date else _NONE
