"""The time component on hand-built Docs: the candidates are set by hand."""

import datetime

from hand_docs import TALKS_IN_MOSCOW, WILL_NOT_VISIT, country, make_doc

from tacitus.components.candidate import Candidate, Dating
from tacitus.components.dates import TimeResolver
from tacitus.model import When

WHEN = TimeResolver("tacitus_when")
SATURDAY = datetime.date(2015, 5, 16)


def _talks(doc):
    return Candidate(3, "040", (country("JPN"), country("RUS")), (), "verb:hold talk[040]", 0.8, "verb",
                     trigger_end=5)


def test_when_a_date_the_trigger_governs_is_the_events_own():
    doc = make_doc(TALKS_IN_MOSCOW, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [_talks(doc)]
    assert WHEN(doc)._.tacitus_dates == [Dating(When("2015-05-11", "2015-05-11", "day", "on Monday"), True, "past")]


WILL_HOLD_TALKS_ON_MONDAY = [
    ("Japan", 4, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
    ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
    ("Russia", 0, "conj", "PROPN", "NNP", "Russia", "B-GPE"),
    ("will", 4, "aux", "AUX", "MD", "will", "O"),
    ("hold", 4, "ROOT", "VERB", "VB", "hold", "O"),
    ("talks", 4, "dobj", "NOUN", "NNS", "talk", "O"),
    ("on", 4, "prep", "ADP", "IN", "on", "O"),
    ("Monday", 6, "pobj", "PROPN", "NNP", "Monday", "B-DATE"),
    (".", 4, "punct", "PUNCT", ".", ".", "O"),
]


def test_when_a_future_tense_resolves_the_weekday_forwards():
    doc = make_doc(WILL_HOLD_TALKS_ON_MONDAY, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [Candidate(4, "040", (country("JPN"), country("RUS")), (), "r", 0.8, "verb")]
    [dating] = WHEN(doc)._.tacitus_dates
    assert (dating.when.start, dating.explicit, dating.tense) == ("2015-05-18", True, "future")


def test_when_no_date_in_the_sentence_is_the_publication_window():
    doc = make_doc(WILL_NOT_VISIT, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [Candidate(3, "042", (country("RUS", "GOV"),), (country("JPN"),), "r", 0.8, "verb")]
    assert WHEN(doc)._.tacitus_dates == [Dating(When("2015-05-16", "2015-05-16", "publication"), False, "future")]


def test_when_without_a_publication_date_the_date_is_unknown():
    doc = make_doc(WILL_NOT_VISIT)
    doc._.tacitus_candidates = [Candidate(3, "042", (country("RUS", "GOV"),), (country("JPN"),), "r", 0.8, "verb")]
    assert WHEN(doc)._.tacitus_dates[0].when == When(None, None, "unknown")
