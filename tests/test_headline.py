"""Tests of tacitus.headline: which header line is the headline, the address's slug, a headline's own date."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tacitus.headline import best_headline, dated_headline, slug_words
from tacitus.pagemeta import load_page_words


@dataclass(frozen=True)
class Line:
    number: int
    block: int
    text: str


def _lines(*blocks: list[str]) -> list[Line]:
    lines = []
    for block, texts in enumerate(blocks):
        lines.extend(Line(len(lines) + i, block, text) for i, text in enumerate(texts))
    return lines


@pytest.mark.parametrize(("url", "words"), [
    ("https://example.gov/News/Article/3452128/us-airstrike-targets-isis-leader-in-eastern-syria/",
     {"us", "airstrike", "targets", "isis", "leader", "in", "eastern", "syria"}),
    ("https://example.com/a/a-13-a-2002-08-16-17-conflicting-67436232/384437.html", set()),
    ("https://example.gov/r/pa/prs/ps/2007/aug/90428.htm", set()),
    (None, set()),
])
def test_headline_slug_words(url: str | None, words: set[str]) -> None:
    assert slug_words(url) == words


def test_headline_the_line_the_address_spells_wins() -> None:
    lines = _lines(["Office of the Press Secretary"], ["Readout of the President's Call with the Prime Minister"])
    slug = slug_words("https://example.gov/readout-presidents-call-with-the-prime-minister")
    assert best_headline(lines, set(), lines, slug).text == "Readout of the President's Call with the Prime Minister"


def test_headline_a_lone_line_beside_a_dated_block_wins() -> None:
    lines = _lines(["Assistant Secretary of Public Affairs"], ["Bombings in the Capital"], ["April 16, 2010"])
    assert best_headline(lines[:2], {2}, lines).text == "Bombings in the Capital"


def test_headline_a_lone_line_below_a_release_block_wins() -> None:
    lines = _lines(["Media Note", "Jane Roe, Spokesperson", "Washington, DC", "November 30, 2006"],
                   ["Threat of Military Coup"])
    assert best_headline([lines[1], lines[4]], {3}, lines).text == "Threat of Military Coup"


@pytest.mark.parametrize(("text", "expected"), [
    ("Leaders Meet in the Capital - 2004-08-23", ("Leaders Meet in the Capital", "2004-08-23")),
    ("Leaders Meet in the Capital | May 3, 2015", ("Leaders Meet in the Capital", "May 3, 2015")),
    ("Leaders meet on May 3, 2015", None),
    ("Talks - 2004-08-23", None),
])
def test_headline_with_its_date_after_a_dash(text: str, expected: tuple[str, str] | None) -> None:
    found = dated_headline(text, load_page_words())
    assert (None if found is None else (found[0], found[1].text)) == expected
