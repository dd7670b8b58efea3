"""Tests of tacitus.pagemeta: the packaged metadata words load, bad files are refused, and the patterns built from
them read the forms pages use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.pagemeta import load_page_words

PACKAGED = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "pages" / "metadata.yaml"


def test_pagemeta_packaged_file_loads() -> None:
    words = load_page_words()
    assert words.month_number("Sept.") == 9 and words.month_number("JULY") == 7
    assert "last modified" in words.labels["updated"] and "published" in words.labels["published"]
    assert "Kyodo" in words.agencies and "ud" in words.url_date_keys


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "metadata.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  - [may]\n", "", "12 lists"),
    ("  - [june, jun]", "  - [june, jun, may]", "given twice"),
    ("updated: [updated,", "updated: [published, updated,", "both published and updated"),
    ("agencies: [AP,", "agencies: [[AP],", "list of words"),
    ("\n  routing:", "\n  wires:", "kinds"),
    ("\nurl_date_keys:", "\nurl_keys:", "unknown sections"),
    ("\nchrome:", "\nbanners:", "unknown sections"),
    ("\n  furniture:", "\n  boilerplate:", "kinds"),
    ("months:\n", "months: [\n", "."),
])
def test_pagemeta_bad_file_is_rejected(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = PACKAGED.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(DataFileError, match=message):
        load_page_words(_write(tmp_path, text.replace(old, new, 1)))


@pytest.mark.parametrize(("line", "dates"), [
    ("April 4, 2017 / 11:44 PM / 5 months ago", [("April 4, 2017", None)]),
    ("18 Mar 2014 - 4:18", [("18 Mar 2014", None)]),
    ("Fri, 01/15/2010 - 01:55", [("Fri, 01/15/2010", None)]),
    ("Last modified: 13 May, 2023, 12:31 pm", [("13 May, 2023", "updated")]),
    ("Published: Nov. 7, 2013 | Updated: Nov. 9, 2013", [("Nov. 7, 2013", "published"), ("Nov. 9, 2013", "updated")]),
    ("2015-04-30T15:00:00+09:00", [("2015-04-30", None)]),
    ("Leaders meet on May 3, 2015", None),
    ("Home News World date 2017-04-04", None),
    ("Washington, DC, June 1, 2000", [("June 1, 2000", None)]),
    ("For Immediate Release   September 10, 2009", [("September 10, 2009", "published")]),
    ("By Jane RoeMay 31, 2011", None),
    ("1:30 PM10/19/2020", [("10/19/2020", None)]),  # a search result's time glued before its date
    ("10:38 AM - Oct. 14, 2020", [("Oct. 14, 2020", None)]),
    ("Meeting at 10:38 Oct. 14, 2020 in Rome", None),
    ("NEWS | July 25, 2023", [("July 25, 2023", "published")]),  # a Defense Department site's kind and date
    ("06/26/2013 03:16 PM CDT", [("06/26/2013", None)]),
    ("07.24.2008", [("07.24.2008", None)]),  # dotted, month first (DVIDS)
    ("Posted: 02.08.2019 13:18", [("02.08.2019", "published")]),
    ("Version 1.2.2019.4", None),  # a number's parts, not a date
    ("PRESS RELEASE | Jan. 28, 2026", [("Jan. 28, 2026", "published")]),  # a newsroom's kind and date
])
def test_pagemeta_date_line(line: str, dates: list[tuple[str, str | None]] | None) -> None:
    found = load_page_words().date_line(line)
    assert (None if found is None else [(m.text, m.label) for m in found]) == dates


@pytest.mark.parametrize(("text", "place", "day", "agency"), [
    ("TOKYO, Jan. 14 Kyodo - Japan said", "TOKYO", "Jan. 14", "Kyodo"),
    ("Feb. 21 (UPI) -- The U.S. said", None, "Feb. 21", "UPI"),
    ("WASHINGTON, May 3 (Reuters) - Officials said", "WASHINGTON", "May 3", "Reuters"),
    ("KYIV, Ukraine (AP) — Officials said", "KYIV", None, "AP"),
])
def test_pagemeta_dateline(text: str, place: str | None, day: str | None, agency: str | None) -> None:
    found = load_page_words().dateline(text)
    assert (found.place, found.day, found.agency) == (place, day, agency)


@pytest.mark.parametrize(("text", "place", "day", "year"), [
    ("WASHINGTON, Nov. 9, 2017 — The secretary met", "WASHINGTON", "Nov. 9", 2017),
    ("TAMPA, Fla., Sept. 24, 2014 — U.S. forces struck", "TAMPA", "Sept. 24", 2014),
    ("JUL 19 -- BROOKLYN, NY (July 19, 2007) – A trafficker was", "BROOKLYN", "July 19", 2007),
    ("TOKYO, Jan. 14 Kyodo - Japan said", "TOKYO", "Jan. 14", None),
    ("DHAKA, SEPTEMBER 20, 2017: The United States announced", "DHAKA", "SEPTEMBER 20", 2017),
])
def test_pagemeta_dateline_with_year(text: str, place: str, day: str, year: int | None) -> None:
    found = load_page_words().dateline(text)
    assert (found.place, found.day, found.year) == (place, day, year)


@pytest.mark.parametrize("text", [
    "WARNING: The United States announced",  # a colon makes a dateline only after a day's date
    "NOTE: Sept. 4 is the deadline",
])
def test_pagemeta_colon_without_a_date_is_no_dateline(text: str) -> None:
    assert load_page_words().dateline(text) is None


@pytest.mark.parametrize(("line", "contact"), [
    ("TEL: 880-2-5566-2000", True),
    ("E-MAIL: pressoffice@example.gov", True),
    ("Media contact: Jane Roe, 202-555-0100", True),
    ("Contact: The Office of the Spokesperson, 202-647-2492 or press@example.gov, for more", False),  # too long
    ("Phone:", False),
    ("Website traffic rose after the minister spoke", False),
])
def test_pagemeta_contact_lines(line: str, contact: bool) -> None:
    assert load_page_words().is_contact(line) is contact


@pytest.mark.parametrize(("line", "mark"), [("FOR IMMEDIATE RELEASE", True), ("Media Advisory", True),
                                            ("News", False), ("Statement", False)])
def test_pagemeta_release_marks(line: str, mark: bool) -> None:
    words = load_page_words()
    assert words.is_release_mark(line) is mark
    assert not mark or words.is_furniture(line)  # a release's mark is its furniture too


def test_pagemeta_glued_date_is_found() -> None:
    assert [m.text for m in load_page_words().find_dates("By Jane RoeMay 31, 2011")] == ["May 31, 2011"]


@pytest.mark.parametrize(("line", "chrome", "furniture"), [
    ("An official website of the United States government Here's how you know", True, False),
    ("This is historical material “frozen in time”. The website is no longer updated.", True, False),
    ("For Immediate Release", False, True),
    ("Office of the Press Secretary", False, True),
    ("U.S. Embassy Statement", False, False),
    ("U.S. Department of State - Great Seal", False, True),
    ("U.S. Department of State - Talks in Geneva", False, False),
    ("United States Department of Defense United States Department of Defense", False, True),
    ("Department of Defense Talks Department of Defense Talks", False, False),
    ("Department of Justice SealDepartment of Justice", False, True),  # the logo's text glued to the name
    ("Seal Team Six Returns Home", False, False),
    ("Printer-Friendly Version", True, False),
    ("Voice of America Trusted Source of News & Information since 1942", True, False),  # VOA's masthead
    ("News in 45 Languages", True, False),
    ("Voice of America ®", False, True),  # a name's trademark sign is no word of it
    ("Release Number 20240903 - 01", False, True),  # a release's number after its label
    ("Voice of America Studio 7", False, True),  # a name's own number stays
    ("Statement on Resolution 2334", False, False),
])
def test_pagemeta_chrome_and_furniture(line: str, chrome: bool, furniture: bool) -> None:
    words = load_page_words()
    assert (words.is_chrome(line), words.is_furniture(line)) == (chrome, furniture)


@pytest.mark.parametrize(("line", "navigation", "promo", "routing"), [
    ("Home News World Politics Sport", True, False, False),
    ("Top News | World News | Odd News | Entertainment", True, False, False),
    ("What’s on your Fall #CTBucketList?", False, True, False),
    ("VZCZCXRO5610 OO RUEHFK RUEHKSO DE RUEHKO #0087/01 0150155 ZNY CCCCC ZZH", False, True, True),
    ("Leaders meet in Washington", False, False, False),
    ("Home Issues & Press Travel & Business Countries Youth & Education Careers About State Video", True, False,
     False),
    ("News, commentary, photos, Sequestration, budget", True, False, False),
    ("Washington, DC, June 1, 2000", False, False, False),
    ("Kenya, Uganda, Tanzania Sign Trade Deal", False, False, False),
    ("Inside VOA | Contact VOA News", True, False, False),  # two links between bars
    ("Press Release | Aug. 7, 2024", False, False, False),  # a kind and its date
    ("Live Streams:  Latest Newscast |  Africa Live |  Global Live", True, False, False),  # a menu under its name
    ("Remarks by President Biden in Press Gaggle | Dover, DE", False, False, False),
    ("HomeNewsMarine Minute Audio", True, False, False),  # a breadcrumb glued into one word
    ("Legacy HomepagePhotosPhoto Gallery", True, False, False),
    ("PlayStation Sales Soar in Japan", False, False, False),  # one glue, no breadcrumb
    ("Photo Information", True, False, False),  # the heading of a photo's block above a story
])
def test_pagemeta_lines_that_are_not_headlines(line: str, navigation: bool, promo: bool, routing: bool) -> None:
    words = load_page_words()
    assert (words.is_navigation(line), words.is_promo(line), words.is_routing(line)) == (navigation, promo, routing)


@pytest.mark.parametrize(("line", "credit"), [
    ("Audio by Lance Cpl. Troy Saunders", True),
    ("Story by Maj. Christopher LeCron", True),
    ("Photo of Donald Trump", True),  # an image's alternative text
    ("Photo by the sea", False),  # no name after it
    ("Photo of the Week Shows Sailors Returning Home From a Long Deployment to the Middle East", False),
])
def test_pagemeta_credit_lines(line: str, credit: bool) -> None:
    words = load_page_words()
    assert words.is_credit(line) is credit
    assert words.is_credit(line, makers=True) is (credit and " by " in line)  # "Photo of …" is an image's text


@pytest.mark.parametrize(("line", "section", "document"), [
    ("Introduction", True, False),
    ("Executive Summary", True, False),
    ("Introduction of New Bill Delayed", False, False),
    ("Ambassador Delawie Remarks for the Vehicle Donation", False, True),
    ("Leaders of Seven Nations Meet in Rome to Discuss Trade", False, False),
])
def test_pagemeta_section_headings_and_documents(line: str, section: bool, document: bool) -> None:
    words = load_page_words()
    assert (words.is_section_heading(line), words.names_document(line)) == (section, document)


@pytest.mark.parametrize(("line", "heading"), [
    ("Tag Archives: deployed", True),
    ("All articles from: February, 2017", True),
    ("Archive: May 16, 2014", True),
    ("Entries in Press Briefing Room (1)", True),
    ("Archives", True),
    ("Archive reveals secret talks", False),
    ("Archived embassy statement", False),
    ("Secretary Donley visits deployed servicemembers", False),
    ("Tag: Pentagon", True),
    ("Tag team wins the title", False),
    ("Press Releases for May 2007", True),
])
def test_pagemeta_listing_heading(line: str, heading: bool) -> None:
    assert load_page_words().is_listing_heading(line) is heading


@pytest.mark.parametrize(("line", "more"), [
    ("Read More»", True),
    ("Read more >", True),
    ("… to encourage a swift resolution to the conflict. I thank President Al Sisi and the ... Read More»", True),
    ("… to prevent violence between Lebanese and Syrian youth. More", True),
    ("Officials said they want more", False),
    ("There is much more to learn", False),
])
def test_pagemeta_teaser_links(line: str, more: bool) -> None:
    assert load_page_words().ends_with_more_link(line) is more


@pytest.mark.parametrize(("url", "home"), [
    ("http://www.africom.mil/", True),
    ("https://www.state.gov/?_ref=r2zyzhd3pt0", True),
    ("https://example.gov/?utm_source=feed&utm_medium=rss", True),
    ("http://en.wikiactu.com/?cat=426", False),  # a category's page
    ("https://www.dsca.mil/node?page=58", False),
    ("https://example.gov/news/story-title/", False),
    (None, False),
])
def test_pagemeta_home_address(url: str | None, home: bool) -> None:
    assert load_page_words().is_home_address(url) is home


def test_pagemeta_agency_date_line_and_url_dates() -> None:
    words = load_page_words()
    assert words.agency_date_line("Jiji -- Apr 06") == "Apr 06" and words.agency_date_line("Jiji Press") is None
    assert words.url_compact_dates("https://example.org/view.php?ud=20151228000872") == ["20151228"]
    assert words.url_compact_dates("https://example.org/2017092992527/") == ["20170929"]
    assert words.url_compact_dates("https://example.org/article/3452128/") == []
    assert words.url_compact_dates("https://example.org/news/20170929/") == ["20170929"]
    assert words.url_compact_dates("https://example.gov/Photos/igphoto/2002031408/") == []  # a counter
    assert words.url_named_dates("https://example.org/mar-10-2022-aid") == [(2022, 3, 10)]
    assert words.url_named_dates("https://example.org/a/warmup-23feb10-85066887/1.html") == [(2010, 2, 23)]
    assert words.url_named_dates("https://example.org/ps/2007/aug/90428.htm") == [(2007, 8, None)]


@pytest.mark.parametrize(("url", "paged"), [
    ("https://obamawhitehouse.archives.gov/taxonomy/term/16?page=641", True),
    ("https://www.marforpac.marines.mil/Media-Room/Pacific-Marines-Stories/?Page=5", True),
    ("https://www.africom.mil/Search?pagenumber=74&query=Command", True),
    ("https://example.gov/news?page=all", False),  # not a number
    ("https://blogs.example.gov/music/page/4/", False),  # a blog's page shows its posts in full
    ("https://example.gov/news/story-title/?utm_source=feed", False),
    (None, False),
])
def test_pagemeta_paged_address(url: str | None, paged: bool) -> None:
    assert load_page_words().is_paged_address(url) is paged


@pytest.mark.parametrize(("url", "listing", "archive"), [
    ("https://voazimbabwe.com/z/5340/2018/9/26", True, False),  # a VOA section's stories of one day
    ("https://blogs.voanews.com/us-opinion/tag/mali/", False, True),
    ("https://example.blogspot.com/search/label/SECRETARY%20OF%20STATE%20KERRY?max-results=20", False, True),
    ("https://statemag.state.gov/category/july-2022/?filter_by=random_posts", False, True),
    ("https://web.archive.org/web/2016/http://example.gov/author/jane-roe/", False, True),
    ("https://example.org/news/tag", False, False),  # the segment must name a tag, a category
    ("https://www.voanews.com/a/tag-team-wins/123456.html", False, False),  # a slug that starts like one
    ("https://en.wikinews.org/wiki/Wikinews:Water_cooler/proposals/archives/2017/December", False, False),
    (None, False, False),
])
def test_pagemeta_listing_and_archive_addresses(url: str | None, listing: bool, archive: bool) -> None:
    words = load_page_words()
    assert (words.is_listing_address(url), words.is_archive_address(url)) == (listing, archive)
