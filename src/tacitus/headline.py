"""Which line of a page's header is the story's headline, among the lines that may be one (`tacitus.clean` tells
those apart from menus, bylines, promotions and the like): the one the page's address spells, one standing alone
beside a date line's block, else the first that reads as one; and a headline's own date after a dash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol
from urllib.parse import unquote

from .pagemeta import DateMention, PageWords, load_page_words

__all__ = ["HeaderLine", "best_headline", "dated_headline", "edition_date", "edition_day", "page_name", "slug_words"]

# A headline's date line stands at most this many lines below it (a repeated headline, a kicker, an author between).
_DATE_BELOW = 4
# A headline repeated stands again at most this many lines below (the next line, or the next block's first).
_REPEAT = 2
# The hour of an edition before its date: "2200 UTC", "17:00 GMT".
_EDITION_TIME = re.compile(r"(?<!\S)(?:[01]\d|2[0-3]):?[0-5]\d\s*(?:UTC|GMT)$")
# "QUESTION: …", "Analysis: …": a line that opens with a label.
_LABELLED = re.compile(r"[A-Z][A-Z.'’ -]{0,24}:\s")  # a speaker's turn in capitals, not "UK elections: …"
# An address's slug names a headline when it has this many words and spells this share of a line's words.
_SLUG_WORDS = 3
_SLUG_SHARE = 0.6
# A release's "Name / Title / Place / Date" block has this many lines (a page's whole header is no such block).
_RELEASE_LINES = (3, 6)
# An edition's name before its date ("Studio 7 Headlines, Monday, February 15, 2016") has at most this many words;
# a title of at least the second many, in title case, may end with its occasion's date ("Ambassador Delawie Remarks for
# the Vehicle Donation to the Family Health Center in Dragash, December 22, 2015").
_EDITION_WORDS = 5
_OCCASION_WORDS = 6
# A title capitalises at least this share of its words of four letters or more.
_TITLE_CASE_SHARE = 0.7
# A short title repeated (printed twice: "Marine Minute / Marine Minute") has at least this many words.
_REPEATED_WORDS = 2
# "Jane Roe, Spokesperson", "Department Seal John Q. Public, Acting Spokesman": a name, a comma, a title.
_NAME_AND_TITLE = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,4},")


class HeaderLine(Protocol):
    """A line of the page as `tacitus.clean` reads it: its number, its block (lines between blank lines) and text."""

    number: int
    block: int
    text: str


def best_headline(candidates: Sequence[HeaderLine], dated: set[int], lines: Sequence[HeaderLine],
                  slug: frozenset[str] = frozenset(), words: PageWords | None = None) -> HeaderLine | None:
    """The headline among short header lines (`dated`: the numbers of the date lines).

    A release's "Name / Title / Place / Date" block (three to six lines, the last a date line) holds no headline
    but a briefing's own name ("John Kirby / Daily Press Briefing / Washington, DC / date") and a first line that
    reads as one and is not a "Name, Title"; a first line that does not is taken only when nothing else is. Then,
    in order: the line the page's address spells ("…/us-airstrike-targets-isis-leader/"); a line that reads as one
    and stands again on one of the next two lines (a headline twice, under a site's name and a banner date; a short
    title with every word capitalised too, "Marine Minute" twice, when no line above it reads as a headline; not a
    line that opens with a label or ends with a dash); a line standing alone in its block next to the block of a
    date line (above a byline, or below a release's block); a briefing named in a release's block; the first that
    reads as one and stands just above a date line; the first line of the block under a release's block (the
    subject of "Excerpt from the Daily Press Briefing"); the first that reads as one; mastheads and section names
    (all capitals, few words) last. A generic title ("Briefing by the Press Secretary Jane Roe") gives way to a line
    standing alone above it that reads as a headline (a page that reposts a release under its own title).

    A block's lines are counted from its first candidate (the site's names and menus glued above a release's block
    are not part of it); the lines under a release block that names a briefing are its topics, not its title; a
    line above another block's date is not "just above a date line" when that block is a release (a masthead above
    "For Immediate Release / … / date"). An edition's title with its date ("Wikinews Shorts: May 23, 2008") is the
    headline when no line under it reads as one; any other line ending in a date is none."""
    words = words or load_page_words()

    def reads_as_one(line: HeaderLine, least: int = 4) -> bool:
        return len(line.text.split()) >= least and not line.text.isupper()

    blocks: dict[int, list[HeaderLine]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    # A block's own lines start at its first possible headline: the site's names, menus and breadcrumb glued above
    # it ("U.S. Department of State" nine times, "Home Issues & Press …") are not part of a release's block.
    eligible = {line.number for line in candidates}
    whole = dict(blocks)
    for block, members in whole.items():
        start = next((i for i, ln in enumerate(members) if ln.number in eligible), 0)
        blocks[block] = members[start:]
    releases = {block for block, members in blocks.items()
                if _RELEASE_LINES[0] <= len(members) <= _RELEASE_LINES[1] and members[-1].number in dated}
    block_of = {line.number: line.block for line in lines}
    # A briefing's transcript is titled by the briefing its release block names; the lines under that block are the
    # briefing's index of topics ("Daily Press Briefing / Jane Roe / Washington, DC / date", then "Travel of …").
    briefed = {block for block in releases if any(words.is_briefing(ln.text) for ln in blocks[block])}

    def opens(line: HeaderLine) -> bool:  # the block's first line, or the same words again just under it
        first = whole[line.block][0]
        return line is first or (line.number == first.number + 1 and _same(line.text, first.text))

    signed = [ln for ln in candidates if ln.block in releases and not words.is_briefing(ln.text)
              and (not opens(ln) or not reads_as_one(ln) or _NAME_AND_TITLE.match(ln.text))]
    last_resort = [ln for ln in signed if opens(ln)]
    candidates = [ln for ln in candidates if ln not in signed]

    def beside_dated_block(line: HeaderLine) -> bool:
        if len(blocks[line.block]) != 1 or not reads_as_one(line, 3):
            return False
        after, before = blocks.get(line.block + 1, []), blocks.get(line.block - 1, [])
        return (any(ln.number in dated for ln in after)
                or bool(before and before[-1].number in dated and line.block - 1 not in briefed))

    def above_date(line: HeaderLine) -> bool:  # a date line just below, not one of another release's block
        return any(line.number < n <= line.number + _DATE_BELOW
                   and (block_of.get(n) == line.block or block_of.get(n) not in releases) for n in dated)

    def under_release(line: HeaderLine) -> bool:
        return line is blocks[line.block][0] and line.block - 1 in releases and reads_as_one(line, 3)

    def last_edition(line: HeaderLine) -> bool:  # "Wikinews Shorts: May 23, 2008" with no headline under it
        mention = edition_date(line.text, words)  # a briefing's own title with its date outranks any line under it,
        # as does an edition's whose date names no weekday ("VOA Weekly Programming Highlights: October 27, 2022"
        # over its sections' headings; not "Today's paper: Friday, July 11, 2025", a day's banner over a headline)
        return mention is not None and (words.is_generic_title(line.text[:mention.start].rstrip(" ,:"))
                                        or not words.starts_with_weekday(mention.text) or not any(
            reads_as_one(other) for other in candidates if other.number > line.number))

    chosen = _spelled_by(candidates, slug) or next((ln for ln in candidates if last_edition(ln)), None)
    # Any other dated line is no headline ("Today's paper: Friday, July 11, 2025" above one).
    candidates = [ln for ln in candidates if edition_date(ln.text, words) is None]
    def short_title(line: HeaderLine) -> bool:  # "Marine Minute": every word capitalised, no place's comma ("Borno
        # state, Nigeria" twice is a map's caption), no headline above it (a photo's short caption twice under one)
        return len(line.text.split()) >= _REPEATED_WORDS and "," not in line.text and all(
            w[:1].isupper() or not w[:1].isalpha() for w in line.text.split()) and not any(
            reads_as_one(other) for other in candidates if other.number < line.number)

    def repeated(line: HeaderLine) -> bool:  # the same words again on one of the next lines: a headline twice,
        # a short one too (not a label's line, "QUESTION: Mr. Secretary --", nor words cut off by a dash)
        return (reads_as_one(line) or short_title(line)) and not _LABELLED.match(line.text) \
            and not line.text.endswith(("-", "–", "—")) \
            and any(
            _same(line.text, other.text) for other in lines if line.number < other.number <= line.number + _REPEAT)

    tiers = (repeated, beside_dated_block, lambda ln: ln.block in releases,
             lambda ln: reads_as_one(ln) and above_date(ln), under_release, reads_as_one,
             lambda ln: not ln.text.isupper(), lambda ln: True)
    for wanted in tiers if chosen is None else ():
        chosen = next((ln for ln in candidates if wanted(ln)), None)
        if chosen is not None:
            break
    if chosen is not None and words.is_generic_title(chosen.text):
        above = next((ln for ln in candidates if ln.number < chosen.number and reads_as_one(ln)
                      and len(blocks[ln.block]) == 1 and not words.is_generic_title(ln.text)), None)
        chosen = above or chosen
    return chosen if chosen is not None else next(iter(last_resort), None)


def _same(text: str, other: str) -> bool:
    return " ".join(text.split()).casefold() == " ".join(other.split()).casefold()


def slug_words(url: str | None) -> frozenset[str]:
    """The words of the last wordy segment of an address's path ("…/us-airstrike-targets-isis-leader-in-syria/")."""
    if not url:
        return frozenset()
    address = url.split("://")[-1]  # an archive's copy: the address it copied
    path = re.sub(r"[?#].*", "", re.sub(r"^[^/]*", "", address) if "://" in url else address)
    for segment in reversed([seg for seg in path.split("/") if seg]):
        words = [w for w in re.split(r"[-_+.]+", segment.casefold())
                 if w.isalpha() and len(w) > 1 and w not in ("htm", "html")]
        if len(words) >= _SLUG_WORDS:
            return frozenset(words)
    return frozenset()


def page_name(url: str | None) -> str | None:
    """The name of a wiki's page from its address ("…/wiki/Wikinews:Water_cooler/proposals" -> "Wikinews:Water
    cooler/proposals"), or None."""
    if not url or "/wiki/" not in url:
        return None
    name = unquote(re.sub(r"[?#].*", "", url.split("/wiki/", 1)[1])).replace("_", " ").strip()
    return name or None


def _spelled_by(candidates: Sequence[HeaderLine], slug: frozenset[str]) -> HeaderLine | None:
    """The candidate whose words the address's slug spells, if it spells most of them: of several, the one that
    holds the most of the slug's words (the headline, not a name it holds: "Ambassador Randy Evans" under "Press
    Statement – U.S. Ambassador Randy Evans – Foreign Minister Asselborn's Annual Foreign Policy Speech"), then the
    one it spells best."""
    if not slug:
        return None
    best, best_score = None, (0, 0.0)
    for line in candidates:
        words = [w for w in re.findall(r"[^\W_]+", line.text.casefold().replace("’", "").replace("'", ""))
                 if not w.isdigit()]
        if len(words) < _SLUG_WORDS:
            continue
        spelled = sum(w in slug for w in words)
        share = spelled / len(words)
        if share >= _SLUG_SHARE and (len(set(words) & slug), share) > best_score:
            best, best_score = line, (len(set(words) & slug), share)
    return best


def edition_date(text: str, words: PageWords) -> DateMention | None:
    """The date of an edition's title: a short name, a colon or comma, and a full date ("Wikinews Shorts: May 23,
    2008", "Studio 7 Headlines, Monday, February 15, 2016"; no comma in the name: "Washington, DC, June 1, 2000" is a
    place, as is "Conakry, March 26, 2021"; a dash after a document's name: "Department Press Briefing – July 16,
    2019"), or a short name and the hour of the edition before its date ("VOA English Newscast 2200 UTC January 27,
    2016"; a briefing's title by its speaker, of any length: "Press Gaggle by Press Secretary Jane Roe, 5/30/2013"),
    or a document's long title in title case ("Ambassador Delawie Remarks for … in Dragash, December 22, 2015"; not a
    story's headline: "Leaders of Seven Nations Meet in Rome to Discuss Trade, 5/30/2013"); the date is the page's
    and the whole line its title."""
    mentions = words.find_dates(text)
    if not mentions or mentions[-1].end != len(text) or mentions[-1].label or not re.search(r"\d{4}$", text) \
            or words.date_line(text) is not None:  # "Conakry, March 26, 2021": a release's place and date
        return None
    head = text[:mentions[-1].start].rstrip()
    timed = _EDITION_TIME.search(head)
    if timed:  # "VOA English Newscast 2200 UTC January 27, 2016": an hour's edition, with or without a colon
        head = head[:timed.start()].rstrip()
    name = head.rstrip(":,").rstrip()
    dashed = head.rstrip(" -–—").rstrip()
    if name == head and dashed != head and words.names_document(dashed):
        name = dashed  # "Department Press Briefing – July 16, 2019": a document's name, a dash, its date
    if (name == head and not timed) or "," in name \
            or not (1 <= len(name.split()) <= _EDITION_WORDS or words.is_generic_title(name)
                    or (_title_case(name) and words.names_document(name))) \
            or not name[:1].isupper() or words.find_dates(name):
        return None
    return mentions[-1]


def _title_case(name: str) -> bool:
    """Whether the words before a title's closing date are a long title in title case ("Ambassador Delawie Remarks for
    the Vehicle Donation to the Family Health Center in Dragash"), not a caption's sentence ("Protesters … chant
    slogans during a demonstration in Benghazi")."""
    words = name.split()
    long_words = [w for w in words if w[:1].isalpha() and len(w) > 3]
    return len(words) >= _OCCASION_WORDS and bool(long_words) \
        and sum(w[0].isupper() for w in long_words) >= _TITLE_CASE_SHARE * len(long_words)


def edition_day(text: str, words: PageWords) -> str | None:
    """The month and day of an edition's title that gives no year ("Latest Developments in Ukraine: April 4" ->
    "April 4"): a short name, a colon, a month and a day, and nothing after them."""
    name, colon, day = text.rpartition(":")
    if not colon or not 1 <= len(name.split()) <= _EDITION_WORDS or not name[:1].isupper() \
            or words.month_day(day) is None:
        return None
    return day.strip()


def dated_headline(text: str, words: PageWords) -> tuple[str, DateMention] | None:
    """A headline with its date after a dash ("Leaders Meet in Islamabad - 2004-08-23"): (headline, date)."""
    mentions = words.find_dates(text)
    if not mentions or mentions[-1].end != len(text):
        return None
    head = text[:mentions[-1].start]
    stripped = head.rstrip(" -–—|")
    if stripped == head.rstrip() or len(stripped.split()) < 3 or words.find_dates(stripped):
        return None
    return stripped, mentions[-1]
