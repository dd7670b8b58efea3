"""How news pages show their metadata (data/pages/metadata.yaml): the patterns of date lines, datelines, dates in
addresses, page chrome and the lines that are never a headline, built from the words of that file and validated on
load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import yaml

from .errors import DataFileError

__all__ = ["DateMention", "DatelineMatch", "PageWords", "load_page_words"]

_SECTIONS = ("months", "weekdays", "labels", "agencies", "url_date_keys", "tracking_keys", "paging_keys",
             "listing_paths", "archive_paths", "chrome", "contact", "headline")
_LABEL_KINDS = ("published", "updated")
_HEADLINE_KINDS = ("navigation", "promo", "routing", "furniture", "release", "logo", "listing", "more", "briefings",
                   "attribution", "credit", "documents", "sections")
# Two words glued where a logo's text meets the line's ("Department of Justice SealDepartment of Justice").
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
# A breadcrumb glued into one word ("Legacy HomepagePhotosPhoto Gallery") is a line of at most this many words.
_GLUED_CRUMB_WORDS = 25
# A line of this many comma-separated items of one or two words is a page's list of keywords, not a headline.
_KEYWORDS = 4
# A contact line's value is this many words at most ("Media contact: Jane Roe, 202-555-0100").
_MAX_CONTACT_WORDS = 8
# A release's number after its label ("Release Number 20240903 - 01", "News Release No. 12-345").
_REFERENCE_NUMBER = re.compile(r"(?i)(?:(?<=number)|(?<=no\.)|(?<=no))\s*#?\d[\d\s/#-]*$")
_WORD = re.compile(r"[^\W_]+")
# A credit or an image's alternative text names at most this many words after its opening words.
_CREDIT_NAME_WORDS = 8
# Parts of a masthead line ("U.S. Department of State - Great Seal": a site's name beside its logo's).
_MASTHEAD_SPLIT = re.compile(r"\s+[-–—|·•]\s+")
# What may follow a generic title's "by": a speaker, not a topic ("… by the Press Secretary on Syria").
_TOPIC = re.compile(r"\b(?:on|at|with|about|regarding|to|in|after|before|following)\b|[:;]")
_YEAR = r"(?:19[7-9]\d|20[0-4]\d)"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_TIME = (r"(?:\s*(?:[,|/·•–—-]|\bat\b)\s*|\s+|T)(?:[01]?\d|2[0-3])[:.h][0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
         r"(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?\b(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?"
         r"|\(?\b[A-Z]{2,4}\b\)?))?")
_YEAR_ANYWHERE = re.compile(_YEAR)
_AGO = (r"(?:\s*[,|/·•–—-]\s*|\s+)(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b")
_SEPARATORS = re.compile(r"[\s|/·•,;:–—()\[\]-]*")
# "Washington, DC, June 1, 2000": the place a release was issued from, before its date on one line.
_PLACE_WORDS = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
# "1:30 PM10/19/2020", "10:38 AM - Oct. 14, 2020": a time of day before a date on its line.
_TIME_BEFORE = re.compile(r"\s*(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[ap]\.?\s?m\b\.?)?\s*[,|/·•–—-]?\s*",
                          re.IGNORECASE)
_PLACE_BEFORE_DATE = re.compile(rf"{_PLACE_WORDS}(?:, {_PLACE_WORDS}){{0,2}},\s*")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written on a page, with the label before it.

    Attributes:
        text: the date as written ("April 4, 2017", "01/15/2010", "2017-04-04").
        label: "published", "updated", or None when no label stands before it.
        timed: a time of day follows the date ("11:44 PM"): a post's timestamp, not a site's banner.
        start: where the whole mention (label, date, time) starts in the line.
        end: where it ends.
    """

    text: str
    label: str | None
    timed: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """The dateline at the start of a paragraph: "TOKYO, Jan. 14 Kyodo - ", "Feb. 21 (UPI) -- ".

    Attributes:
        place: the place as written ("TOKYO", "KYIV"), or None when the dateline names only a day.
        region: the region after the place ("Ukraine" in "KYIV, Ukraine"), or None.
        day: the month and day as written ("Jan. 14"), or None.
        agency: the agency named, or None.
        end: where the paragraph's own text begins.
        year: the year when the dateline gives one ("WASHINGTON, Nov. 9, 2017 —", "BROOKLYN, NY (July 19, 2007) –").
    """

    place: str | None
    region: str | None
    day: str | None
    agency: str | None
    end: int
    year: int | None = None


@dataclass(frozen=True, slots=True)
class PageWords:
    """The words of the metadata file and the patterns built from them."""

    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    labels: dict[str, tuple[str, ...]]
    agencies: tuple[str, ...]
    url_date_keys: tuple[str, ...]
    tracking_keys: frozenset[str]
    paging_keys: frozenset[str]
    listing_paths: frozenset[str]
    archive_paths: frozenset[str]
    chrome: tuple[str, ...]
    contact: frozenset[str]
    navigation: frozenset[str]
    promo: tuple[str, ...]
    routing: tuple[str, ...]
    furniture: frozenset[str]
    listing: tuple[str, ...]
    more: frozenset[str]
    briefings: frozenset[str]
    attribution: tuple[str, ...]
    logo: frozenset[str]
    release: frozenset[str]
    credit: tuple[str, ...]
    documents: tuple[str, ...]
    sections: frozenset[str]
    patterns: _Patterns = field(repr=False, compare=False)

    # -- dates -------------------------------------------------------------------------------------------------
    def find_dates(self, line: str) -> list[DateMention]:
        """Every full date (day, month and year) in a line, with its label, time and "5 months ago" taken along."""
        if not _YEAR_ANYWHERE.search(line):
            return []  # every form of a full date has a year: most lines are done without the long pattern
        return [DateMention(m.group("date"), self._label_kind(m.group("label")), bool(m.group("time")), m.start(),
                            m.end())
                for m in self.patterns.mention.finditer(line)]

    def date_line(self, line: str) -> list[DateMention] | None:
        """The dates of a line that holds nothing but dates, their labels, times and separators; else None.

        "April 4, 2017 / 11:44 PM / 5 months ago", "Fri, 01/15/2010 - 01:55", "Published: May 3, 2015 | Updated:
        May 4, 2015" and a release's "Washington, DC, June 1, 2000" are date lines; "Leaders meet on May 3, 2015"
        is not.
        """
        mentions = self.find_dates(line)
        if not mentions:
            return None
        rest, cursor = [], 0
        for mention in mentions:
            rest.append(line[cursor:mention.start])
            cursor = mention.end
        rest.append(line[cursor:])
        if not all(_SEPARATORS.fullmatch(part) for part in rest[1:]):
            return None
        opening = rest[0]
        if _TIME_BEFORE.fullmatch(opening):  # "1:30 PM10/19/2020": a search result's time before its date
            return [DateMention(m.text, m.label, True, m.start, m.end) for m in mentions]
        return mentions if _SEPARATORS.fullmatch(opening) or _PLACE_BEFORE_DATE.fullmatch(opening) else None

    def starts_with_label(self, text: str) -> bool:
        """Whether a line begins with a date label ("Posted by Jane Roe on May 3, 2015")."""
        return bool(self.patterns.label_start.match(text))

    def starts_with_weekday(self, text: str) -> bool:
        """Whether a line begins with a weekday ("Friday, July 11, 2025")."""
        return bool(self.patterns.weekday_start.match(text))

    def month_day(self, text: str) -> tuple[int, int] | None:
        """(month, day) of "Jan. 14", "Apr 06", "14 January"; None when it is not a month and a day."""
        match = self.patterns.month_day.fullmatch(text.strip())
        if match is None:
            return None
        month = self.month_number(match.group("month") or match.group("month2"))
        day = int(re.sub(r"\D", "", match.group("day") or match.group("day2")))
        return (month, day) if 1 <= day <= 31 else None

    def month_number(self, name: str) -> int:
        """1-12 for a month name or abbreviation ("Sept." → 9).

        Raises:
            ValueError: not a month name of the file.
        """
        key = name.rstrip(".").casefold()
        for number, names in enumerate(self.months, start=1):
            if key in names:
                return number
        raise ValueError(f"{name!r} is not a month name")

    def agency_date_line(self, line: str) -> str | None:
        """The month and day of an agency's date line ("Jiji -- Apr 06" → "Apr 06"), or None."""
        match = self.patterns.agency_date.fullmatch(line.strip())
        return match.group("day") if match else None

    def dateline(self, text: str, start: int = 0, end: int | None = None) -> DatelineMatch | None:
        """The dateline at `start` of a paragraph of `text`, or None."""
        end = len(text) if end is None else end
        patterns = self.patterns
        for pattern in (patterns.dateline, patterns.day_dateline):
            match = pattern.match(text, start, end)
            if match is None or match.end() >= end:
                continue
            groups = match.groupdict()
            place = groups.get("place")
            if place is not None and sum(ch.isalpha() for ch in place) < 3:
                continue
            agency = groups.get("agency") or groups.get("bare_agency")
            day, year = groups.get("day"), groups.get("year")
            if groups.get("paren"):
                day, year = groups["paren"].rsplit(" ", 1)
                day = day.rstrip(",")
            return DatelineMatch(place, groups.get("region"), day, agency.strip() if agency else None, match.end(),
                                 int(year) if year and day else None)
        return None

    def url_compact_dates(self, url: str) -> list[str]:
        """The compact dates YYYYMMDD that follow a known key in a URL ("?ud=20151228000872" → "20151228"), or
        that are a path segment of digits alone or with a serial of four or more digits ("/2017092992527/"; not
        "/2002031408/", a counter)."""
        return [m.group("digits") for pattern in (self.patterns.url_compact, self.patterns.url_digits)
                for m in pattern.finditer(url)]

    def url_named_dates(self, url: str) -> list[tuple[int, int, int | None]]:
        """(year, month, day) of dates written with a month's name in a URL: "mar-10-2022", "10-march-2022",
        "-23feb10-" (day, month, two-digit year), and "/2007/aug/" (year and month: day None)."""
        found: list[tuple[int, int, int | None]] = []
        for match in self.patterns.url_named.finditer(url):
            groups = match.groupdict()
            month = self.month_number(groups["m1"] or groups["m2"] or groups["m3"] or groups["m4"])
            if groups["y1"] or groups["y2"]:
                found.append((int(groups["y1"] or groups["y2"]), month, int(groups["d1"] or groups["d2"])))
            elif groups["y3"]:
                short = int(groups["y3"])
                found.append((2000 + short if short < 70 else 1900 + short, month, int(groups["d3"])))
            else:
                found.append((int(groups["y4"]), month, None))
        return found

    # -- lines that are not headlines ----------------------------------------------------------------------------
    def is_navigation(self, line: str) -> bool:
        """Whether a short line is a site's menu: only menu words ("Home News World Politics Sport"), three or more
        short items between bars ("Top News | World News | Odd News"; two without a digit: "Inside VOA | Contact VOA
        News"), a breadcrumb whose links are glued into one word, two of them menu words ("HomeNewsMarine Minute
        Audio", "Legacy HomepagePhotosPhoto Gallery"), or four or more keywords of one or two words between commas,
        none with a digit ("News, commentary, photos, Sequestration, budget")."""
        # a label before the links ("Live Streams: Latest Newscast | Africa Live | Global Live") is the menu's name
        links = re.sub(r"^[^:|]{1,30}:\s+(?=.*\s[|·•]\s)", "", line)
        items = [item.split() for item in re.split(r"\s[|·•]\s", links)]
        if len(items) >= 3 and all(1 <= len(item) <= 3 for item in items):
            return True
        if len(items) == 2 and all(1 <= len(item) <= 3 for item in items) and not any(ch.isdigit() for ch in line):
            return True  # two links between bars ("Inside VOA | Contact VOA News"); not a kind and its date
        keywords = [item.split() for item in line.split(",")]
        if len(keywords) >= _KEYWORDS and all(1 <= len(item) <= 2 for item in keywords) \
                and not any(ch.isdigit() for ch in line):
            return True
        if len(line.split()) <= _GLUED_CRUMB_WORDS and any(
                len(parts := _GLUED.sub(" ", word).split()) >= 3
                and sum(part.casefold() in self.navigation for part in parts[:-1]) >= 2 for word in line.split()):
            return True  # a breadcrumb glued into one word ("HomeNewsMarine Minute Audio"), not "PlayStation"
        words = re.sub(r"[|/·•>›»,]+", " ", line).casefold()
        for phrase in sorted((w for w in self.navigation if " " in w), key=len, reverse=True):
            words = words.replace(phrase, " ")
        tokens = words.split()
        return len(line.split()) <= 15 and all(token in self.navigation for token in tokens)

    def is_promo(self, line: str) -> bool:
        """Whether a line promotes something or calls on the reader ("What's on your Fall #CTBucketList?")."""
        return bool(self.patterns.promo.search(line))

    def is_routing(self, line: str) -> bool:
        """Whether a line is part of a diplomatic cable's routing header."""
        return bool(self.patterns.routing.search(line))

    def is_furniture(self, line: str) -> bool:
        """Whether a whole line is a press release's furniture ("For Immediate Release", "Press Statement"), a
        site's names beside each other ("U.S. Department of State - Great Seal"), or one of them twice (a logo's
        text and the name: "United States Department of Defense United States Department of Defense", "Department
        of Justice SealDepartment of Justice")."""
        line = _REFERENCE_NUMBER.sub("", line)  # "Release Number 20240903 - 01": the label is furniture, its number too
        words = [w for w in _GLUED.sub(" ", line).split() if w.casefold() not in self.logo]
        half = len(words) // 2
        if half and len(words) % 2 == 0 and _folded(" ".join(words[:half])) == _folded(" ".join(words[half:])):
            line = " ".join(words[:half])
        return all(_folded(part) in self.furniture for part in _MASTHEAD_SPLIT.split(line.strip(" .:|-–—")))

    def is_credit(self, line: str, *, makers: bool = False) -> bool:
        """Whether a line credits who made a picture or a story, or is an image's alternative text: a credit's opening
        words and a capitalised name ("Audio by Lance Cpl. Jane Roe", "Photo of Donald Trump"), nothing more. With
        `makers`, only a credit of who made it ("… by …"), whose unit may follow on the next line."""
        folded = " ".join(line.split()).casefold()
        for opening in self.credit:
            if makers and not opening.endswith(" by"):
                continue
            if folded.startswith(opening + " "):
                rest = line.split()[len(opening.split()):]
                return 1 <= len(rest) <= _CREDIT_NAME_WORDS and rest[0][:1].isupper() \
                    and not line.rstrip().endswith(("!", "?"))
        return False

    def names_document(self, line: str) -> bool:
        """Whether a title names a kind of document ("Ambassador Delawie Remarks for the Vehicle Donation …")."""
        folded = " " + " ".join(_WORD.findall(line.casefold())) + " "
        return any(f" {kind} " in folded for kind in self.documents)

    def is_section_heading(self, line: str) -> bool:
        """Whether a whole line is the heading of a document's section ("Introduction", "Executive Summary")."""
        return _folded(line) in self.sections

    def is_release_mark(self, line: str) -> bool:
        """Whether a whole line marks a release, above its date ("FOR IMMEDIATE RELEASE", "Media Advisory")."""
        return _folded(line) in self.release

    def is_listing_heading(self, line: str) -> bool:
        """Whether a line heads a list of stories ("Tag Archives: protests", "All articles from: February, 2017",
        "Archive: May 16, 2014"): it begins with a listing heading, then a colon, or (a heading of several words)
        a space, or nothing."""
        folded = " ".join(line.split()).casefold()
        for heading in self.listing:
            rest = folded[len(heading):] if folded.startswith(heading) else None
            if rest is not None and (not rest or rest[0] == ":" or (" " in heading and rest[0] == " ")):
                return True
        return False

    def ends_with_more_link(self, line: str) -> bool:
        """Whether a line is or ends with a teaser's link to its story: "Read More»" alone, or after the teaser's
        ellipsis or last sentence ("… the European Union ... Read More»", "… Syrian youth. More")."""
        words = line.split()
        for count in (3, 2, 1):
            tail = " ".join(words[-count:])
            if len(words) < count or " ".join(tail.strip(" »›>…→").split()).casefold() not in self.more:
                continue
            head = " ".join(words[:-count])
            if not head or head.endswith(("...", "…", ".", "!", "?", "”", '"')) \
                    or tail.endswith(("»", "›", ">")):
                return True
        return False

    def is_home_address(self, url: str | None) -> bool:
        """Whether an address is a site's home page, which lists stories: no path (an archive's copy: the address
        it copied) and no query but tracking keys ("https://www.state.gov/?_ref=r2zyzhd3pt0")."""
        if not url:
            return False
        parts = urlsplit("//" + url.split("://")[-1])  # an archive's copy: the address it copied
        if parts.path.strip("/"):
            return False
        return all(key.casefold() in self.tracking_keys for key, _ in parse_qsl(parts.query, keep_blank_values=True))

    def is_paged_address(self, url: str | None) -> bool:
        """Whether an address is one page of a numbered list ("…/taxonomy/term/16?page=641", "…?Page=5",
        "…/Search?pagenumber=74"): a paging key in its query with a number for its value."""
        if not url:
            return False
        return any(key.casefold() in self.paging_keys and value.isdigit()
                   for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True))

    def is_listing_address(self, url: str | None) -> bool:
        """Whether an address is a list of stories by its path: a segment that only such lists have, and more after
        it (a VOA section's "…/z/5340/2018/9/26"), of the address an archive copied."""
        return _has_segment(url, self.listing_paths)

    def is_archive_address(self, url: str | None) -> bool:
        """Whether an address is a tag's, a category's or an author's page ("…/tag/mali/", "…/search/label/Kerry"),
        which shows its latest posts: a segment naming one, and the tag's name after it."""
        return _has_segment(url, self.archive_paths)

    def is_briefing(self, line: str) -> bool:
        """Whether a whole line names a kind of briefing ("Daily Press Briefing"): a page's title when it has no
        other."""
        return _folded(line) in self.briefings

    def is_generic_title(self, line: str) -> bool:
        """Whether a line names only a kind of document and its speaker ("Briefing by the Press Secretary Jane
        Roe", "Statement by the Spokesperson"), not what it is about."""
        kind, by, speaker = _folded(line).partition(" by ")
        return bool(by) and (kind in self.briefings or kind in self.furniture) and not _TOPIC.search(speaker)

    def strip_attribution(self, line: str) -> str:
        """A headline without a speaker's attribution after its last comma ("Readout of the Meeting, on-the-record
        attributable to Spokesperson Jane Roe" -> "Readout of the Meeting")."""
        head, comma, tail = line.rpartition(",")
        folded = _folded(tail)
        if comma and head.strip() and any(folded.startswith(phrase) for phrase in self.attribution):
            return head.rstrip()
        return line

    def is_chrome(self, line: str) -> bool:
        """Whether a line holds a phrase of page chrome ("An official website of the United States government")."""
        folded = " ".join(line.split()).casefold()
        return any(phrase in folded for phrase in self.chrome)

    def is_contact(self, line: str) -> bool:
        """Whether a line is a release's contact detail: a contact label, a colon and a short value ("TEL:
        880-2-5566-2000", "E-MAIL: DhakaPA@state.gov", "Media contact: Jane Roe, 202-555-0100")."""
        label, colon, value = line.partition(":")
        if not colon or not value.strip() or len(value.split()) > _MAX_CONTACT_WORDS:
            return False
        return " ".join(label.split()).casefold() in self.contact

    def _label_kind(self, label: str | None) -> str | None:
        if label is None:
            return None
        key = " ".join(re.sub(r"[:\-–]", " ", label).split()).casefold()
        return next((kind for kind, words in self.labels.items() if key in words), None)


def _has_segment(url: str | None, segments: frozenset[str]) -> bool:
    """Whether an address's path (an archive's copy: the address it copied) has one of `segments` before its last."""
    if not url:
        return False
    path = urlsplit("//" + url.split("://")[-1]).path
    return any(segment.casefold() in segments for segment in path.split("/")[:-1])


def _folded(text: str) -> str:  # a name's trademark sign is no word of it ("Voice of America ®")
    return " ".join(text.replace("®", " ").replace("™", " ").strip(" .:|-–—").split()).casefold()


@dataclass(frozen=True, slots=True)
class _Patterns:
    mention: re.Pattern[str]
    weekday_start: re.Pattern[str]
    label_start: re.Pattern[str]
    month_day: re.Pattern[str]
    agency_date: re.Pattern[str]
    dateline: re.Pattern[str]
    day_dateline: re.Pattern[str]
    url_compact: re.Pattern[str]
    url_digits: re.Pattern[str]
    url_named: re.Pattern[str]
    promo: re.Pattern[str]
    routing: re.Pattern[str]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _build_patterns(months: tuple[tuple[str, ...], ...], weekdays: tuple[tuple[str, ...], ...],
                    labels: dict[str, tuple[str, ...]], agency_names: tuple[str, ...], url_date_keys: tuple[str, ...],
                    promo: tuple[str, ...], routing: tuple[str, ...]) -> _Patterns:
    month = rf"(?i:{_alternation(n for names in months for n in names)})\.?"
    weekday = rf"(?i:{_alternation(n for names in weekdays for n in names)})\.?"
    on_day = rf"(?:{weekday},?\s+)?"
    date = (rf"(?:{on_day}{month}\s+{_DAY},?\s+{_YEAR}"
            rf"|{on_day}{_DAY}\s+{month},?\s+{_YEAR}"
            rf"|{_YEAR}-(?:0?[1-9]|1[0-2])-(?:[0-2]?\d|3[01])|{_YEAR}/(?:0?[1-9]|1[0-2])/(?:[0-2]?\d|3[01])"
            rf"|{on_day}(?:0?[1-9]|1[0-2])/(?:[0-2]?\d|3[01])/{_YEAR}"
            # month first, as the slashed form and as DVIDS writes it ("07.24.2008"); not a number's parts
            # ("1.2.2019.4")
            rf"|(?:0?[1-9]|1[0-2])\.(?:[0-2]?\d|3[01])\.{_YEAR}(?!\.\d))")
    label_words = _alternation(w for kind in _LABEL_KINDS for w in labels[kind])
    # "By Jane RoeMay 31, 2011", "1:30 PM10/19/2020": a date glued to the word or the time before it
    glued = r"(?-i:(?<=[a-z])(?=[A-Z])|(?<=[\d ][AP]M)(?=\d))"
    mention = (rf"(?:(?<![\w/-])|{glued})(?:(?P<label>{label_words})\b\s*(?:[:\-–|]\s*)?)?(?P<date>{date})"
               rf"(?:(?![\w/])|(?=T\d))"
               rf"(?P<time>{_TIME})?(?:{_AGO})?")
    agencies = _alternation(agency_names)
    day_of_month = rf"{month}\s+(?:[0-2]?\d|3[01])\b"
    place = r"(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    region = rf"(?:, (?!{month}\s)(?P<region>[A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+){{0,2}}))?"
    dash = r" *(?:--|[-–—]) +(?=\S)"
    wire_day = rf"(?:{day_of_month} *(?:--|[-–—]) *)?"  # "JUL 19 -- BROOKLYN, NY": a wire's day before the place
    paren_date = rf"{month}\s+(?:[0-2]?\d|3[01]),?\s+{_YEAR}"
    # a dateline ends with a dash or, after a day's date, a colon ("DHAKA, SEPTEMBER 20, 2017: The …")
    dateline = (rf"{wire_day}{place}{region}(?:,? (?P<day>{day_of_month})(?:,? (?P<year>{_YEAR})\b)?)?"
                rf" *(?:\((?P<agency>[A-Z][A-Za-z.&' -]{{1,30}})\)|\((?P<paren>{paren_date})\)"
                rf"|(?P<bare_agency>(?:{agencies})\b))?(?:{dash}|(?<=\d): +(?=\S))")
    day_dateline = rf"(?P<day>{day_of_month}),? *\((?P<agency>[A-Z][A-Za-z.&' -]{{1,30}})\){dash}"
    keys = _alternation(url_date_keys)
    url_month = _alternation(n for names in months for n in names)
    return _Patterns(
        mention=re.compile(mention, re.IGNORECASE),
        weekday_start=re.compile(rf"\s*{weekday}(?![^\W\d_])"),
        label_start=re.compile(rf"\s*(?:{label_words})\b", re.IGNORECASE),
        month_day=re.compile(rf"(?P<month>{month})\s+(?P<day>{_DAY})|(?P<day2>{_DAY})\s+(?P<month2>{month})",
                             re.IGNORECASE),
        agency_date=re.compile(rf"(?:{agencies})\s*(?:--|[-–—:|,])\s*(?P<day>{day_of_month})", re.IGNORECASE),
        dateline=re.compile(dateline),
        day_dateline=re.compile(day_dateline, re.IGNORECASE),
        url_compact=re.compile(rf"(?<![A-Za-z])(?:{keys})[=/]?(?P<digits>{_YEAR}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]))",
                               re.IGNORECASE),
        # A segment that is a date, alone or with a serial of four or more digits ("/2017092992527/"); a number
        # with one to three digits more ("/igphoto/2002031408/") is a counter that happens to start like a date.
        url_digits=re.compile(rf"(?<=/)(?P<digits>{_YEAR}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01]))(?:\d{{4,6}})?(?=[/?#]|$)"),
        url_named=re.compile(
            rf"(?<![a-z0-9])(?:(?P<m1>{url_month})[-_](?P<d1>[0-2]?\d|3[01])[-_](?P<y1>{_YEAR})"
            rf"|(?P<d2>[0-2]?\d|3[01])[-_](?P<m2>{url_month})[-_](?P<y2>{_YEAR})"
            rf"|(?P<d3>[0-2]?\d|3[01])(?P<m3>{url_month})(?P<y3>\d\d)"
            rf"|(?<=/)(?P<y4>{_YEAR})/(?P<m4>{url_month})(?=/))(?![a-z0-9])", re.IGNORECASE),
        promo=re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" if w[0].isalnum() else re.escape(w)
                                  for w in promo), re.IGNORECASE),
        routing=re.compile("|".join(rf"\b{re.escape(w)}" for w in routing)),
    )


def load_page_words(path: str | Path | None = None) -> PageWords:
    """Load and validate the metadata words (the packaged file by default).

    Raises:
        DataFileError: a missing or unknown section, a month or weekday list of the wrong length, a word given
            twice, or a value that is not a list of words.
    """
    if path is None:
        return _default()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _default() -> PageWords:
    ref = resources.files("tacitus") / "data" / "pages" / "metadata.yaml"
    return _parse(ref.read_text(encoding="utf-8"), "data/pages/metadata.yaml")


def _words(path: str, section: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, None, f"{section}: expected a list of words")
    return tuple(v.strip() for v in value)


def _names(path: str, section: str, value: object, count: int) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or len(value) != count:
        raise DataFileError(path, None, f"{section}: expected {count} lists of names, in calendar order")
    names = tuple(tuple(w.casefold() for w in _words(path, f"{section}[{i + 1}]", v)) for i, v in enumerate(value))
    flat = [n for group in names for n in group]
    twice = sorted({n for n in flat if flat.count(n) > 1})
    if twice:
        raise DataFileError(path, None, f"{section}: {', '.join(twice)} given twice")
    return names


def _kinds(path: str, section: str, value: object, kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or set(value) != set(kinds):
        raise DataFileError(path, None, f"{section}: expected exactly the kinds {', '.join(kinds)}")
    return {kind: _words(path, f"{section}.{kind}", value[kind]) for kind in kinds}


def _folded_set(words: tuple[str, ...]) -> frozenset[str]:
    """Words of the file as they are matched: case folded."""
    return frozenset(w.casefold() for w in words)


def _parse(text: str, path: str) -> PageWords:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(path, getattr(getattr(exc, "problem_mark", None), "line", None), str(exc)) from exc
    if not isinstance(raw, dict):
        raise DataFileError(path, None, f"expected the sections {', '.join(_SECTIONS)}")
    unknown = sorted(set(raw) - set(_SECTIONS))
    missing = [s for s in _SECTIONS if s not in raw]
    if unknown or missing:
        raise DataFileError(path, None, f"unknown sections {unknown}" if unknown else f"missing section {missing[0]}")
    labels = {kind: tuple(w.casefold() for w in words)
              for kind, words in _kinds(path, "labels", raw["labels"], _LABEL_KINDS).items()}
    both = sorted(set(labels["published"]) & set(labels["updated"]))
    if both:
        raise DataFileError(path, None, f"labels: {', '.join(both)} both published and updated")
    headline = _kinds(path, "headline", raw["headline"], _HEADLINE_KINDS)
    months = _names(path, "months", raw["months"], 12)
    weekdays = _names(path, "weekdays", raw["weekdays"], 7)
    agencies = _words(path, "agencies", raw["agencies"])
    url_date_keys = _words(path, "url_date_keys", raw["url_date_keys"])
    tracking_keys = _folded_set(_words(path, "tracking_keys", raw["tracking_keys"]))
    paging_keys = _folded_set(_words(path, "paging_keys", raw["paging_keys"]))
    listing_paths = _folded_set(_words(path, "listing_paths", raw["listing_paths"]))
    archive_paths = _folded_set(_words(path, "archive_paths", raw["archive_paths"]))
    chrome = tuple(w.casefold() for w in _words(path, "chrome", raw["chrome"]))
    contact = _folded_set(_words(path, "contact", raw["contact"]))
    return PageWords(
        months=months, weekdays=weekdays, labels=labels, agencies=agencies, url_date_keys=url_date_keys,
        tracking_keys=tracking_keys, paging_keys=paging_keys, listing_paths=listing_paths,
        archive_paths=archive_paths, chrome=chrome,
        contact=contact,
        navigation=_folded_set(headline["navigation"]), promo=headline["promo"],
        routing=headline["routing"], furniture=_folded_set(headline["furniture"]),
        listing=tuple(sorted({w.casefold() for w in headline["listing"]}, key=len, reverse=True)),
        more=_folded_set(headline["more"]),
        briefings=_folded_set(headline["briefings"]),
        attribution=tuple(w.casefold() for w in headline["attribution"]),
        logo=_folded_set(headline["logo"]),
        release=_folded_set(headline["release"]),
        credit=tuple(sorted({w.casefold() for w in headline["credit"]}, key=len, reverse=True)),
        documents=tuple(w.casefold() for w in headline["documents"]),
        sections=_folded_set(headline["sections"]),
        patterns=_build_patterns(months, weekdays, labels, agencies, url_date_keys, headline["promo"],
                                 headline["routing"]),
    )
