"""The status component on hand-built Docs: the candidates and their dates are set by hand."""

import datetime

import pytest
from hand_docs import TALKS_IN_MOSCOW, WILL_NOT_VISIT, country, make_doc

from tacitus.components.candidate import Candidate, Dating, Verdict
from tacitus.components.status import StatusTagger
from tacitus.model import Status, When

STATUS = StatusTagger("tacitus_status")
SATURDAY = datetime.date(2015, 5, 16)
PUBLICATION = Dating(When("2015-05-16", "2015-05-16", "publication"))


def _visit():
    return Candidate(3, "042", (country("RUS", "GOV"),), (country("JPN"),), "r", 0.8, "verb")


def _talks():
    return Candidate(3, "040", (country("JPN"), country("RUS")), (), "r", 0.8, "verb")


def test_status_negation_on_the_trigger():
    doc = make_doc(WILL_NOT_VISIT, tacitus_published=SATURDAY, tacitus_dates=[PUBLICATION])
    doc._.tacitus_candidates = [_visit()]
    assert STATUS(doc)._.tacitus_status == [Verdict(Status.NEGATED, "not")]


def test_status_a_modal_makes_a_plan():
    rows = [row for row in WILL_NOT_VISIT if row[0] != "not"]
    rows = [(w, h - 1 if h > 2 else h, d, p, t, lem, e) for w, h, d, p, t, lem, e in rows]
    doc = make_doc(rows, tacitus_published=SATURDAY, tacitus_dates=[PUBLICATION])
    doc._.tacitus_candidates = [Candidate(2, "042", (country("RUS", "GOV"),), (country("JPN"),), "r", 0.8, "verb")]
    assert STATUS(doc)._.tacitus_status == [Verdict(Status.PLANNED, "will")]


@pytest.mark.parametrize("dating, expected", [
    (Dating(When("2015-05-18", "2015-05-18", "day", "on Monday"), True, None), Verdict(Status.PLANNED, "on Monday")),
    (Dating(When("2015-05-18", "2015-05-18", "day", "on Monday"), True, "past"), Verdict(Status.OCCURRED)),
    (Dating(When("2015-05-11", "2015-05-11", "day", "on Monday"), True, None), Verdict(Status.OCCURRED)),
    (PUBLICATION, Verdict(Status.OCCURRED)),
])
def test_status_an_event_dated_after_publication_is_planned(dating, expected):
    doc = make_doc(TALKS_IN_MOSCOW, tacitus_published=SATURDAY, tacitus_dates=[dating])
    doc._.tacitus_candidates = [_talks()]
    assert STATUS(doc)._.tacitus_status == [expected]


def test_status_without_a_publication_date_a_date_decides_nothing():
    dating = Dating(When("2015-05-18", "2015-05-18", "day", "on Monday"), True, None)
    doc = make_doc(TALKS_IN_MOSCOW, tacitus_dates=[dating])
    doc._.tacitus_candidates = [_talks()]
    assert STATUS(doc)._.tacitus_status == [Verdict(Status.OCCURRED)]


def _aid_in_millions(verb: str, lemma: str) -> list:
    # "Japan <verb> $5 million in aid to Haiti ."
    return [
        ("Japan", 1, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
        (verb, 1, "ROOT", "VERB", "VBD", lemma, "O"),
        ("$", 4, "quantmod", "SYM", "$", "$", "O"),
        ("5", 4, "compound", "NUM", "CD", "5", "O"),
        ("million", 1, "dobj", "NUM", "CD", "million", "O"),
        ("in", 4, "prep", "ADP", "IN", "in", "O"),
        ("aid", 5, "pobj", "NOUN", "NN", "aid", "O"),
        ("to", 6, "prep", "ADP", "IN", "to", "O"),
        ("Haiti", 7, "pobj", "PROPN", "NNP", "Haiti", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", ".", "O"),
    ]


@pytest.mark.parametrize("verb, lemma, expected", [
    ("pledged", "pledge", Status.PLANNED),   # a pledge of aid: the aid is still to come
    ("provided", "provide", Status.OCCURRED),
    ("committed", "commit", Status.OCCURRED),  # money committed is given
])
def test_status_aid_counted_in_money_takes_the_status_of_the_verb_carrying_the_sum(verb, lemma, expected):
    doc = make_doc(_aid_in_millions(verb, lemma), tacitus_published=SATURDAY, tacitus_dates=[PUBLICATION])
    doc._.tacitus_candidates = [Candidate(6, "073", (country("JPN"),), (country("HTI"),), "r", 0.8, "noun")]
    assert STATUS(doc)._.tacitus_status[0].status == expected
