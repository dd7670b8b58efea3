"""Tests of tacitus.headline: which header line is the headline, the address's slug, a headline's own date."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tacitus.headline import best_headline, dated_headline, edition_date, edition_day, page_name, slug_words
from tacitus.pagemeta import load_page_words


@dataclass(frozen=True)
class Line:
    number: int
    block: int
    text: str


def _lines(*blocks: list[str]) -> list[Line]:
    lines = []
    for block, texts in enumerate(blocks):
        first = len(lines)
        lines.extend(Line(first + i, block, text) for i, text in enumerate(texts))
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


def test_headline_a_briefing_named_in_a_release_block_wins() -> None:
    lines = _lines(["Diplomacy in Action"], ["Jane Roe", "Daily Press Briefing", "Washington, DC", "March 3, 2016"])
    assert best_headline(lines[1:4], {4}, lines).text == "Daily Press Briefing"


def test_headline_the_signature_of_a_release_block_is_no_headline() -> None:
    lines = _lines(["Question Taken", "John Q. Public", "Deputy Spokesman, Office of Press Relations",
                    "Washington, DC", "July 6, 2010"])
    assert best_headline(lines[1:4], {4}, lines) is None


def test_headline_the_subject_under_a_release_block_wins() -> None:
    lines = _lines(["Department Seal John Q. Public, Acting Spokesman", "Excerpt from the Daily Press Briefing",
                    "Press Briefing Room", "Washington, DC, May 2, 2000"],
                   ["Coup in the Islands", "U.S. opposed to the overthrow of elected governments by force"])
    assert best_headline([*lines[:3], *lines[4:]], {3}, lines).text == "Coup in the Islands"


def test_headline_a_generic_title_gives_way_to_a_headline_above_it() -> None:
    lines = _lines(["Press secretary Jane Roe on reports of chemical weapons use"],
                   ["Briefing by the Press Secretary Jane Roe"], ["March 17, 2015"])
    assert best_headline(lines[:2], {2}, lines).text == "Press secretary Jane Roe on reports of chemical weapons use"


@pytest.mark.parametrize(("line", "briefing", "generic"), [
    ("Daily Press Briefing", True, False),
    ("Briefing by the Press Secretary Jane Roe", False, True),
    ("Statement by the Spokesperson", False, True),
    ("Statement by the Press Secretary on the Attack in the Capital", False, False),
    ("Remarks by the President at the Summit", False, False),
])
def test_headline_briefings_and_generic_titles(line: str, briefing: bool, generic: bool) -> None:
    words = load_page_words()
    assert (words.is_briefing(line), words.is_generic_title(line)) == (briefing, generic)


@pytest.mark.parametrize(("text", "expected"), [
    ("Readout of the Meeting with the Minister, on-the-record attributable to Spokesperson Jane Roe",
     "Readout of the Meeting with the Minister"),
    ("Afghan, Pakistani Leaders Meet in the Capital", "Afghan, Pakistani Leaders Meet in the Capital"),
])
def test_headline_without_its_attribution(text: str, expected: str) -> None:
    assert load_page_words().strip_attribution(text) == expected


@pytest.mark.parametrize(("text", "date"), [
    ("Wikinews Shorts: May 23, 2008", "May 23, 2008"),
    ("Studio 7 Headlines, Monday, February 15, 2016", "Monday, February 15, 2016"),
    ("Washington, DC, June 1, 2000", None),  # a place and its date
    ("Conakry, March 26, 2021", None),
    ("Leaders meet on May 3, 2015", None),
    ("Talks in the Capital Resume After a Long Pause: May 3", None),
])
def test_headline_an_edition_named_by_its_date(text: str, date: str | None) -> None:
    found = edition_date(text, load_page_words())
    assert (None if found is None else found.text) == date


def test_headline_an_edition_with_no_headline_under_it_is_the_title() -> None:
    lines = _lines(["Wikinews Shorts: May 23, 2008"], ["A compilation of brief news reports for Friday."])
    assert best_headline(lines[:1], set(), lines).text == "Wikinews Shorts: May 23, 2008"


def test_headline_an_edition_without_a_weekday_outranks_its_sections() -> None:
    lines = _lines(["VOA Weekly Programming Highlights: October 27, 2022"],
                   ["VOA's Reporting Provides U.S. and International Perspectives on Ukraine War"])
    assert best_headline(lines, set(), lines).text == "VOA Weekly Programming Highlights: October 27, 2022"


@pytest.mark.parametrize(("text", "day"), [
    ("Latest Developments in Ukraine: April 4", "April 4"),
    ("Latest Developments in Ukraine: Dec. 26", "Dec. 26"),
    ("Talks in the Capital Resume After a Long Pause: May 3", None),  # more than a short name
    ("Wikinews Shorts: May 23, 2008", None),  # a full date: an edition's date
    ("UK elections: Labour wins", None),
])
def test_headline_an_edition_named_by_its_day(text: str, day: str | None) -> None:
    assert edition_day(text, load_page_words()) == day


def test_headline_the_address_spells_the_headline_not_a_name_it_holds() -> None:
    lines = _lines(["Press Statement – U.S. Ambassador Jane Roe – Foreign Minister's Annual Policy Speech"],
                   ["Ambassador Jane Roe"])
    slug = slug_words("https://example.usembassy.gov/press-statement-u-s-ambassador-jane-roe-foreign-ministers-"
                      "annual-policy-speech/")
    assert best_headline(lines, set(), lines, slug).text.startswith("Press Statement")


def test_headline_a_dated_line_above_a_headline_is_not_the_title() -> None:
    lines = _lines(["Today's paper: Friday, July 11, 2025"], ["EU leaders agree to extend sanctions on Russia"])
    assert best_headline(lines, set(), lines).text == "EU leaders agree to extend sanctions on Russia"


def test_headline_a_release_block_under_the_site_names_is_still_one() -> None:
    lines = _lines(["U.S. Department of State"] * 3 + ["Daily Press Briefing", "Jane Roe, Spokesperson",
                                                       "Washington, DC", "May 19, 2008"], ["Aid to the Islands"])
    assert best_headline([lines[3], lines[4], lines[7]], {6}, lines).text == "Daily Press Briefing"


def test_headline_the_topics_under_a_briefing_are_not_its_title() -> None:
    lines = _lines(["Daily Press Briefing", "Jane Roe, Deputy Spokesman", "Washington, DC", "March 24, 2005"],
                   ["Announcement Regarding Upcoming Travel of the Deputy Secretary"], ["Update on Protests"])
    assert best_headline([lines[0], lines[1], lines[4], lines[5]], {3}, lines).text == "Daily Press Briefing"


def test_headline_a_masthead_above_a_release_is_not_the_title_of_its_briefing() -> None:
    lines = _lines(["The White House", "President of the United States", "Print this document"],
                   ["For Immediate Release", "Office of the Press Secretary", "April 26, 2006"],
                   ["Press Briefing by Jane Roe", "James S. Brady Briefing Room"])
    assert best_headline([lines[1], lines[6], lines[7]], {5}, lines).text == "Press Briefing by Jane Roe"


@pytest.mark.parametrize(("url", "name"), [
    ("https://en.wikinews.org/wiki/Wikinews:Water_cooler/proposals/archives/2017/December",
     "Wikinews:Water cooler/proposals/archives/2017/December"),
    ("http://en.wikinews.org/wiki/Wikinews_Shorts:_May_23%2C_2008", "Wikinews Shorts: May 23, 2008"),
    ("https://www.state.gov/remarks-to-the-press-18/", None),
    (None, None),
])
def test_headline_page_name(url: str | None, name: str | None) -> None:
    assert page_name(url) == name


@pytest.mark.parametrize(("text", "date"), [
    ("Press Gaggle by Principal Deputy Press Secretary Josh Earnest, 5/30/2013", "5/30/2013"),
    ("Press Briefing by Press Secretary Josh Earnest, 6/3/2015", "6/3/2015"),
    ("Leaders of Seven Nations Meet in Rome to Discuss Trade, 5/30/2013", None),
    # a document's long title in title case with its occasion's date; not a caption's sentence
    ("Ambassador Delawie Remarks for the Vehicle Donation to the Family Health Center in Dragash, December 22, 2015",
     "December 22, 2015"),
    ("Protesters against the Libyan leader chant slogans during a statement in Benghazi, February 26, 2011", None),
    # a document's name, a dash and its date; not a story's headline with its date after a dash
    ("Department Press Briefing – July 16, 2019", "July 16, 2019"),
    ("Excerpts of the Department Press Briefing – February 7, 2019", "February 7, 2019"),
    ("Leaders Meet in the Capital - 2004-08-23", None),
])
def test_headline_a_briefings_title_with_its_date_is_an_edition(text: str, date: str | None) -> None:
    mention = edition_date(text, load_page_words())
    assert (mention.text if mention else None) == date
