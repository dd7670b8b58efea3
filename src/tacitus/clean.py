"""Clean a scraped news page: drop page chrome, read title/outlet/date/page/tags/dateline/speaker lines,
and keep an offset map from the cleaned text back to the original text.

The lines are classified here; what a date line says and which date is the story's is `tacitus.published`'s job.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from tacitus import published as evidence
from tacitus.errors import DocumentRejected
from tacitus.headline import best_headline, dated_headline, edition_date, edition_day, page_name, slug_words
from tacitus.pagemeta import load_page_words
from tacitus.sources import MAX_CHARS, RawDoc

__all__ = ["CleanDoc", "SpeakerTurn", "clean"]


@dataclass(frozen=True, slots=True)
class SpeakerTurn:
    """What the speaker(s) of a "Name: …" paragraph said.

    Attributes:
        start: first character of the turn in the cleaned text.
        end: one past its last character.
        speakers: the names as written: ("Abe",), ("Obama", "Abe"), ("President Barack Obama",).
    """

    start: int
    end: int
    speakers: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "speakers": list(self.speakers)}


@dataclass(frozen=True, slots=True)
class CleanDoc:
    """An article's body text without page chrome, with the metadata the page gave.

    Attributes:
        id: the document id (from `RawDoc`).
        source: where it was read from.
        text: cleaned body text; paragraphs separated by one blank line.
        title: the headline, or None.
        outlet: the newspaper, network or agency, or None.
        published: publication date as YYYY-MM-DD, or None.
        published_source: where the date came from, one of `tacitus.published.SOURCES` ("none" without a date).
        page: print page ("2" from "p. 2"), or None.
        tags: topic tags listed on the page.
        url: the article's address, or None.
        dateline: the place of a dateline as written ("TOKYO", "KYIV, Ukraine"), or None.
        speakers: one turn per "Name: …" paragraph.
        offsets: sorted (clean_offset, original_offset) pairs; each maps the start of a kept piece of text to
            where it stood in the original text (for HTML: in the text extracted from the page).
    """

    id: str
    source: str
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    published_source: str
    page: str | None
    tags: tuple[str, ...]
    url: str | None
    dateline: str | None
    speakers: tuple[SpeakerTurn, ...]
    offsets: tuple[tuple[int, int], ...]

    def to_original(self, offset: int) -> int:
        """Map an offset in `text` to the offset of the same character in the original text.

        Args:
            offset: 0 <= offset <= len(text).

        Returns:
            The original offset. Inside a kept piece the mapping is exact; a separator that cleaning
            inserted between pieces maps just past the end of the piece before it.

        Raises:
            ValueError: the offset lies outside the cleaned text.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the cleaned text (0..{len(self.text)})")
        if not self.offsets:
            return offset
        index = max(bisect.bisect_right(self.offsets, (offset, float("inf"))) - 1, 0)
        clean_at, original_at = self.offsets[index]
        return original_at + offset - clean_at

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "source": self.source, "text": self.text, "title": self.title, "outlet": self.outlet,
            "published": self.published, "published_source": self.published_source, "page": self.page,
            "tags": list(self.tags), "url": self.url,
            "dateline": self.dateline, "speakers": [turn.as_dict() for turn in self.speakers],
            "offsets": [list(pair) for pair in self.offsets],
        }


def clean(raw: RawDoc, *, published: str | None = None) -> CleanDoc:
    """Clean one document.

    Args:
        raw: the document as read by `tacitus.sources.iter_documents`.
        published: publication date that overrides what the page says (any form dateparser reads).

    Returns:
        The cleaned document with its metadata and offset map.

    Raises:
        DocumentRejected: (stage "clean") nothing is left after cleaning, the text is not English,
            or an HTML page yields no text.
        ValueError: `published` is not a readable date.
    """
    candidates: list[evidence.Candidate] = []
    if published is not None:
        override = evidence.given(published)
        if override is None:
            raise ValueError(f"published must be a date such as 2015-05-16, got {published!r}")
        candidates.append(override)
    hints = dict(raw.meta)
    page_meta: dict[str, Any] = {}
    if raw.html is not None:
        original, page_meta = _extract_html(raw.html)
    else:
        original = raw.text or ""
    url = hints.get("url") or page_meta.get("url")
    found = _Scan(original, title_hint=hints.get("title") or page_meta.get("title"), url=url)
    body = found.body
    if not any(ch.isalnum() for ch in body):
        raise DocumentRejected("clean", "nothing left after cleaning (only page chrome or metadata)")
    if len(body) > MAX_CHARS:
        raise DocumentRejected("clean", f"too large: {len(body):,} characters after cleaning, the limit is "
                                        f"{MAX_CHARS:,}; split it into articles")
    _check_english(body)
    candidates.extend(filter(None, [evidence.given(hints["published"]) if "published" in hints else None,
                                    evidence.from_html(raw.html) if raw.html is not None else None]))
    # A list of stories has no date of its own: not the day of its address either ("…/z/5340/2018/9/26").
    decision = evidence.decide([*candidates, *found.candidates, *([] if found.listing else evidence.from_url(url))])
    tags = _unique([*page_meta.get("tags", ()), *found.tags])
    return CleanDoc(
        id=raw.id,
        source=raw.source,
        text=body,
        title=hints.get("title") or page_meta.get("title") or found.title,
        outlet=hints.get("outlet") or found.paren_outlet or found.header_outlet or page_meta.get("outlet")
        or found.agency,
        published=decision.date,
        published_source=decision.source,
        page=found.page,
        tags=tuple(tags),
        url=url,
        dateline=found.dateline,
        speakers=tuple(found.speakers),
        offsets=tuple(found.offsets),
    )


# --- Patterns of page chrome and metadata -------------------------------------------------------------------

# "(Yomiuri: May 16, 2015 – p. 2)": outlet, date and print page of a press-translation service.
_PAREN_SOURCE = re.compile(
    r"\((?P<outlet>[A-Z][^:()\d]{0,40}?)\s*[:,]\s*(?P<date>[^()]*?\d{4}[^()]*?)"
    r"(?:\s*[-–—,]+\s*(?:p\.|pp\.|page)\s*(?P<page>[\w-]+))?\s*\)")
_NAME_WORD = r"[A-Z][\w.'’\-]*"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD})*"
# A byline under a headline ("Posted by Jane Roe on May 3, 2015 at 10:00") has at most this many words.
_MAX_BYLINE_WORDS = 16
# A line of a release's signature block (name, title, place above its date) has at most this many words.
_MAX_SIGNATURE_WORDS = 10
# Lines longer than this are never taken for a menu, a promotion or a routing line.
_MAX_PROMO_WORDS = 20
# "2:16 p.m. EDT", "1:27 P.M. EDT", "10:30": the time a briefing began, on a line of its own.
_TIME_LINE = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?")
# A clause of this many words after a label in capitals, without a sentence's end, is a headline under its kicker.
_KICKER_WORDS = 4
# A site's motto quoted with its source: "“VOA will present … these policies.” — VOA Charter".
_EPIGRAPH = re.compile(r"[\"“][^\"“”]+[\"”]\s*[-–—]+\s*[A-Z][\w.'’]*(?: [\w.'’]+){0,4}")
# A title capitalises at least this share of its words of four letters or more.
_TITLE_CASE_SHARE = 0.7
# A title-case line of at most this many words may be a headline (a transcript's long title).
_LONG_TITLE_WORDS = 40
# "Washington, DC", "Vienna, Austria": a place alone on a line, above a release's date.
_PLACE_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}"
_PLACE_LINE = re.compile(rf"{_PLACE_NAME}(?:, {_PLACE_NAME}){{1,2}}")
# A byline with its date stands within this many lines of the text's start (a lead repeated above the story).
_OPENING_LINES = 3
# A transcript's venue above its time ("James S. Brady Press Briefing Room / 1:27 P.M. EDT"): at most this many lines
# of at most this many words.
_VENUE_LINES = 4
_VENUE_WORDS = 8
# A page with date lines of this many different days above and among its paragraphs lists stories.
_LISTING_DATES = 3
_LISTING_GAP = 6
# A listing's heading stands among the page's first lines.
_LISTING_HEADING_LINES = 6
# The field a page store writes before the text: " date 2017-04-04 …", or a month only: " date 2019-11 …".
_STORED_DATE = re.compile(r"\s*date (?P<y>\d{4})-(?P<m>\d\d)(?:-(?P<d>\d\d))?\b")
_SENTENCE_MARK = re.compile(r"[.!?…](?:\s|$)|[.!?][\"”’')]")
# An abbreviation's period is no end of a sentence ("Command Sgt. Maj. Thomas Eppler", "U.S. troops"): a capitalised
# word of one to three letters, or initials, before it.
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,2}|(?:[A-Z]\.)+[A-Z])\.(?=\s)")
# "Jane Roe", "John Q. Public": an author's name standing alone under a headline.
_NAME_LINE = re.compile(r"[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]*){1,3}")
_SPEAKER = re.compile(rf"(?P<names>{_NAME}(?:(?:, ?| and | & ){_NAME})*): +(?=\S)")
_SPEAKER_SPLIT = re.compile(r",\s*|\s+and\s+|\s+&\s+")
# Words that start a "Label: …" paragraph that is not a speaker's turn.
_NOT_SPEAKERS = frozenset("""
    note notes update updated updates editor editor's editors correction corrections clarification source sources
    photo photos caption credit credits related read see also warning disclaimer summary background context analysis
    opinion comment comments editorial tags tag topics topic keywords published posted date time location title
    subject re fwd q a question answer breaking live watch video listen exclusive transcript translation key
    highlights latest quote quotes ps p.s. disclosure share print email advertisement sponsored
""".split())
_BULLET = re.compile(r"[•·▪●◦‣∙■►▸*]\s+|-\s+(?=\S)")
# "(Photo: Reuters)", "(AP Photo/Jane Roe)", "(Photo by Jane Roe/Getty Images)", "(U.S. Navy photo by Jane Roe)",
# "(U.S. Navy video by Jane Roe)": a video's caption is credited as a photo's
_PHOTO_CREDIT = (r"\((?:[^()]*?(?:\bAP (?:Photo|Image)\b|Getty Images|\bFILE PHOTO\b"
                 r"|\b[PpVv](?:hoto|ideo) by [A-Z])[^()]*"
                 r"|(?:Photo|Photograph|Image|Picture|Video)s?\s*(?::|by\b|credit\b|courtesy\b)[^()]*)\)")
_INLINE_CHROME = re.compile(
    r"\[ad_?\d*\]"                                          # [ad_1] markers of scraped WordPress pages
    r"|!\[[^\]]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"            # Markdown images
    rf"|(?P<credit>{_PHOTO_CREDIT})", re.IGNORECASE)
_SHARE_LINE = re.compile(
    r"(?:(?:print|share(?: this(?: article| story| page)?| button| on \w+)?|tweet|e-?mail|facebook|twitter|x|"
    r"whatsapp|linkedin|pinterest|reddit|telegram|copy link|copy url|comments?|\d+ comments?)"
    r"\s*[|/·•,]?\s*)+", re.IGNORECASE)
_CHROME_LINE = re.compile(
    r"(?:read more|read the full (?:story|article|report)|continue reading|keep reading|click here|see more"
    r"|view more|load more|show more)\b.*"
    r"|(?:advertisement|advertising|ad|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|scroll to continue(?: with content)?)\b(?:\s*[-–—:].*)?"
    r"|<?(?:https?://|www\.)\S+>?"
    r"|FILE(?: PHOTO)?\s*[-–—:]\s.*"
    r"|(?:Photo|Photograph|Image|Picture|Caption|Video|Image credit|Credit)s?\s*(?::|by\b|credit\b|courtesy\b).*"
    r"|(?:©|\(c\)|copyright\b).*"
    r"|(?:[\w .'-]+/)?(?:getty images|ap photo|afp)(?:/[\w .'-]+)?"
    r"|(?:subscribe|sign up|register)\b.*", re.IGNORECASE)
_CHROME_ANYWHERE = re.compile(
    r"\b(?:we|this (?:web)?site) uses? cookies\b|\baccept (?:all )?cookies\b|\bcookie (?:policy|settings|preferences)\b"
    r"|\bsign up for (?:our|the)\b.*\bnewsletter|\ball rights reserved\b|\bAP Photo/|/Getty Images|via Getty Images"
    r"|\(Getty Images\)|\bPhoto by [A-Z]", re.IGNORECASE)
# A photographer's credit at the end of a caption: "… Regiment. Army photo by Pvt. Randy Wren".
_TRAILING_CREDIT = re.compile(r"(?:\b[A-Z][\w.'’-]* ){0,3}(?:[Pp]hoto|[Pp]hotograph|[Ii]mage) by [A-Z].*$")
# A caption restored as a photo page's text has at least this many words.
_CAPTION_WORDS = 12
_BLOCK_HEADING = re.compile(
    r"(?:more news|more stories|latest headlines|latest news|latest stories|related(?: articles| stories| news"
    r"| coverage| content| posts| links| reading)?|most popular|most read|most viewed|most shared|recommended"
    r"(?: for you| stories| articles)?|you may also like|you might also like|top stories|trending(?: now| stories)?"
    r"|more from [\w .&'-]+|more on this story|also read|see also|what to read next|editor'?s picks|in other news"
    r"|(?:more |other |previous |latest |all )?episodes)"
    r"\s*:?", re.IGNORECASE)
_TAGS_LINE = re.compile(r"(?:tags|topics|keywords|filed under|related topics)(?:\s*:\s*(?P<tags>.*))?",
                        re.IGNORECASE)
_BYLINE = re.compile(r"(?:By|BY)\s+[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|and|&|,|de|van|von|al-?\w*))*"
                     r"(?:\s*(?:,|\||[-–—])\s*.*)?")
_BREADCRUMB_SPLIT = re.compile(r"\s+[>›»]\s+")
_TERMINAL = ('.', '!', '?', ':', ';', '"', '”', '’', "'", ')', ']', '…')
_LANGUAGES = {
    "ar": "Arabic", "de": "German", "es": "Spanish", "fa": "Persian", "fr": "French", "he": "Hebrew", "hi": "Hindi",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "sv": "Swedish", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
    "vi": "Vietnamese", "zh": "Chinese",
}
# Languages so close to English that English news about their countries passes for them (Nigerian Pidgin for a
# story on Nigeria, its names and captions: p=0.63): refused only when the identifier is at least this sure.
_CLOSE_TO_ENGLISH = {"pcm": 0.9}
# Whitespace that becomes one space: runs of two or more, and single tabs or other control whitespace.
_SPACE_RUN = re.compile(r"\s{2,}|[\t\n\r\x0b\x0c\x1c-\x1f\x85]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True, slots=True)
class _Line:
    """A non-blank line of the original text: its stripped span, kept pieces and visible text."""

    number: int
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    bullet: bool
    text: str
    block: int          # lines in the same block are not separated by a blank line
    caption: bool       # ends with a photo credit: the line is a photo caption


# --- The scan over the lines --------------------------------------------------------------------------------

class _Scan:
    """Classify every line of one text and assemble the cleaned body with its metadata and offsets."""

    def __init__(self, original: str, *, title_hint: str | None, url: str | None = None) -> None:
        self.original = original
        self.slug = slug_words(url)
        self.url = url
        self.title: str | None = None
        self.paren_outlet: str | None = None
        self.page: str | None = None
        self.header_outlet: str | None = None
        self.candidates: list[evidence.Candidate] = []  # evidence of the publication date, in page order
        self.dateline: str | None = None
        self.agency: str | None = None
        self.words = load_page_words()
        self.tags: list[str] = []
        self.speakers: list[SpeakerTurn] = []
        self.offsets: list[tuple[int, int]] = []
        self.lines = _split_lines(original)
        self._take_stored_date()
        self.kind: dict[int, str] = {}  # line number -> "drop" | "meta" | "title" | "tag"; unset means body
        self._mark_chrome()
        self._mark_paren_sources()
        named = page_name(url)  # a wiki's page name may end as a sentence does ("…'nothing more than a hoax'")
        first_body = next((ln.number for ln in self.lines if ln.number not in self.kind and not ln.bullet
                           and _is_prose(ln.text) and not self._not_story(ln) and not self._titled(ln)
                           and not (named and _squash(ln.text) == _squash(named))
                           and not _EPIGRAPH.fullmatch(ln.text) and not self.words.date_line(ln.text)
                           and not _long_title(ln.text) and not self._credited(ln) and not self._over_byline(ln)
                           and not self._over_letterhead(ln)
                           and not self._is_byline(ln.text)),  # "Sept. 5, 2019 | BY Jim Garamone" is the header's
                          len(self.lines))
        self._mark_trailing_tags(first_body)
        self.listing = self._is_listing(first_body)
        self._mark_header(first_body, title_hint)
        self._mark_other_dates(first_body)
        if self.listing:
            # A list of stories: each item has its title and date; none of them is the page's.
            self.title = None
            self.candidates = [c for c in self.candidates if c.source == "stored"]
        self.body = self._assemble()

    # The date a page store wrote before the page's text (" date 2017-04-04 Home News …"): not the page's own.
    def _take_stored_date(self) -> None:
        first = self.lines[0] if self.lines else None
        match = _STORED_DATE.match(self.original, first.start, first.end) if first else None
        if match is None:
            return
        day = int(match["d"]) if match["d"] else None
        self.candidates.append(evidence.Candidate(int(match["y"]), int(match["m"]), day, "stored",
                                                  text=match.group().strip()))
        rest = _strip(self.original, match.end(), first.end)
        if rest[0] == rest[1]:
            self.lines[0] = _Line(first.number, first.start, first.end, (), False, "", first.block, False)
            return
        pieces = tuple(piece for b, e in first.pieces if e > rest[0] for piece in [(max(b, rest[0]), e)])
        text = " ".join(" ".join(self.original[b:e].split()) for b, e in pieces)
        self.lines[0] = _Line(first.number, rest[0], first.end, pieces, False, text, first.block, first.caption)

    def _is_listing(self, first_body: int) -> bool:
        """A page that lists stories, each under its own date line ("Posted August 19th, 2013 at 12:54 am",
        "Nov 3, 2017"): date lines of three or more different days, the first at the top of the page's text (at
        most a line of prose above it: a blog's motto) and the next a few lines below it (a story with a list of
        other episodes under it is not a listing); or three or more paragraphs that open with a dateline and its
        full date ("WASHINGTON, June 3, 2014 – …"), each a story's first; or three or more runs of date lines, of
        two or more days, with prose between each run and the next (a blog's posts, some of the same day; a run's
        lines with no prose between them are one post's, "Last updated: January 25, 2022 / January 26, 2022"); or a
        heading of a listing ("Tag Archives: protests") above the first paragraph or among the first lines; or
        bulleted titles over teasers (`_lists_teasers`); or timestamps of two or more days each with other lines
        between; or a site's home page (its address alone) or a VOA section's (its address); or a tag's page (its
        address) with two or more posts under their own dates; or teasers of which two or more end with a link to
        their story ("… Read More»")."""
        kept = [ln for ln in self.lines if self.kind.get(ln.number) != "drop" and ln.text]
        if self.words.is_home_address(self.url) or self.words.is_paged_address(self.url) \
                or self.words.is_listing_address(self.url) or self._teased_stories() >= 2:
            return True  # a site's home page; a numbered page of a list; a VOA section; teasers ending "Read More»"
        datelined = [ln for ln in kept if (match := self.words.dateline(ln.text)) is not None
                     and match.day is not None and match.year is not None]
        if len(datelined) >= _LISTING_DATES or self._repeats_furniture(kept) or self._lists_teasers(kept):
            return True
        if any(self.words.is_listing_heading(ln.text) for index, ln in enumerate(kept)
               if ln.number < first_body or index < _LISTING_HEADING_LINES):
            return True  # (a logo's long description may read as the first paragraph)
        dated = [ln for ln in kept if self.words.date_line(ln.text) or self._is_byline(ln.text)]
        days = {candidate.date for ln in dated
                for candidate in evidence.from_mentions(self.words.find_dates(ln.text)[:1], "byline")}
        # date lines with no prose between them are one item's ("Last updated: January 25, 2022 / January 26, 2022")
        runs = [dated[0]] if dated else []
        for above, below in zip(dated, dated[1:]):
            if any(_is_prose(ln.text) for ln in kept if above.number < ln.number < below.number):
                runs.append(below)
        if len(runs) >= _LISTING_DATES and len(days) >= 2:
            return True  # posts each under its own date line, some of the same day
        if len(runs) >= 2 and len(days) >= 2 and self.words.is_archive_address(self.url):
            return True  # a tag's page showing two posts or more (with one it is that post's page)
        if len(dated) >= _LISTING_DATES and len(days) >= 2 and all(
                m.timed for ln in dated for m in self.words.find_dates(ln.text)[:1]) and all(
                any(above.number < ln.number < below.number for ln in kept) for above, below in zip(dated, dated[1:])):
            return True  # timestamps ("Thu, 07/22/2021 - 09:29 PM") each under its own story's title and teaser
        if len(days) < _LISTING_DATES:
            return False
        prose_above = sum(1 for ln in kept if ln.number < dated[0].number and _is_prose(ln.text))
        return prose_above <= 1 and dated[1].number - dated[0].number <= _LISTING_GAP

    def _teased_stories(self) -> int:
        """How many teasers end with a link to their story: "… the European Union ... Read More»" on one line, or
        "Read More»" alone under a teaser's line of prose (not a menu's "More" on its own)."""
        count, previous = 0, None
        for line in self.lines:
            if not line.text:
                continue
            if self.words.ends_with_more_link(line.text) and (
                    len(line.text.split()) > 3 or (previous is not None and len(previous.text.split()) >= 8)):
                count += 1
            previous = line
        return count

    def _lists_teasers(self, kept: list[_Line]) -> bool:
        """Whether three or more bulleted titles each stand over a paragraph of prose ("• Readout of the Call" /
        "President Obama spoke with …"): a list of stories with their teasers."""
        following = {line.number: kept[i + 1] for i, line in enumerate(kept[:-1])}
        teased = [ln for ln in kept if ln.bullet and _reads_as_title(ln.text)
                  and ln.number in following and not following[ln.number].bullet
                  and _is_prose(following[ln.number].text)]
        return len(teased) >= _LISTING_DATES

    def _repeats_furniture(self, kept: list[_Line]) -> bool:
        """Whether the same run of two or more lines of a release's furniture ("The White House / Office of the
        Press Secretary") heads the page twice with prose between: a list of releases, each under its own."""
        runs: list[tuple[str, ...]] = []
        run: list[str] = []
        prose_since: list[bool] = []
        for line in [*kept, None]:
            if line is not None and self.words.is_furniture(line.text):
                run.append(" ".join(line.text.casefold().split()))
                continue
            if len(run) >= 2:
                if tuple(run) in runs and prose_since[runs.index(tuple(run))]:
                    return True
                runs.append(tuple(run))
                prose_since.append(False)
            run = []
            if line is not None and _is_prose(line.text):
                prose_since = [True] * len(prose_since)
        return False

    # Chrome anywhere in the page.
    def _mark_chrome(self) -> None:
        skipping = tagging = False
        for line in self.lines:
            text = line.text
            if not text:
                self.kind[line.number] = "drop"
            elif _TAGS_LINE.fullmatch(text) and not line.bullet:
                listed = _TAGS_LINE.fullmatch(text).group("tags") or ""
                self.tags.extend(t.strip() for t in re.split(r"[,;|]", listed) if t.strip())
                self.kind[line.number] = "tag"
                tagging, skipping = not listed.strip(), False
            elif tagging and (line.bullet or len(text.split()) <= 6) and not _is_prose(text):
                self.tags.append(text)
                self.kind[line.number] = "tag"
            elif not line.bullet and _BLOCK_HEADING.fullmatch(text):
                self.kind[line.number] = "drop"
                skipping, tagging = True, False
            elif skipping and _is_link_line(line):
                self.kind[line.number] = "drop"
            else:
                skipping = tagging = False
                if _is_chrome(text, line.bullet) or (line.caption and len(text.split()) <= 60):
                    self.kind[line.number] = "drop"
        # A photo's page may hold no prose but its caption: then the caption is the text, once, also when it ends
        # with the photographer's credit ("… Regiment. Army photo by Pvt. Randy Wren").
        if not any(self.kind.get(line.number) != "drop" and _is_prose(line.text) for line in self.lines):
            restored: set[str] = set()
            for line in self.lines:
                uncredited = _TRAILING_CREDIT.sub("", line.text).rstrip()
                caption = line.caption or (uncredited != line.text and _is_prose(uncredited)
                                           and len(uncredited.split()) >= _CAPTION_WORDS)
                if caption and not _is_chrome(uncredited, line.bullet) and line.text not in restored:
                    restored.add(line.text)
                    del self.kind[line.number]

    def _mark_paren_sources(self) -> None:
        for line in self.lines:
            match = _PAREN_SOURCE.fullmatch(line.text)
            if line.number in self.kind or match is None:
                continue
            found = evidence.from_line(match.group("date"), "byline")
            if not found:
                continue
            self.kind[line.number] = "meta"
            if self.paren_outlet is None:
                self.paren_outlet = match.group("outlet").strip()
                self.candidates.extend(found)
                self.page = match.group("page")

    # Bullet lists after the last line of the article are its tags (short items) or links (long ones).
    def _mark_trailing_tags(self, first_body: int) -> None:
        last_text = max((ln.number for ln in self.lines if ln.number not in self.kind and not ln.bullet),
                        default=-1)
        for line in self.lines:
            if line.number > max(last_text, first_body - 1) and line.bullet and line.number not in self.kind:
                self.kind[line.number] = "tag" if _is_tag(line.text) else "drop"
                if _is_tag(line.text):
                    self.tags.append(line.text)

    # Lines above the first paragraph of prose: headline, date lines, "• , Asahi" bullets, banners.
    def _mark_header(self, first_body: int, title_hint: str | None) -> None:
        header = [ln for ln in self.lines if ln.number < first_body and ln.number not in self.kind]
        last_open = max((ln.number for ln in self.lines if ln.number not in self.kind), default=-1)
        candidates = [ln for ln in header if ln.number < last_open and self._is_headline(ln)]
        hint = _squash(title_hint) if title_hint else None
        chosen = next((ln for ln in candidates if hint and _squash(ln.text) == hint), None)
        named = page_name(self.url)  # a wiki's page under its own name, which may hold a date (".../2017/December")
        chosen = chosen or next((ln for ln in header if named and ln.number < last_open and not ln.bullet
                                 and _squash(ln.text) == _squash(named)), None)
        dated = {ln.number for ln in self.lines if ln.number < first_body and self._is_dated(ln.text)}
        chosen = chosen or best_headline(candidates, dated, self.lines, self.slug, self.words)
        if chosen is None and all(self._not_story(ln) for ln in header):  # nothing above but menus, chrome
            chosen = self._title_below_lead(first_body)
        if chosen is not None:
            self.kind[chosen.number] = "title"
            self.title = self.words.strip_attribution(chosen.text)
            with_date = dated_headline(chosen.text, self.words)
            edition = edition_date(chosen.text, self.words)
            if edition is not None:  # "Wikinews Shorts: May 23, 2008", "Department Press Briefing – July 16, 2019"
                self.candidates.extend(evidence.from_mentions([edition], "byline"))
            elif with_date is not None:  # "Leaders Meet in Islamabad - 2004-08-23"
                self.title = with_date[0]
                self.candidates.extend(evidence.from_mentions([with_date[1]], "byline"))
            elif (day := edition_day(chosen.text, self.words)) is not None:  # "Latest Developments in Ukraine: April 4"
                self.candidates.extend(filter(None, [evidence.month_day(day, self._year_of(day))]))
        dated_blocks = {ln.block for ln in self.lines if ln.number in dated}
        for line in header:
            if line is chosen:
                continue
            above = chosen is not None and line.number < chosen.number
            if line.bullet:
                if self._read_header_bullet(line, chosen):
                    self.kind[line.number] = "meta"
            elif self._read_date_line(line, chosen):
                self.kind[line.number] = "meta"
            elif (above or (chosen is not None and _squash(line.text) == _squash(chosen.text))
                  or self._not_story(line) or (chosen is not None and _NAME_LINE.fullmatch(line.text))
                  or (chosen is not None and line.block in dated_blocks and _is_signature(line.text))):
                # masthead, menu, promotion above the headline; a repeated headline; an author's name under it;
                # the name, title and place of a release's "Jane Roe / Spokesperson / Washington, DC / date" block
                self.kind[line.number] = "drop"

    def _year_of(self, day: str) -> int | None:
        """The year of the page's full dates of that month and day ("April 4" in a headline, "… outside Kyiv, April 4,
        2022" in its photo's caption), when they all give the same one; else None."""
        wanted = self.words.month_day(day)
        years = {found.year for line in self.lines for found in evidence.from_mentions(
            self.words.find_dates(line.text), "text") if (found.month, found.day) == wanted}
        return years.pop() if len(years) == 1 else None

    def _title_below_lead(self, first_body: int) -> _Line | None:
        """The headline of a page that opens with its lead or a photo's caption, nothing above it but chrome: the
        line just under the first paragraph (or the second: a section's motto may come first) when it reads as a
        headline without a sentence in it and is the page's last line, just under that paragraph ("Researchers from
        … discovered a vital clue …" / "Scientists Discover Clue to Malaria Vaccine's Deficiency"), or stands alone
        between that paragraph and the same paragraph again (a photo's title between its caption's two copies)."""
        kept = [ln for ln in self.lines[first_body:] if self.kind.get(ln.number) != "drop"]
        for index, lead in enumerate(kept[:3]):
            if index and lead.block == kept[index - 1].block:
                continue  # a line of a paragraph, not the start of one
            below, after = (kept[index + 1:index + 3] + [None, None])[:2]
            if (below is None or below.number in self.kind or not self._is_headline(below)
                    or _SENTENCE_MARK.search(_ABBREVIATION.sub("", below.text)) or below.text.endswith(("?", "!"))):
                continue
            if below.block == lead.block and below.number != lead.number + 1:
                continue
            under = next((ln for ln in self.lines[below.number + 1:] if ln.text), None)  # dropped or not
            credited = under is not None and under.block != below.block and _is_caption(under)
            if (after is None and below.block == lead.block) or credited or (
                    after is not None and after.block != below.block and _squash(after.text) == _squash(lead.text)):
                return below  # a photo's title between its caption's two copies, or its description and caption
        return None

    def _under_release_mark(self, line: _Line) -> bool:
        """Whether the nearest line above `line` with words marks a release ("For Immediate Release")."""
        above = next((other for other in reversed(self.lines[:line.number]) if other.text), None)
        return above is not None and self.words.is_release_mark(above.text)

    def _read_date_line(self, line: _Line, headline: _Line | None) -> bool:
        """Read the date of a header line: a date line, an agency's "Jiji -- Apr 06", a byline under the headline
        with a date, or a line that holds a labelled date.

        A date line above the headline is a site banner when it gives no time and names a weekday or stands apart
        from the headline ("Friday, July 11, 2025": the day the page was seen). Under the line that marks a release
        ("FOR IMMEDIATE RELEASE / Wednesday, December 31, 2008") it may be the release's date: weak evidence, which
        the address or a byline overrules. A labelled date above the headline (" date 2017-04-04" glued to the
        menu) is the page's text, not its byline.
        """
        text = line.text
        mentions = self.words.date_line(text)
        if mentions:
            banner = (headline is not None and line.number < headline.number and not any(m.timed for m in mentions)
                      and (headline.number - line.number > 1 or self.words.starts_with_weekday(text)))
            source = "byline" if not banner else "text" if self._under_release_mark(line) else "banner"
            self.candidates.extend(evidence.from_mentions(mentions, source))
            return True
        day = self.words.agency_date_line(text)
        if day is not None:
            self.candidates.extend(filter(None, [evidence.month_day(day)]))
            return True
        below = headline is not None and line.number > headline.number
        if below and self._is_byline(text):
            found = evidence.from_mentions(self.words.find_dates(text), "byline")  # "Posted by X on May 3, 2015"
            self.candidates.extend(found)
            return bool(found)
        labelled = [m for m in self.words.find_dates(text) if m.label]
        self.candidates.extend(evidence.from_mentions(labelled, "byline" if below else "text"))
        return bool(labelled)

    def _read_header_bullet(self, line: _Line, headline: _Line | None) -> bool:
        """Read a metadata bullet ("• 2015-04-30", "• , Asahi", "• Translation"); False if it is not one. A date
        without a time in a bulleted menu above the headline, lines from it, is the site's banner ("• March 17, 2011 /
        • Latest News:" over an archived story): the day the page was seen."""
        text = line.text
        mentions = self.words.date_line(text)
        if mentions:
            banner = (headline is not None and headline.number - line.number > 1
                      and not any(m.timed for m in mentions))
            self.candidates.extend(evidence.from_mentions(mentions, "banner" if banner else "byline"))
            return True
        words = len(text.split())
        if "," in text and words <= 8 and not text.endswith(_TERMINAL):
            outlet = text.rsplit(",", 1)[1].strip()  # "author, outlet"; the author is often empty
            if outlet and len(outlet.split()) <= 6:
                self.header_outlet = self.header_outlet or outlet
                return True
        return words <= 4 and not text.endswith(_TERMINAL)  # a section label such as "Translation"

    # Dates outside the header's own lines: a byline dropped as chrome, a byline under a lead repeated above the
    # story ("By U.S. Africa Command Public Affairs … Aug 24, 2020"), the page's date alone on its last line, a
    # labelled date anywhere else.
    def _mark_other_dates(self, first_body: int) -> None:
        body = [ln for ln in self.lines if ln.text and self.kind.get(ln.number) is None]
        opening_end = body[min(_OPENING_LINES, len(body)) - 1].number if body else -1
        for line in self.lines:
            kind = self.kind.get(line.number)
            if kind in ("meta", "title", "tag") or not line.text:
                continue
            if kind == "drop" and line.number < first_body and _BYLINE.match(line.text):
                self.candidates.extend(evidence.from_mentions(self.words.find_dates(line.text), "byline"))
                continue
            if kind in (None, "drop") and line.number <= opening_end and _BYLINE.match(line.text) \
                    and self._is_byline(line.text) and not line.text.endswith(".") \
                    and (not self._beside_prose(line) or self._ends_with_date(line.text)):
                self.candidates.extend(evidence.from_mentions(self.words.find_dates(line.text), "byline"))
                self.kind[line.number] = "meta"
                continue
            if kind is None and body and line is body[-1] and len(body) > 1 and self._alone(line):
                mentions = self.words.date_line(line.text)
                if mentions and len(mentions) == 1 and not self.words.starts_with_weekday(line.text):
                    self.candidates.extend(evidence.from_mentions(mentions, "text"))
                    self.kind[line.number] = "meta"
                    continue
            labelled = [m for m in self.words.find_dates(line.text) if m.label]
            if not labelled or (kind is None and _is_prose(line.text) and labelled[0].start > 0):
                continue  # a labelled date inside a sentence is a date the story talks about
            self.candidates.extend(evidence.from_mentions(labelled, "text"))
            if kind is None and self.words.date_line(line.text):
                self.kind[line.number] = "meta"

    def _ends_with_date(self, text: str) -> bool:
        """Whether a line ends with a full date ("By US AFRICOM Public Affairs … Washington, D.C. Sep 12, 2012"): a
        byline's, even glued above the paragraph it signs; a sentence that starts "By …" ends otherwise."""
        mentions = self.words.find_dates(text)
        return bool(mentions) and mentions[-1].end == len(text.rstrip())

    def _alone(self, line: _Line) -> bool:
        """Whether a line is a block of its own (blank lines, the text's ends or chrome around it)."""
        return all(other.block != line.block or self.kind.get(other.number) == "drop"
                   for other in self.lines[max(line.number - 1, 0):line.number + 2] if other is not line)

    def _beside_prose(self, line: _Line) -> bool:
        """Whether a line is part of a paragraph: a line of prose just above or below it in its block."""
        return any(other.block == line.block and _is_prose(other.text)
                   for other in self.lines[max(line.number - 1, 0):line.number + 2] if other is not line)

    def _credited(self, line: _Line) -> bool:
        """Whether the next line with words credits a photo ("Photo by Lance Cpl. Jane Roe"): then `line` is the
        photo's caption above the headline (a "Photo Information" block), not the story's first paragraph."""
        below = next((other for other in self.lines[line.number + 1:] if other.text), None)
        return below is not None and self.words.is_credit(below.text, makers=True)

    def _over_letterhead(self, line: _Line) -> bool:
        """Whether a paragraph stands just over a release's letterhead, its office and its date ("Office of the Press
        Secretary / April 17, 2017"): a note by the site that reposts the release, not the release's text."""
        below = [other for other in self.lines[line.number + 1:] if other.text][:3]
        return bool(below) and self.words.is_furniture(below[0].text) \
            and any(self.words.date_line(other.text) for other in below[1:])

    def _over_byline(self, line: _Line) -> bool:
        """Whether a line shaped as a title stands just over a dated byline ("16 Aug 2023 | Capt. Jane Roe …"): the
        headline, even when it ends as a sentence may ("… ‘no better friend, no worse enemy’")."""
        below = next((other for other in self.lines[line.number + 1:] if other.text), None)
        return below is not None and _reads_as_title(line.text) and self._is_byline(below.text)

    def _titled(self, line: _Line) -> bool:
        """A line standing alone that reads as a title although it ends as a sentence may ("Is the Ceasefire
        Holding?", "The Impact of Technology on Our World (Episode 23)"): title case, no sentence inside."""
        text = line.text
        words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
        alone = all(other.block != line.block for other in self.lines[max(line.number - 1, 0):line.number + 2]
                    if other is not line)
        return (alone and len(text.split()) <= 20 and text.endswith(("?", "!", ")", '"', "”", "’", "'"))
                and not text[:-1].rstrip("\"”’')").endswith((".", ",", ";"))
                and not _SENTENCE_MARK.search(text[:-1].rstrip("?!\"”’')"))
                and bool(words) and sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words))

    def _not_story(self, line: _Line) -> bool:
        """A short line that no story begins with: a menu, a promotion, a cable's routing line."""
        text = line.text
        if len(text.split()) > _MAX_PROMO_WORDS:
            return False
        return (self.words.is_navigation(text) or self.words.is_promo(text) or self.words.is_routing(text)
                or self.words.is_furniture(text))

    def _is_headline(self, line: _Line) -> bool:
        text = line.text
        if line.bullet or not _reads_as_title(text):
            return False
        if (_is_speaker_line(text) or self.words.dateline(text) or self._not_story(line) or _TIME_LINE.fullmatch(text)
                or self.words.is_credit(text) or self.words.is_section_heading(text)
                or (self._is_date_line(text) and dated_headline(text, self.words) is None
                    and edition_date(text, self.words) is None)):
            return False
        if self._venue(line):
            return False
        previous = next((other for other in reversed(self.lines[:line.number]) if other.text), None)
        if previous is not None and self.words.is_credit(previous.text, makers=True) and _names_unit(text):
            return False  # the unit of a credit above it ("Audio by Cpl. Jane Roe / Defense Media Activity - Marines")
        following = self.lines[line.number + 1] if line.number + 1 < len(self.lines) else None
        if (_PLACE_LINE.fullmatch(text) and following is not None and following.block == line.block
                and self.words.date_line(following.text)):
            return False  # the place a release was issued from, above its date ("Washington, DC / May 3, 2015")
        if following is None or following.block != line.block:
            return True
        # A line of hard-wrapped text is about as long as the next one; a headline is shorter than its paragraph.
        wrapped = (40 <= len(following.text) <= 100 and len(text) >= 0.6 * len(following.text)
                   and not following.bullet and not self._is_date_line(following.text)
                   and not self._not_story(following))
        return not (following.text[:1].islower() or wrapped)

    def _venue(self, line: _Line) -> bool:
        """Whether a line is where a transcript was spoken ("James S. Brady Press Briefing Room", "Port Terminal
        Building / Jacksonville, Florida"): a short block of short lines whose next block is the time alone ("1:27
        P.M. EDT"); not a release's block above it ("Jane Roe / Daily Press Briefing / Washington, DC / date")."""
        block = [ln for ln in self.lines if ln.block == line.block and ln.text]
        after = [ln for ln in self.lines if ln.block == line.block + 1 and ln.text]
        return (len(block) <= _VENUE_LINES and all(len(ln.text.split()) <= _VENUE_WORDS for ln in block)
                and not any(self.words.date_line(ln.text) or self.words.is_briefing(ln.text) for ln in block)
                and len(after) == 1 and bool(_TIME_LINE.fullmatch(after[0].text)))

    def _is_byline(self, text: str) -> bool:
        """A short line that begins "By …" or with a date label and holds a date ("Posted by X on May 3, 2015"), or a
        date and then "By …" or, after a bar, a name ("16 Aug 2023 | Capt. Jane Roe 1st Marine Division")."""
        mentions = self.words.find_dates(text)
        starts = _BYLINE.match(text) or self.words.starts_with_label(text)
        if not starts and mentions and mentions[0].start == 0:  # "June 9, 2023 | By Joseph Clark, DOD News"
            rest = text[mentions[0].end:]
            author = rest.lstrip(" |/·•,–—-")
            starts = _BYLINE.match(author) or (  # "16 Aug 2023 | Capt. Jane Roe 1st Marine Division": no "By"
                rest.lstrip().startswith("|") and author[:1].isupper() and not author.endswith(_TERMINAL)
                and not self.words.find_dates(author))
        return len(text.split()) <= _MAX_BYLINE_WORDS and bool(starts) and bool(mentions)

    def _is_dated(self, text: str) -> bool:
        """A date line, an agency's date line, or a byline with a date: what stands under a headline."""
        return bool(self.words.date_line(text) or self.words.agency_date_line(text) or self._is_byline(text))

    def _is_date_line(self, text: str) -> bool:
        """A line that is about a date, not a story: it holds a full date ("Today's paper: Friday, July 11, 2025";
        headlines name no year) or is an agency's date line ("Jiji -- Apr 06")."""
        return bool(self.words.agency_date_line(text) or self.words.find_dates(text))

    # Assembly of the body.
    def _assemble(self) -> str:
        paragraphs = self._paragraphs()
        for paragraph in paragraphs[:3]:  # a deck or subtitle may stand above the dateline
            if self._take_dateline(paragraph):
                break
        parts: list[str] = []
        position = 0
        for paragraph in paragraphs:
            pieces = [p for p in paragraph if p[1] > p[0]]
            if not pieces:
                continue
            if parts:
                parts.append("\n\n")
                position += 2
            turn = self._take_speaker(pieces)
            start = position
            for index, (begin, end) in enumerate(pieces):
                if index:
                    parts.append(" ")
                    position += 1
                self.offsets.append((position, begin))
                parts.append(self.original[begin:end])
                position += end - begin
            if turn:
                self.speakers.append(SpeakerTurn(start, position, turn))
        return "".join(parts)

    def _paragraphs(self) -> list[list[tuple[int, int]]]:
        paragraphs: list[list[tuple[int, int]]] = []
        previous: _Line | None = None
        for line in self.lines:
            if line.number in self.kind:
                continue
            pieces = [piece for span in line.pieces for piece in _split_spaces(self.original, *span)]
            if not pieces:
                continue
            if previous is not None and _continues(previous, line):
                paragraphs[-1].extend(pieces)
            else:
                paragraphs.append(pieces)
            previous = line
        return paragraphs

    def _take_dateline(self, paragraph: list[tuple[int, int]]) -> bool:
        begin, end = paragraph[0]
        match = self.words.dateline(self.original, begin, end)
        if match is None:
            return False
        if match.place is not None:
            self.dateline = f"{match.place}, {match.region}" if match.region else match.place
        line = next((ln for ln in self.lines if ln.start <= begin < ln.end), None)
        caption = line is not None and _is_caption(line)
        # a listing's first story's date is not the page's, nor a photo caption's ("SOUTH CHINA SEA (Nov. 25, 2023)
        # – Ensign … (U.S. Navy photo by …)": the day the photo was taken)
        if match.day is not None and not self.listing and not caption:
            self.candidates.extend(filter(None, [evidence.month_day(match.day, match.year)]))
        self.agency = match.agency
        paragraph[0] = (match.end, end)
        return True

    def _take_speaker(self, pieces: list[tuple[int, int]]) -> tuple[str, ...] | None:
        begin, end = pieces[0]
        match = _SPEAKER.match(self.original, begin, end)
        if match is None:
            return None
        names = match.group("names")
        words = [w for w in re.split(r"[,\s&]+", names) if w and w != "and"]
        if len(words) > 6 or any(w.lower().rstrip(".'’") in _NOT_SPEAKERS for w in words):
            return None
        if match.end() >= end and len(pieces) == 1:
            return None
        pieces[0] = (match.end(), end)
        return tuple(name.strip() for name in _SPEAKER_SPLIT.split(names) if name.strip())


# --- Small helpers ------------------------------------------------------------------------------------------

def _split_lines(original: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    after_blank = False
    begin = 0
    bounds = []
    for separator in re.finditer(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]", original):
        bounds.append((begin, separator.start()))
        begin = separator.end()
    bounds.append((begin, len(original)))
    for line_begin, line_end in bounds:
        begin, end = _strip(original, line_begin, line_end)
        if begin == end:
            after_blank = True
            continue
        if after_blank and lines:
            block += 1
        after_blank = False
        bullet = _BULLET.match(original, begin, end)
        if bullet:
            begin = bullet.end()
        pieces: list[tuple[int, int]] = []
        cursor = begin
        caption = False
        for chrome in _INLINE_CHROME.finditer(original, begin, end):
            pieces.append(_strip(original, cursor, chrome.start()))
            cursor = chrome.end()
            caption = bool(chrome.group("credit")) and not original[cursor:end].strip()
        pieces.append(_strip(original, cursor, end))
        pieces = [p for p in pieces if p[1] > p[0]]
        text = " ".join(" ".join(original[b:e].split()) for b, e in pieces)
        lines.append(_Line(len(lines), begin, end, tuple(pieces), bool(bullet), text, block, caption))
    return lines


def _strip(original: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and (original[begin].isspace() or original[begin] == "\ufeff"):
        begin += 1
    while end > begin and original[end - 1].isspace():
        end -= 1
    return begin, end


def _split_spaces(original: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Split a span at runs of whitespace that are not a single space, so they collapse to one space."""
    pieces = []
    cursor = begin
    for gap in _SPACE_RUN.finditer(original, begin, end):
        if gap.start() > cursor:
            pieces.append((cursor, gap.start()))
        cursor = gap.end()
    if end > cursor:
        pieces.append((cursor, end))
    return pieces


def _continues(previous: _Line, line: _Line) -> bool:
    """Whether `line` carries on the paragraph of `previous` (a hard wrap or a scraper's stray break)."""
    if previous.bullet or line.bullet or previous.text.endswith(_TERMINAL) or _SPEAKER.match(line.text):
        return False
    if load_page_words().dateline(line.text):
        return False  # "BROOKLYN, NY (July 19, 2007) – …" opens the story under its deck
    if line.text[:1].islower():
        return True
    return line.block == previous.block and line.number == previous.number + 1 and len(previous.text) >= 40


def _is_prose(text: str) -> bool:
    """A line of the story's text: a sentence, a long line with sentence punctuation, or a paragraph under a dateline.

    A long line without any (" HomeHot Topics, press releases, … and more") is a menu glued together."""
    words = len(text.split())
    return ((words >= 8 and text.endswith(_TERMINAL)) or (words > 20 and bool(_SENTENCE_MARK.search(text)))
            or bool(load_page_words().dateline(text)))


def _is_chrome(text: str, bullet: bool) -> bool:
    words = len(text.split())
    page_words = load_page_words()
    if (words <= 120 and page_words.is_chrome(text)) or page_words.is_contact(text):
        return True
    if _SHARE_LINE.fullmatch(text) or (not bullet and _CHROME_LINE.fullmatch(text) and words <= 30):
        return True
    if _CHROME_ANYWHERE.search(text) and words <= 80:
        return True
    if not bullet and words <= 10 and _BYLINE.fullmatch(text) and not re.search(r"\w\w\.$", text):
        return True
    parts = _BREADCRUMB_SPLIT.split(text)
    return (not bullet and len(parts) >= 2 and words <= 15
            and all(part and len(part.split()) <= 6 and not part.endswith(".") for part in parts))


def _is_caption(line: _Line) -> bool:
    """Whether a line is a photo's caption: marked so by the page, or ending with the photographer's credit."""
    return line.caption or bool(_TRAILING_CREDIT.search(line.text))


def _is_link_line(line: _Line) -> bool:
    words = len(line.text.split())
    if line.bullet:
        return words <= 30
    return words <= 15 and not line.text.endswith(('.', '!', ':', ';')) or bool(_CHROME_LINE.fullmatch(line.text))


def _reads_as_title(text: str) -> bool:
    """A line shaped as a title: one to twenty words (up to forty in title case: a transcript's "Department Of
    Defense Press Briefing by … In The Pentagon Briefing Room"), capitalised, not ending as a sentence or a clause
    does."""
    words = text.split()
    long_words = [w for w in words if w[:1].isalpha() and len(w) > 3]
    titled = len(words) <= _LONG_TITLE_WORDS and len(text) <= 300 and bool(long_words) and sum(
        w[0].isupper() for w in long_words) >= _TITLE_CASE_SHARE * len(long_words)
    return ((1 <= len(words) <= 20 and len(text) <= 200) or titled) and not text.endswith(('.', ',', ';', ':')) \
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'")


def _names_unit(text: str) -> bool:
    """Whether a line may name a unit or an office ("354th Mobile Public Affairs Detachment"): every word of four
    letters or more capitalised, no comma or colon; not a headline under a photo's credit ("Pacific-focused, globally
    ready: …")."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return not re.search(r"[,:;]", text) and all(w[0].isupper() for w in words)


def _long_title(text: str) -> bool:
    """A title-case line of more than twenty words with no end of a sentence ("… Lt. Gen. Kenneth F. McKenzie Jr.
    In The Pentagon Briefing Room"): a transcript's title, not prose, whatever abbreviations it holds."""
    return len(text.split()) > 20 and not text.endswith(_TERMINAL) and _reads_as_title(text)


def _is_signature(text: str) -> bool:
    """A short line of a release's signature block: a name, a title, a place ("Secretary of State", "Washington,
    DC"), not a sentence."""
    return len(text.split()) <= _MAX_SIGNATURE_WORDS and not text.endswith(_TERMINAL)


def _is_tag(text: str) -> bool:
    return len(text.split()) <= 6 and not text.endswith(('.', '!', '?', ':', ';'))


def _is_speaker_line(text: str) -> bool:
    """A "Name: words" line of a transcript ("MR KIRBY: Hey, everybody."), not a headline such as "Tsvangirai:
    Zimbabwe Unity Government Intact" (a title-case clause without a sentence's end) or a kicker's "YEAR IN REVIEW:
    Army makes a difference at home" (capitals, then a clause of four words or more without a sentence's end)."""
    match = _SPEAKER.match(text)
    if match is None:
        return False
    names = match.group("names")
    if names.split()[0].casefold().rstrip(".'’") in _NOT_SPEAKERS:
        return False  # "Analysis: …", "Update: …" label a headline
    if text.endswith(_TERMINAL):
        return True
    return names.isupper() and len(text[match.end():].split()) < _KICKER_WORDS


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            kept.append(item)
    return kept


@functools.lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def _check_english(body: str) -> None:
    words = len(re.findall(r"[^\W\d_]+", _CJK.sub(" ", body))) + len(_CJK.findall(body))
    if words < 20:
        return
    language, probability = _language_identifier().classify(body[:20_000])
    if language != "en" and probability >= _CLOSE_TO_ENGLISH.get(language, 0.5):
        name = _LANGUAGES.get(language, language)
        raise DocumentRejected("clean", f"not English: the text looks {name} ({language}, p={probability:.2f})")


# --- HTML ---------------------------------------------------------------------------------------------------

def _extract_html(html: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page, by trafilatura, falling back to a plain tag strip."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception:  # noqa: BLE001 - trafilatura fails on some malformed pages; the tag strip still works
        document = None
    found = document.as_dict() if document is not None else {}
    meta: dict[str, Any] = {
        "title": found.get("title"), "outlet": found.get("sitename"), "url": found.get("url"),
        "tags": [tag.strip() for field in ("tags", "categories") for entry in (found.get(field) or ())
                 for tag in str(entry).split(",") if tag.strip()],
    }
    text = found.get("text") or ""
    if not text.strip():
        stripper = _TagStripper()
        try:
            stripper.feed(html)
            stripper.close()
        except Exception:  # noqa: BLE001 - html.parser is lenient, but a broken page must become a rejection
            pass
        text = stripper.text()
        meta["title"] = meta["title"] or stripper.title()
    if not any(ch.isalnum() for ch in text):
        raise DocumentRejected("clean", "malformed HTML: no text could be extracted from the page")
    return text, {key: value for key, value in meta.items() if value}


class _TagStripper(HTMLParser):
    _BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer blockquote"
                        " pre title dd dt figcaption".split())
    _SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._title: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIPPED:
            self._skipping += 1
        if tag in self._BLOCKS:
            self._parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIPPED and self._skipping:
            self._skipping -= 1
        if tag in self._BLOCKS:
            self._parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skipping:
            self._parts.append(data)

    def text(self) -> str:
        return "".join(self._parts)

    def title(self) -> str | None:
        return " ".join("".join(self._title).split()) or None
