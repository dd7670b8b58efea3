"""Which line of a page's header is the story's headline, among the lines that may be one (`tacitus.clean` tells
those apart from menus, bylines, promotions and the like): the one the page's address spells, one standing alone
beside a date line's block, else the first that reads as one; and a headline's own date after a dash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from .pagemeta import DateMention, PageWords

__all__ = ["HeaderLine", "best_headline", "dated_headline", "slug_words"]

# A headline's date line stands at most this many lines below it (a repeated headline, a kicker, an author between).
_DATE_BELOW = 4
# An address's slug names a headline when it has this many words and spells this share of a line's words.
_SLUG_WORDS = 3
_SLUG_SHARE = 0.6


class HeaderLine(Protocol):
    """A line of the page as `tacitus.clean` reads it: its number, its block (lines between blank lines) and text."""

    number: int
    block: int
    text: str


def best_headline(candidates: Sequence[HeaderLine], dated: set[int], lines: Sequence[HeaderLine],
                   slug: frozenset[str] = frozenset()) -> HeaderLine | None:
    """The headline among short header lines (`dated`: the numbers of the date lines).

    In order: the line the page's address spells ("…/us-airstrike-targets-isis-leader/"); a line standing alone
    in its block next to the block of a date line (above a byline, or below a release's "Name / Place / Date"
    block); the first that reads as one and stands just above a date line; the first that reads as one;
    mastheads and section names (all capitals, few words) last."""
    def reads_as_one(line: HeaderLine, least: int = 4) -> bool:
        return len(line.text.split()) >= least and not line.text.isupper()

    blocks: dict[int, list[HeaderLine]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)

    def beside_dated_block(line: HeaderLine) -> bool:
        if len(blocks[line.block]) != 1 or not reads_as_one(line, 3):
            return False
        after, before = blocks.get(line.block + 1, []), blocks.get(line.block - 1, [])
        return any(ln.number in dated for ln in after) or bool(before and before[-1].number in dated)

    spelled = _spelled_by(candidates, slug)
    if spelled is not None:
        return spelled
    for wanted in (beside_dated_block,
                   lambda ln: reads_as_one(ln) and any(ln.number < n <= ln.number + _DATE_BELOW for n in dated),
                   reads_as_one, lambda ln: not ln.text.isupper(), lambda ln: True):
        found = next((ln for ln in candidates if wanted(ln)), None)
        if found is not None:
            return found
    return None


def slug_words(url: str | None) -> frozenset[str]:
    """The words of the last wordy segment of an address's path ("…/us-airstrike-targets-isis-leader-in-syria/")."""
    if not url:
        return frozenset()
    path = re.sub(r"[?#].*", "", re.sub(r"^[a-z]+://[^/]+", "", url.split("://")[-1] if "://" in url else url))
    for segment in reversed([seg for seg in path.split("/") if seg]):
        words = [w for w in re.split(r"[-_+.]+", segment.casefold())
                 if w.isalpha() and len(w) > 1 and w not in ("htm", "html")]
        if len(words) >= _SLUG_WORDS:
            return frozenset(words)
    return frozenset()


def _spelled_by(candidates: Sequence[HeaderLine], slug: frozenset[str]) -> HeaderLine | None:
    """The candidate whose words the address's slug spells best, if it spells most of them."""
    if not slug:
        return None
    best, best_share = None, 0.0
    for line in candidates:
        words = [w for w in re.findall(r"[^\W_]+", line.text.casefold().replace("’", "").replace("'", ""))
                 if not w.isdigit()]
        if len(words) < _SLUG_WORDS:
            continue
        share = sum(w in slug for w in words) / len(words)
        if share > best_share:
            best, best_share = line, share
    return best if best_share >= _SLUG_SHARE else None


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
