"""The reference article (../shared/samples/yomiuri-…): what the product must get out of it (issue: Tacitus core)."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "samples" / "yomiuri-2015-05-16-abe-obama-russia.txt"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/samples is not available")]


@pytest.fixture(scope="module")
def article():
    import tacitus

    return tacitus.code_file(REFERENCE)


def _key(actor):
    return None if actor is None else (actor.country or actor.code)


def _find(article, source, target, roots, statuses=None, where=None):
    found = []
    for event in article.events:
        if _key(event.source) != source or _key(event.target) != target or event.root not in roots:
            continue
        if statuses and event.status not in statuses:
            continue
        if where and not where(event):
            continue
        found.append(event)
    return found


def test_reference_metadata(article):
    document = article.document
    assert document.status == "coded"
    assert document.title == "Abe tells Obama he intends to continue dialogue with Russia to resolve territorial issue"
    assert document.outlet == "Yomiuri"
    assert document.published == "2015-05-16"
    assert document.page == "2"
    assert "PRINT" not in document.text and "• " not in document.text


def test_reference_no_event_from_chrome(article):
    for event in article.events:
        assert "PRINT" not in event.sentence
        assert event.sentence.strip() not in ("Ambassador", "G7 Summit", "Ukraine")


@pytest.mark.parametrize("name, source, target, roots, statuses, where", [
    ("intent to continue dialogue", "JPN", "RUS", ("03", "04"), None, None),
    ("Kishida's visit to Russia", "JPN", "RUS", ("04",), ("planned",), lambda e: "Kishida" in e.sentence),
    ("Putin's visit to Japan before the end of the year", "RUS", "JPN", ("04",), ("planned",),
     lambda e: e.date.end == "2015-12-31"),
    ("U.S. asked Japan to be cautious", "USA", "JPN", ("02", "10"), None, None),
    ("U.S. concern over the talks", "USA", "JPN", ("11",), None, None),
    ("vice foreign ministers' meeting on May 18", "JPN", "RUS", ("04",), ("planned",),
     lambda e: e.date.start == "2015-05-18"),
    ("G7 sanctions on Russia", "IGOG7", "RUS", ("16",), None, None),
    ("Abe's visit to Ukraine", "JPN", "UKR", ("04",), ("planned",), None),
    ("possible Abe-Putin meeting in August", "JPN", "RUS", ("04",), ("planned", "hypothetical"),
     lambda e: "Kazakhstan" in e.sentence),
    ("support on the Senkaku Islands", "USA", "JPN", ("05",), None, None),
    ("Russia's annexation of Crimea", "RUS", "UKR", tuple(f"{r:02d}" for r in range(1, 21)), None, None),
    ("Chinese aircraft intruding into Japanese airspace", "CHN", "JPN", tuple(f"{r:02d}" for r in range(1, 21)),
     None, None),
    ("Russian aircraft intruding into Japanese airspace", "RUS", "JPN", tuple(f"{r:02d}" for r in range(1, 21)),
     None, None),
])
def test_reference_event(article, name, source, target, roots, statuses, where):
    assert _find(article, source, target, roots, statuses, where), (
        f"missing: {name}\n" + "\n".join(f"{e.source.code}->{e.target and e.target.code} {e.code} {e.status} "
                                         f"{e.date.start}..{e.date.end} | {e.rule}" for e in article.events))


def test_reference_nothing_planned_is_coded_as_occurred(article):
    for event in article.events:
        if event.code == "042" and _key(event.source) == "RUS" and _key(event.target) == "JPN":
            assert event.status != "occurred", event.sentence
