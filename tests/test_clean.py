"""Tests of tacitus.clean: page chrome, metadata forms, speaker lines, whitespace and the offset map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tacitus.clean import CleanDoc, SpeakerTurn, clean
from tacitus.errors import DocumentRejected
from tacitus.sources import RawDoc, iter_documents

SHARED = Path(__file__).resolve().parents[2] / "shared"
BODY = ("Prime Minister Taro Example met President Jane Sample in Washington on Tuesday to discuss "
        "trade, security and the alliance between the two countries.")
BODY2 = "The two leaders agreed to meet again in Tokyo before the end of the year, officials said."


def text_doc(text: str, **meta: str) -> RawDoc:
    return RawDoc("doc", "test.txt", text, None, tuple(meta.items()))


def cleaned(text: str, **options) -> CleanDoc:
    return clean(text_doc(text), **options)


def assert_maps_back(doc: CleanDoc, original: str) -> None:
    for word in re.finditer(r"\S+", doc.text):
        at = doc.to_original(word.start())
        assert original[at:at + len(word.group())] == word.group()


# --- Page chrome --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("chrome", [
    "print PRINT", "Print", "Share Button", "Share this", "Share this article", "Tweet", "Email",
    "Share  Tweet  Email", "Facebook | Twitter | WhatsApp",
    "INTERNATIONAL > East Asia & Pacific", "Home › World", "News » Politics » Asia",
    "Read more", "Read more: Leaders gather in Berlin", "Read the full story", "Continue reading",
    "(Photo: Reuters)", "Photo by John Smith/Reuters", "Photo: Jane Roe", "Some caption text (AP Photo/Jane Roe)",
    "Leaders pose for a photo. (Photo by Jane Roe/Getty Images)", "Getty Images",
    "FILE - In this May 3, 2015 photo, leaders shake hands in Washington.",
    "[ad_1]", "![The leaders](https://example.org/leaders.jpg)", "https://example.org/news/123",
    "www.example.org/news", "Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Subscribe", "Subscribe now for unlimited access", "Sign up for our newsletter",
    "Get the news every morning: sign up for our free daily newsletter", "By Jane Doe",
    "By Jane Doe and John Roe", "By JANE DOE | Staff Writer", "© 2015 Example Media. All rights reserved.",
])
def test_clean_removes_chrome_line(chrome: str) -> None:
    doc = cleaned(f"{chrome}\n\n{BODY}\n\n{chrome}\n\n{BODY2}\n\n{chrome}\n")
    assert doc.text == f"{BODY}\n\n{BODY2}"


@pytest.mark.parametrize("marker", ["[ad_1]", "[ad_2]", "![photo](https://example.org/a.jpg)", "(Photo: Kyodo)"])
def test_clean_removes_inline_markers_from_a_paragraph(marker: str) -> None:
    original = f"{BODY} {marker} {BODY2}"
    doc = cleaned(original)
    assert doc.text == f"{BODY} {BODY2}"
    assert_maps_back(doc, original)


@pytest.mark.parametrize("heading", ["MORE NEWS", "Latest Headlines", "Related articles", "Most Popular",
                                     "Related Stories:", "You may also like"])
def test_clean_removes_link_block_after_heading(heading: str) -> None:
    original = (f"{BODY}\n\n{heading}\n\nJapan and China hold talks\n\nMarkets fall in Asia\n"
                "Minister resigns over funding scandal\n\n"
                "Officials later said that the talks had gone well and would continue next month.")
    doc = cleaned(original)
    assert doc.text == f"{BODY}\n\nOfficials later said that the talks had gone well and would continue next month."


def test_clean_trailing_bullets_become_tags() -> None:
    doc = cleaned(f"{BODY}\n\n{BODY2}\n\n  • Ambassador\n  • G7 Summit\n  • Ukraine")
    assert doc.tags == ("Ambassador", "G7 Summit", "Ukraine")
    assert doc.text == f"{BODY}\n\n{BODY2}"


def test_clean_tags_line_becomes_tags() -> None:
    doc = cleaned(f"{BODY}\n\nTags: Japan, United States; Trade\n")
    assert doc.tags == ("Japan", "United States", "Trade")
    assert doc.text == BODY


def test_clean_long_trailing_bullets_are_links_not_tags() -> None:
    link = "Japan and China agree to hold new round of security talks in Beijing next week"
    doc = cleaned(f"{BODY}\n\n• {link}\n• Trade")
    assert doc.tags == ("Trade",)
    assert doc.text == BODY


def test_clean_bullets_inside_the_article_are_kept() -> None:
    doc = cleaned(f"{BODY}\n\n• First, tariffs will be cut.\n• Second, visas will be eased.\n\n{BODY2}")
    assert doc.text == f"{BODY}\n\nFirst, tariffs will be cut.\n\nSecond, visas will be eased.\n\n{BODY2}"


# --- Metadata -----------------------------------------------------------------------------------------------

def test_clean_first_short_line_is_the_title() -> None:
    doc = cleaned(f"Leaders agree to deepen alliance\n\n{BODY}")
    assert (doc.title, doc.text) == ("Leaders agree to deepen alliance", BODY)


def test_clean_sentence_first_line_is_not_a_title() -> None:
    doc = cleaned(f"{BODY}\n\n{BODY2}")
    assert doc.title is None and doc.text == f"{BODY}\n\n{BODY2}"


def test_clean_title_needs_text_after_it() -> None:
    doc = cleaned("Leaders agree to deepen alliance")
    assert doc.title is None and doc.text == "Leaders agree to deepen alliance"


def test_clean_hinted_title_line_is_removed() -> None:
    doc = clean(text_doc(f"THE DAILY EXAMPLE\n\nLeaders meet\n\n{BODY}", title="Leaders meet"))
    assert doc.title == "Leaders meet" and doc.text == BODY


def test_clean_masthead_above_headline_is_dropped() -> None:
    doc = cleaned(f"THE DAILY EXAMPLE\n\nLeaders agree to deepen alliance\n\n{BODY}")
    assert (doc.title, doc.text) == ("Leaders agree to deepen alliance", BODY)


def test_clean_release_letterhead_and_contact_lines_are_no_headline_or_text() -> None:
    # an embassy's press release: its letterhead, its contact block, then the dateline with the day's date
    page = ("EMBASSY OF THE UNITED STATES OF AMERICA\nPUBLIC AFFAIRS SECTION\nTEL: 880-2-5566-2000\n"
            "FAX: 880-2-9881677, 9885688\nE-MAIL: pressoffice@example.gov\nWEBSITE: example.gov/\n"
            f"DHAKA, SEPTEMBER 20, 2017: {BODY}\n{BODY2}\n")
    doc = cleaned(page)
    assert (doc.title, doc.published, doc.dateline, doc.text) == (None, "2017-09-20", "DHAKA", f"{BODY}\n\n{BODY2}")


def test_clean_a_release_date_under_its_furniture_is_no_banner() -> None:
    # a department's release: its seal's text glued to its name, the release's furniture and date, a phone line,
    # then the headline
    page = ("Department of Justice SealDepartment of Justice\nFOR IMMEDIATE RELEASE\nWednesday, December 31, 2008\n"
            "(202) 514-2007\n\nLeaders agree to deepen alliance\n\n"
            f"WASHINGTON – {BODY}\n\n{BODY2}\n")
    doc = cleaned(page)
    assert (doc.title, doc.published, doc.dateline) == ("Leaders agree to deepen alliance", "2008-12-31", "WASHINGTON")
    # weak evidence: an address that dates the release otherwise overrules it
    doc = clean(text_doc(page, url="https://www.example.gov/news/2008/12/30/leaders-agree.html"))
    assert doc.published == "2008-12-30"


def test_clean_a_photo_page_is_its_credited_caption_once() -> None:
    caption = ("Soldiers attack simulated enemy combatants during a multinational exercise at a training area in "
               "Hohenfels, Germany, Aug. 14, 2016. Army photo by Pvt. Jane Roe")
    doc = cleaned(f"Photos\n\n{caption}\n\nRaining Fire\n\n{caption}\n\nPhoto Gallery\n")
    assert doc.text.startswith(caption) and doc.text.count("Soldiers attack") == 1


def test_clean_a_photo_block_above_the_headline_and_a_date_with_its_author() -> None:
    caption = ("U.S. Marines fire a machine gun during a live fire exercise at Punta Baja, Palawan, Philippines, "
               "July 15, 2023. The exercise is a bilateral one between the two armed forces.")
    page = (f"Photo Information\n\n{caption}\n\nPhoto by Lance Cpl. Jane Roe\n\n"
            "Pacific-focused, globally ready: the division’s impact reinforces ‘no better friend’\n\n"
            f"16 Aug 2023 | Capt. John Q. Public 1st Marine Division\n\n{BODY}\n")
    doc = cleaned(page)
    assert (doc.title, doc.published) == (
        "Pacific-focused, globally ready: the division’s impact reinforces ‘no better friend’", "2023-08-16")
    assert doc.text == BODY


def test_clean_a_note_above_a_reposted_release_is_not_its_text() -> None:
    page = ("Official readout: this is an unedited readout sent to the press by email, which we host here as a source.\n"
            "\nOffice of the Press Secretary\n\nApril 17, 2017\n\nReadout of the President's Call with the Prime "
            f"Minister of Example\n\n{BODY}\n")
    doc = cleaned(page)
    assert (doc.title, doc.published, doc.text) == (
        "Readout of the President's Call with the Prime Minister of Example", "2017-04-17", BODY)


def test_clean_a_video_credit_marks_a_caption_whose_date_is_the_events() -> None:
    doc = cleaned(" date 2025-05-05 NORFOLK, Va. (May 6, 2025) - The guided missile destroyer USS Example departs "
                  "Naval Station Norfolk for a scheduled deployment to the U.S. 5th Fleet area of operations. "
                  "(U.S. Navy video by Mass Communication Specialist 2nd Class Jane Roe)\n")
    assert (doc.title, doc.published) == (None, None)


@pytest.mark.parametrize(("line", "outlet", "published", "page"), [
    ("(Yomiuri: May 16, 2015 – p. 2)", "Yomiuri", "2015-05-16", "2"),
    ("(Asahi: April 30, 2015 – p. 4)", "Asahi", "2015-04-30", "4"),
    ("(Mainichi Shimbun, June 1, 2016)", "Mainichi Shimbun", "2016-06-01", None),
    ("(Nikkei: Dec. 3, 2014 - page 5)", "Nikkei", "2014-12-03", "5"),
])
def test_clean_reads_source_line(line: str, outlet: str, published: str, page: str | None) -> None:
    doc = cleaned(f"Leaders meet\n\n{line}\n\n{BODY}")
    assert (doc.outlet, doc.published, doc.page, doc.text) == (outlet, published, page, BODY)


@pytest.mark.parametrize(("bullets", "outlet", "published"), [
    ("  • 2015-04-30 15:00:00\n  • , Asahi\n  • Translation", "Asahi", "2015-04-30"),
    ("  • October 20, 2016\n  • , All TV networks\n  • JMH Summary", "All TV networks", "2016-10-20"),
    ("  • Jane Doe, Example Times", "Example Times", None),
])
def test_clean_reads_header_bullets(bullets: str, outlet: str, published: str | None) -> None:
    doc = cleaned(f"Leaders meet\n\n{bullets}\n\n{BODY}")
    assert (doc.outlet, doc.published, doc.text, doc.tags) == (outlet, published, BODY, ())


@pytest.mark.parametrize("line", ["May 3, 2015", "Published: May 3, 2015", "Updated 2015-05-03 10:00 JST",
                                  "Sunday, May 3, 2015", "3 May 2015"])
def test_clean_reads_date_line_under_title(line: str) -> None:
    doc = cleaned(f"Leaders meet in Washington\n{line}\n\n{BODY}")
    assert (doc.published, doc.text) == ("2015-05-03", BODY)


def test_clean_site_banner_date_loses_to_article_date() -> None:
    doc = cleaned(f"Sunday, November 29, 2026\n\nTHE DAILY EXAMPLE\n\nLeaders meet in Washington\n\n"
                  f"May 3, 2015\n\n{BODY}")
    assert (doc.published, doc.title, doc.text) == ("2015-05-03", "Leaders meet in Washington", BODY)


def test_clean_site_banner_date_loses_to_source_line() -> None:
    doc = cleaned(f"Sunday, November 29, 2026\n\nLeaders meet\n\n(Yomiuri: May 16, 2015 – p. 2)\n\n{BODY}")
    assert doc.published == "2015-05-16"


def test_clean_site_banner_date_alone_is_not_the_date() -> None:
    doc = cleaned(f"Sunday, November 29, 2026\n\nLeaders meet in Washington\n\n{BODY}")
    assert (doc.published, doc.published_source, doc.text) == (None, "none", BODY)


@pytest.mark.parametrize(("prefix", "place", "outlet"), [
    ("TOKYO (Kyodo) -- ", "TOKYO", "Kyodo"),
    ("WASHINGTON, May 3 (Reuters) - ", "WASHINGTON", "Reuters"),
    ("KYIV, Ukraine (AP) — ", "KYIV, Ukraine", "AP"),
    ("NEW DELHI – ", "NEW DELHI", None),
])
def test_clean_reads_dateline(prefix: str, place: str, outlet: str | None) -> None:
    original = f"Leaders meet\n\n{prefix}{BODY}\n\n{BODY2}"
    doc = cleaned(original)
    assert (doc.dateline, doc.outlet, doc.text) == (place, outlet, f"{BODY}\n\n{BODY2}")
    assert_maps_back(doc, original)


def test_clean_dateline_agency_does_not_replace_page_outlet() -> None:
    doc = cleaned(f"Leaders meet\n\n(Yomiuri: May 16, 2015 – p. 2)\n\nTOKYO (Kyodo) -- {BODY}")
    assert doc.outlet == "Yomiuri"


@pytest.mark.parametrize(("dateline", "other", "published"), [
    ("WASHINGTON, May 3 (Reuters) - ", "Sunday, May 1, 2015", "2015-05-03"),
    ("WASHINGTON, Dec. 30 (Reuters) - ", "Friday, January 2, 2015", "2014-12-30"),
    ("WASHINGTON, May 3 (Reuters) - ", None, None),
])
def test_clean_dateline_date_takes_year_from_other_metadata(dateline: str, other: str | None,
                                                            published: str | None) -> None:
    banner = f"{other}\n\n" if other else ""
    doc = cleaned(f"{banner}Leaders meet in Washington\n\n{dateline}{BODY}")
    assert doc.published == published


def test_clean_published_override_wins() -> None:
    doc = cleaned(f"Leaders meet\n\n(Yomiuri: May 16, 2015 – p. 2)\n\n{BODY}", published="2020-01-02")
    assert doc.published == "2020-01-02"


def test_clean_published_override_must_be_a_date() -> None:
    with pytest.raises(ValueError, match="published"):
        cleaned(BODY, published="someday")


def test_clean_jsonl_hints_are_used() -> None:
    doc = clean(text_doc(BODY, title="Leaders meet", outlet="Example Times", url="https://example.org/1",
                         published="May 3, 2015"))
    assert (doc.title, doc.outlet, doc.url, doc.published) == (
        "Leaders meet", "Example Times", "https://example.org/1", "2015-05-03")


# --- Speaker lines ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "speakers", "said"), [
    ("Abe: We will work together.", ("Abe",), "We will work together."),
    ("Obama, Abe: We will exercise leadership.", ("Obama", "Abe"), "We will exercise leadership."),
    ("Obama and Abe: We agree.", ("Obama", "Abe"), "We agree."),
    ("Prime Minister Shinzo Abe: My visit is historic.", ("Prime Minister Shinzo Abe",), "My visit is historic."),
    ("President Barack Obama: I thank the prime minister.", ("President Barack Obama",),
     "I thank the prime minister."),
])
def test_clean_speaker_line_becomes_turn(line: str, speakers: tuple[str, ...], said: str) -> None:
    original = f"{BODY}\n\n {line}\n\n{BODY2}"
    doc = cleaned(original)
    assert doc.text == f"{BODY}\n\n{said}\n\n{BODY2}"
    (turn,) = doc.speakers
    assert turn.speakers == speakers and doc.text[turn.start:turn.end] == said
    assert_maps_back(doc, original)


@pytest.mark.parametrize("line", [
    "Note: The figures are preliminary.",
    "Update: The meeting was moved to Friday.",
    "Editor's Note: This story has been corrected.",
    "Following is the gist of the summit held in Washington on April 28:",
    "At 10:30 the two leaders met again.",
    "10:30: The leaders met again.",
    "The President said: We will act.",
    "One Two Three Four Five Six Seven: too many words for a name.",
])
def test_clean_other_colon_lines_are_not_speakers(line: str) -> None:
    doc = cleaned(f"{BODY}\n\n{line}\n\n{BODY2}")
    assert doc.speakers == () and line in doc.text


def test_clean_speaker_turn_covers_the_whole_paragraph() -> None:
    doc = cleaned(f"{BODY}\n\nAbe: We will work\ntogether on this.\n\n{BODY2}")
    (turn,) = doc.speakers
    assert doc.text[turn.start:turn.end] == "We will work together on this."


# --- Whitespace and offsets ---------------------------------------------------------------------------------

def test_clean_paragraphs_are_separated_by_one_blank_line() -> None:
    doc = cleaned(f"\n\n  {BODY}  \n\n\n\n\t{BODY2}\n\n\n")
    assert doc.text == f"{BODY}\n\n{BODY2}"


def test_clean_joins_paragraph_broken_mid_sentence() -> None:
    original = f"{BODY}\n\nAbe said the number of intrusions by foreign aircraft\n\n\u00a0 is increasing.\n\n{BODY2}"
    doc = cleaned(original)
    assert doc.text == f"{BODY}\n\nAbe said the number of intrusions by foreign aircraft is increasing.\n\n{BODY2}"
    assert_maps_back(doc, original)


def test_clean_joins_hard_wrapped_lines() -> None:
    original = ("The prime minister told reporters on Monday that the government\n"
                "would respond firmly to the missile launch.\n\nA second paragraph follows here.")
    doc = cleaned(original)
    assert doc.text == ("The prime minister told reporters on Monday that the government would respond firmly "
                        "to the missile launch.\n\nA second paragraph follows here.")


def test_clean_keeps_one_paragraph_per_line_without_blank_lines() -> None:
    doc = cleaned(f"{BODY}\n{BODY2}\nShort heading\nThe talks will resume in June.")
    assert doc.text == f"{BODY}\n\n{BODY2}\n\nShort heading\n\nThe talks will resume in June."


def test_clean_collapses_spaces_and_keeps_characters() -> None:
    original = "Abe   said \u201cno\u201d\tto the\u00a0plan and   left  Tokyo’s summit early."
    doc = cleaned(original)
    assert doc.text == "Abe said \u201cno\u201d to the\u00a0plan and left Tokyo’s summit early."
    assert_maps_back(doc, original)


def test_clean_handles_crlf() -> None:
    original = f"Leaders meet\r\n\r\n{BODY}\r\n\r\n{BODY2}\r\n"
    doc = cleaned(original)
    assert (doc.title, doc.text) == ("Leaders meet", f"{BODY}\n\n{BODY2}")
    assert_maps_back(doc, original)


def test_clean_to_original_round_trips_each_paragraph() -> None:
    original = (f"print PRINT\n\nLeaders meet\n\n  • 2015-04-30 15:00:00\n  • , Asahi\n\n"
                f"TOKYO (Kyodo) -- {BODY}\n\n Abe: {BODY2}\n\nAdvertisement\n\n{BODY}\n\n  • Trade")
    doc = cleaned(original)
    for paragraph in re.finditer(r"[^\n]+", doc.text):
        at = doc.to_original(paragraph.start())
        assert original[at:at + len(paragraph.group())] == paragraph.group()
    assert list(doc.offsets) == sorted(doc.offsets)


@pytest.mark.parametrize("offset", [-1, 10_000])
def test_clean_to_original_rejects_offsets_outside_the_text(offset: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        cleaned(BODY).to_original(offset)


def test_clean_to_original_maps_the_end_of_text() -> None:
    original = f"Leaders meet\n\n{BODY}\n\n"
    doc = cleaned(original)
    assert doc.to_original(len(doc.text)) == original.index(BODY) + len(BODY)


# --- Rejections ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["print PRINT\n\nAdvertisement\n\n  • Ukraine", "   \n\n", "[ad_1]"])
def test_clean_rejects_when_nothing_is_left(text: str) -> None:
    with pytest.raises(DocumentRejected, match="nothing left") as caught:
        cleaned(text)
    assert caught.value.stage == "clean"


def test_clean_english_news_on_nigeria_is_not_refused_as_pidgin() -> None:
    page = ("Buhari Officially Declared Winner of Nigeria Presidential Election\n\n"
            "Nigerians celebrate the victory of Muhammadu Buhari in Kaduna, April 1, 2015.\n\n"
            "Supporters of Muhammadu Buhari and his All Progressives Congress (APC) party celebrate in Kano.\n\n"
            "Nigeria's electoral commission has officially declared presidential challenger Muhammadu Buhari of the "
            "All Progressives Congress (APC) the winner of Saturday's presidential election.\n")
    assert cleaned(page).title == "Buhari Officially Declared Winner of Nigeria Presidential Election"
    with pytest.raises(DocumentRejected, match="not English"):  # Nigerian Pidgin itself still is
        cleaned("Wetin dey happen for Lagos today? Dem say di goment go pay salary next week, but workers no gree. "
                "Oga for office talk say make una wait small, e go better, but people don tire to dey wait.\n")


@pytest.mark.parametrize(("text", "language"), [
    ("Le Premier ministre japonais a rencontré le président américain à Washington mardi pour discuter du "
     "commerce, de la sécurité et de l'alliance entre les deux pays. Ils se reverront à Tokyo.", "French"),
    ("北朝鮮は弾道ミサイルを発射したが、失敗したと日本政府が発表した。政府は北京の大使館を通じて抗議した。", "Japanese"),
])
def test_clean_rejects_text_that_is_not_english(text: str, language: str) -> None:
    with pytest.raises(DocumentRejected, match=language) as caught:
        cleaned(text)
    assert caught.value.stage == "clean"


def test_clean_does_not_judge_language_of_short_text() -> None:
    assert cleaned("Le président a parlé.").text == "Le président a parlé."


# --- HTML ---------------------------------------------------------------------------------------------------

PAGE = """<html><head><title>Leaders meet | Example Times</title>
<meta property="og:site_name" content="Example Times"><meta name="date" content="2015-05-03">
<meta name="keywords" content="Japan, Trade"><link rel="canonical" href="https://example.org/leaders"></head>
<body><nav><a href="/">Home</a> › <a href="/world">World</a></nav>
<article><h1>Leaders meet</h1><p>TOKYO (Kyodo) -- {body}</p><p>{body2}</p><p>Advertisement</p></article>
<footer>We use cookies to improve your experience.</footer></body></html>"""


def test_clean_html_uses_extracted_text_and_metadata() -> None:
    doc = clean(RawDoc("h", "page.html", None, PAGE.format(body=BODY, body2=BODY2)))
    assert doc.text == f"{BODY}\n\n{BODY2}"
    assert (doc.title, doc.outlet, doc.published, doc.dateline) == ("Leaders meet", "Example Times",
                                                                     "2015-05-03", "TOKYO")
    assert doc.tags == ("Japan", "Trade")


def test_clean_html_falls_back_to_tag_strip() -> None:
    page = "<div><p>Abe: We will work together.</p><script>var x = 1;</script></div>"
    doc = clean(RawDoc("h", "page.html", None, page))
    assert doc.text == "We will work together." and doc.speakers[0].speakers == ("Abe",)


@pytest.mark.parametrize("page", ["<html><body><script>var a = 1;</script></body></html>", "<<<>>>", "<p></p>"])
def test_clean_rejects_html_without_text(page: str) -> None:
    with pytest.raises(DocumentRejected) as caught:
        clean(RawDoc("h", "page.html", None, page))
    assert caught.value.stage == "clean"


def test_clean_as_dict_is_plain() -> None:
    doc = cleaned(f"{BODY}\n\nAbe: {BODY2}")
    plain = doc.as_dict()
    assert plain["speakers"] == [{"start": len(BODY) + 2, "end": len(doc.text), "speakers": ["Abe"]}]
    assert plain["offsets"][0] == [0, 0]


# --- The shared real pages ----------------------------------------------------------------------------------

def shared_sample(prefix: str) -> tuple[CleanDoc, str]:
    samples = SHARED / "samples"
    if not samples.is_dir():
        pytest.skip("../shared is absent")
    (path,) = samples.glob(f"{prefix}*.txt")
    (raw,) = iter_documents([str(path)])
    return clean(raw), raw.text


def test_clean_shared_yomiuri_sample() -> None:
    doc, original = shared_sample("yomiuri-")
    assert doc.title == "Abe tells Obama he intends to continue dialogue with Russia to resolve territorial issue"
    assert (doc.outlet, doc.published, doc.page) == ("Yomiuri", "2015-05-16", "2")
    assert doc.tags == ("Ambassador", "G7 Summit", "Ukraine")
    assert "PRINT" not in doc.text and "• " not in doc.text and "\n\n\n" not in doc.text
    assert "Russian aircraft is increasing." in doc.text
    assert_maps_back(doc, original)


def test_clean_shared_asahi_sample() -> None:
    doc, original = shared_sample("asahi-")
    assert (doc.outlet, doc.published) == ("Asahi", "2015-04-30")
    turns = [turn.speakers for turn in doc.speakers]
    assert ("Obama", "Abe") in turns and ("Abe",) in turns and ("Obama",) in turns
    assert ("President Barack Obama",) in turns
    assert doc.text.startswith("Following is the gist")
    assert_maps_back(doc, original)


def test_clean_shared_jmh_sample() -> None:
    doc, original = shared_sample("jmh-")
    assert doc.published == "2016-10-20"
    assert "INTERNATIONAL >" not in doc.text and "JMH Summary" not in doc.text
    assert isinstance(doc.speakers, tuple) and doc.speakers == ()
    assert_maps_back(doc, original)


def test_clean_speaker_turn_type() -> None:
    assert SpeakerTurn(0, 3, ("Abe",)).as_dict() == {"start": 0, "end": 3, "speakers": ["Abe"]}


def test_clean_tags_heading_lists_tags() -> None:
    doc = cleaned(f"{BODY}\n\nTags\n• Japan\n• Trade")
    assert (doc.tags, doc.text) == (("Japan", "Trade"), BODY)


def test_clean_hard_wrapped_first_line_is_not_a_title() -> None:
    original = ("The prime minister told reporters on Monday that\nJapan would respond firmly to the launch and\n"
                "coordinate closely with Washington and Seoul.")
    doc = cleaned(original)
    assert doc.title is None and doc.text == " ".join(original.split("\n"))


def test_clean_headline_directly_above_long_paragraph_is_the_title() -> None:
    doc = cleaned(f"Japan protests missile launch\n{BODY}")
    assert (doc.title, doc.text) == ("Japan protests missile launch", BODY)


def test_clean_dateline_below_a_subtitle_is_found() -> None:
    doc = cleaned(f"Leaders meet in Washington\n\nA new framework for the alliance\n\nWASHINGTON (AP) — {BODY}")
    assert (doc.dateline, doc.outlet) == ("WASHINGTON", "AP")
    assert doc.text == f"A new framework for the alliance\n\n{BODY}"


def test_clean_key_point_bullets_at_the_top_are_kept() -> None:
    original = (f"Leaders meet\n\n• Japan will cut tariffs on cars by half next year.\n"
                f"• The United States will ease visa rules for students.\n\n{BODY}")
    doc = cleaned(original)
    assert doc.text == ("Japan will cut tariffs on cars by half next year.\n\n"
                        f"The United States will ease visa rules for students.\n\n{BODY}")
