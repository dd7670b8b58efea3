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


ENDORSED_DURING_MEETING = [
    ("Medvedev", 1, "nsubj", "PROPN", "NNP", "Medvedev", "B-PERSON"),
    ("endorsed", 1, "ROOT", "VERB", "VBD", "endorse", "O"),
    ("the", 3, "det", "DET", "DT", "the", "O"),
    ("plan", 1, "dobj", "NOUN", "NN", "plan", "O"),
    ("Tuesday", 1, "npadvmod", "PROPN", "NNP", "Tuesday", "B-DATE"),
    ("during", 1, "prep", "ADP", "IN", "during", "O"),
    ("his", 7, "poss", "PRON", "PRP$", "his", "O"),
    ("meeting", 5, "pobj", "NOUN", "NN", "meeting", "O"),
    ("with", 7, "prep", "ADP", "IN", "with", "O"),
    ("Sarkozy", 8, "pobj", "PROPN", "NNP", "Sarkozy", "B-PERSON"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]


def test_when_a_noun_event_takes_the_date_of_the_verb_that_carries_it():
    doc = make_doc(ENDORSED_DURING_MEETING, tacitus_published=datetime.date(2008, 8, 13))
    doc._.tacitus_candidates = [Candidate(7, "040", (country("RUS", "GOV"),), (country("FRA", "GOV"),), "r", 0.8,
                                          "noun")]
    [dating] = WHEN(doc)._.tacitus_dates
    assert (dating.when.start, dating.when.text, dating.explicit, dating.tense) == ("2008-08-12", "Tuesday", True,
                                                                                     "past")


TALKS_THEN_TALKS = [*TALKS_IN_MOSCOW, *[
    ("The", 11, "det", "DET", "DT", "the", "O"),
    ("talks", 12, "nsubj", "NOUN", "NNS", "talk", "O"),
    ("ended", 12, "ROOT", "VERB", "VBD", "end", "O"),
    ("without", 12, "prep", "ADP", "IN", "without", "O"),
    ("agreement", 13, "pobj", "NOUN", "NN", "agreement", "O"),
    (".", 12, "punct", "PUNCT", ".", ".", "O"),
]]


def _carried_talks(doc, position: int) -> Candidate:
    return Candidate(position, "040", (country("JPN"), country("RUS")), (), "r", 0.8, "verb")


def test_when_the_date_of_an_earlier_mention_of_the_same_event_carries():
    doc = make_doc(TALKS_THEN_TALKS, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [_carried_talks(doc, 3), _carried_talks(doc, 12)]
    first, second = WHEN(doc)._.tacitus_dates
    assert first.when == second.when == When("2015-05-11", "2015-05-11", "day", "on Monday")
    assert (first.carried, second.carried, second.explicit) == (False, True, True)


def test_when_a_later_mention_dates_an_undated_lead():
    doc = make_doc(TALKS_THEN_TALKS, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [_carried_talks(doc, 12), _carried_talks(doc, 3)]
    assert [d.when.start for d in WHEN(doc)._.tacitus_dates] == ["2015-05-11", "2015-05-11"]


def test_when_a_mutual_act_carries_its_date_to_a_mention_with_the_sides_the_other_way_round():
    doc = make_doc(TALKS_THEN_TALKS, tacitus_published=SATURDAY)
    met = Candidate(3, "040", (country("JPN"),), (country("RUS"),), "r", 0.8, "verb")
    again = Candidate(12, "040", (country("RUS"),), (country("JPN"),), "r", 0.8, "verb")
    doc._.tacitus_candidates = [met, again]
    assert WHEN(doc)._.tacitus_dates[1].when.start == "2015-05-11"
    blamed = Candidate(3, "112", (country("JPN"),), (country("RUS"),), "r", 0.8, "verb")
    blamed_back = Candidate(12, "112", (country("RUS"),), (country("JPN"),), "r", 0.8, "verb")
    doc._.tacitus_candidates = [blamed, blamed_back]  # an accusation has a direction: the reply is another
    assert WHEN(doc)._.tacitus_dates[1].when.precision == "publication"


def test_when_another_events_date_does_not_carry():
    doc = make_doc(TALKS_THEN_TALKS, tacitus_published=SATURDAY)
    other = Candidate(12, "040", (country("CHN"), country("RUS")), (), "r", 0.8, "verb")
    doc._.tacitus_candidates = [_carried_talks(doc, 3), other]
    assert WHEN(doc)._.tacitus_dates[1].when.precision == "publication"


TALKS_IN_APRIL_2013 = [
    ("Japan", 3, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
    ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
    ("Russia", 0, "conj", "PROPN", "NNP", "Russia", "B-GPE"),
    ("held", 3, "ROOT", "VERB", "VBD", "hold", "O"),
    ("talks", 3, "dobj", "NOUN", "NNS", "talk", "O"),
    ("in", 3, "prep", "ADP", "IN", "in", "O"),
    ("April", 5, "pobj", "PROPN", "NNP", "April", "B-DATE"),
    ("2013", 6, "nummod", "NUM", "CD", "2013", "I-DATE"),
    (".", 3, "punct", "PUNCT", ".", ".", "O"),
]


def test_when_an_event_dated_years_before_publication_is_background():
    doc = make_doc(TALKS_IN_APRIL_2013, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [_talks(doc)]
    [dating] = WHEN(doc)._.tacitus_dates
    assert (dating.when.start, dating.when.end, dating.background) == ("2013-04-01", "2013-04-30", True)


def test_when_an_event_of_the_week_is_news_not_background():
    doc = make_doc(TALKS_IN_MOSCOW, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [_talks(doc)]
    assert WHEN(doc)._.tacitus_dates[0].background is False


CAPTION_OF_WEDNESDAY = [
    ("Photo", 1, "nsubj", "NOUN", "NN", "photo", "O"),
    ("taken", 1, "ROOT", "VERB", "VBN", "take", "O"),
    ("May", 1, "npadvmod", "PROPN", "NNP", "May", "B-DATE"),
    ("13", 2, "nummod", "NUM", "CD", "13", "I-DATE"),
    (",", 2, "punct", "PUNCT", ",", ",", "I-DATE"),
    ("2015", 2, "nummod", "NUM", "CD", "2015", "I-DATE"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]


def test_when_an_undated_page_resolves_a_weekday_near_its_latest_full_date():
    rows = [*TALKS_IN_MOSCOW, *[(w, h + len(TALKS_IN_MOSCOW), *rest) for w, h, *rest in CAPTION_OF_WEDNESDAY]]
    doc = make_doc(rows)
    doc._.tacitus_candidates = [_talks(doc)]
    [dating] = WHEN(doc)._.tacitus_dates
    assert (dating.when.start, dating.when.text, dating.background) == ("2015-05-11", "on Monday", False)


POLICE_FIRED_RUBBER_BULLETS = [
    ("Police", 1, "nsubj", "NOUN", "NNS", "police", "O"),
    ("fired", 1, "ROOT", "VERB", "VBD", "fire", "O"),
    ("rubber", 3, "compound", "NOUN", "NN", "rubber", "O"),
    ("bullets", 1, "dobj", "NOUN", "NNS", "bullet", "O"),
    ("at", 1, "prep", "ADP", "IN", "at", "O"),
    ("protesters", 4, "pobj", "NOUN", "NNS", "protester", "O"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
MONDAY = datetime.date(2019, 7, 29)


def _fired(doc):
    return Candidate(1, "180", (country("CHN", "COP"),), (country("CHN", "OPP"),), "r", 0.8, "verb")


def test_when_the_headline_dates_an_event_no_sentence_dates():
    doc = make_doc(POLICE_FIRED_RUBBER_BULLETS, tacitus_published=MONDAY,
                   tacitus_headline="Hong Kong Police Fire Rubber Bullets at Protesters on Sunday")
    doc._.tacitus_candidates = [_fired(doc)]
    [dating] = WHEN(doc)._.tacitus_dates
    assert (dating.when.start, dating.when.text, dating.explicit, dating.carried) == ("2019-07-28", "on Sunday",
                                                                                       True, True)


def test_when_a_headline_about_another_act_gives_no_date():
    doc = make_doc(POLICE_FIRED_RUBBER_BULLETS, tacitus_published=MONDAY,
                   tacitus_headline="Thousands March in Hong Kong on Sunday")
    doc._.tacitus_candidates = [_fired(doc)]
    assert WHEN(doc)._.tacitus_dates[0].when.precision == "publication"


def test_when_the_sentences_own_date_outranks_the_headlines():
    doc = make_doc(TALKS_IN_MOSCOW, tacitus_published=SATURDAY, tacitus_headline="Talks Held in Moscow on Friday")
    doc._.tacitus_candidates = [_talks(doc)]
    assert WHEN(doc)._.tacitus_dates[0].when.start == "2015-05-11"


def test_when_a_running_total_is_background():
    # "To date , Japan has sent 20 ships to Russia ." — a tally of past acts, not news of the day
    rows = [("To", 6, "prep", "ADP", "IN", "to", "O"),
            ("date", 0, "pobj", "NOUN", "NN", "date", "O"),
            (",", 6, "punct", "PUNCT", ",", ",", "O"),
            ("Japan", 6, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
            ("has", 6, "aux", "AUX", "VBZ", "have", "O"),
            ("now", 6, "advmod", "ADV", "RB", "now", "O"),
            ("sent", 6, "ROOT", "VERB", "VBN", "send", "O"),
            ("20", 8, "nummod", "NUM", "CD", "20", "O"),
            ("ships", 6, "dobj", "NOUN", "NNS", "ship", "O"),
            ("to", 6, "prep", "ADP", "IN", "to", "O"),
            ("Russia", 9, "pobj", "PROPN", "NNP", "Russia", "B-GPE"),
            (".", 6, "punct", "PUNCT", ".", ".", "O")]
    send = Candidate(6, "070", (country("JPN"),), (country("RUS"),), "verb:send[070]", 0.8, "verb")
    doc = make_doc(rows, tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [send]
    assert WHEN(doc)._.tacitus_dates[0].background
    # the same sentence without "To date ,": the sending is news
    doc = make_doc([(w, h - 3, d, p, t, lem, e) for w, h, d, p, t, lem, e in rows[3:]], tacitus_published=SATURDAY)
    doc._.tacitus_candidates = [Candidate(3, "070", (country("JPN"),), (country("RUS"),), "verb:send[070]", 0.8,
                                          "verb")]
    assert not WHEN(doc)._.tacitus_dates[0].background
