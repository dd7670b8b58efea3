"""Tests for tacitus.when: time expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tacitus.model import When
from tacitus.when import TimeExpression, find_time_expressions, publication_window, resolve

SATURDAY = date(2015, 5, 16)  # the publication date of most cases below


@pytest.mark.parametrize(
    ("expression", "published", "tense", "start", "end", "precision"),
    [
        # absolute days
        ("May 18", SATURDAY, None, "2015-05-18", "2015-05-18", "day"),
        ("on May 18", SATURDAY, None, "2015-05-18", "2015-05-18", "day"),
        ("May 18, 2015", SATURDAY, None, "2015-05-18", "2015-05-18", "day"),
        ("18 May 2015", SATURDAY, None, "2015-05-18", "2015-05-18", "day"),
        ("2015-05-18", SATURDAY, None, "2015-05-18", "2015-05-18", "day"),
        ("the 18th of May", SATURDAY, None, "2015-05-18", "2015-05-18", "day"),
        ("Wednesday, May 13", SATURDAY, None, "2015-05-13", "2015-05-13", "day"),
        ("Sept. 3, 2015", SATURDAY, None, "2015-09-03", "2015-09-03", "day"),
        ("on April 28", date(2015, 4, 30), None, "2015-04-28", "2015-04-28", "day"),
        # day ranges
        ("June 7-8", SATURDAY, None, "2015-06-07", "2015-06-08", "interval"),
        ("June 7 to 8", SATURDAY, None, "2015-06-07", "2015-06-08", "interval"),
        ("7-8 June", SATURDAY, None, "2015-06-07", "2015-06-08", "interval"),
        ("June 7 and 8", SATURDAY, None, "2015-06-07", "2015-06-08", "interval"),
        ("from June 30 to July 2", SATURDAY, None, "2015-06-30", "2015-07-02", "interval"),
        ("December 28-January 3", date(2015, 12, 20), None, "2015-12-28", "2016-01-03", "interval"),
        # a month-day without a year moves to the adjacent year when the tense says so
        ("January 5", date(2015, 12, 30), "future", "2016-01-05", "2016-01-05", "day"),
        ("December 28", date(2015, 1, 3), "past", "2014-12-28", "2014-12-28", "day"),
        ("January 5", date(2015, 12, 30), None, "2016-01-05", "2016-01-05", "day"),
        ("May 18", SATURDAY, "past", "2015-05-18", "2015-05-18", "day"),
        ("May 1", SATURDAY, "future", "2016-05-01", "2016-05-01", "day"),
        # months
        ("in August", SATURDAY, None, "2015-08-01", "2015-08-31", "month"),
        ("in August", SATURDAY, "future", "2015-08-01", "2015-08-31", "month"),
        ("in August", SATURDAY, "past", "2014-08-01", "2014-08-31", "month"),
        ("last November", SATURDAY, None, "2014-11-01", "2014-11-30", "month"),
        ("next month", SATURDAY, None, "2015-06-01", "2015-06-30", "month"),
        ("last month", SATURDAY, None, "2015-04-01", "2015-04-30", "month"),
        ("this month", SATURDAY, None, "2015-05-01", "2015-05-31", "month"),
        ("in May 2014", SATURDAY, None, "2014-05-01", "2014-05-31", "month"),
        ("mid-August", SATURDAY, None, "2015-08-11", "2015-08-20", "interval"),
        ("early June", SATURDAY, None, "2015-06-01", "2015-06-10", "interval"),
        ("earlier this month", SATURDAY, None, "2015-05-01", "2015-05-15", "interval"),
        # open intervals up to the end of the year
        ("before the end of the year", SATURDAY, None, None, "2015-12-31", "interval"),
        ("by the end of the year", SATURDAY, None, None, "2015-12-31", "interval"),
        ("by year-end", SATURDAY, None, None, "2015-12-31", "interval"),
        ("within the year", SATURDAY, None, None, "2015-12-31", "interval"),
        ("later this year", SATURDAY, None, "2015-05-17", "2015-12-31", "interval"),
        ("later this week", SATURDAY, None, "2015-05-17", "2015-05-17", "interval"),  # the week ends on Sunday
        ("later this month", date(2015, 5, 31), None, "2015-05-31", "2015-05-31", "interval"),  # its last day
        ("by the end of May", SATURDAY, None, None, "2015-05-31", "interval"),
        ("before May 18", SATURDAY, None, None, "2015-05-17", "interval"),
        ("until June", SATURDAY, None, None, "2015-06-30", "interval"),
        ("after 2016", SATURDAY, None, "2017-01-01", None, "interval"),
        # years and their parts
        ("this year", SATURDAY, None, "2015-01-01", "2015-12-31", "year"),
        ("last year", SATURDAY, None, "2014-01-01", "2014-12-31", "year"),
        ("next year", SATURDAY, None, "2016-01-01", "2016-12-31", "year"),
        ("in 2018", SATURDAY, None, "2018-01-01", "2018-12-31", "year"),
        ("early 2018", SATURDAY, None, "2018-01-01", "2018-04-30", "interval"),
        ("mid-2018", SATURDAY, None, "2018-05-01", "2018-08-31", "interval"),
        ("late 2018", SATURDAY, None, "2018-09-01", "2018-12-31", "interval"),
        ("end of 2018", SATURDAY, None, "2018-09-01", "2018-12-31", "interval"),
        ("early next year", SATURDAY, None, "2016-01-01", "2016-04-30", "interval"),
        ("late last year", SATURDAY, None, "2014-09-01", "2014-12-31", "interval"),
        ("the first half of the year", SATURDAY, None, "2015-01-01", "2015-06-30", "interval"),
        ("the second half of next year", SATURDAY, None, "2016-07-01", "2016-12-31", "interval"),
        ("the second quarter", SATURDAY, None, "2015-04-01", "2015-06-30", "interval"),
        ("the third quarter of 2016", SATURDAY, None, "2016-07-01", "2016-09-30", "interval"),
        # days relative to publication
        ("yesterday", SATURDAY, None, "2015-05-15", "2015-05-15", "day"),
        ("today", SATURDAY, None, "2015-05-16", "2015-05-16", "day"),
        ("tomorrow", SATURDAY, None, "2015-05-17", "2015-05-17", "day"),
        ("last night", SATURDAY, None, "2015-05-15", "2015-05-15", "day"),
        ("at about 7 a.m. today", SATURDAY, None, "2015-05-16", "2015-05-16", "day"),
        ("three days ago", SATURDAY, None, "2015-05-13", "2015-05-13", "day"),
        # weekdays: past by default, the tense decides
        ("on Wednesday", SATURDAY, None, "2015-05-13", "2015-05-13", "day"),
        ("on Wednesday", SATURDAY, "past", "2015-05-13", "2015-05-13", "day"),
        ("on Wednesday", SATURDAY, "future", "2015-05-20", "2015-05-20", "day"),
        ("next Wednesday", SATURDAY, None, "2015-05-20", "2015-05-20", "day"),
        ("at noon on Friday", SATURDAY, None, "2015-05-15", "2015-05-15", "day"),
        ("Monday to Wednesday", SATURDAY, "future", "2015-05-18", "2015-05-20", "interval"),
        # weeks and weekends (Monday to Sunday)
        ("last week", SATURDAY, None, "2015-05-04", "2015-05-10", "interval"),
        ("next week", SATURDAY, None, "2015-05-18", "2015-05-24", "interval"),
        ("this week", SATURDAY, None, "2015-05-11", "2015-05-17", "interval"),
        ("earlier this week", SATURDAY, None, "2015-05-11", "2015-05-15", "interval"),
        ("in two weeks", SATURDAY, None, "2015-05-25", "2015-05-31", "interval"),
        ("within two weeks", SATURDAY, None, "2015-05-16", "2015-05-30", "interval"),
        ("the past two weeks", SATURDAY, None, "2015-05-02", "2015-05-16", "interval"),
        ("this weekend", SATURDAY, None, "2015-05-16", "2015-05-17", "interval"),
        ("last weekend", SATURDAY, None, "2015-05-09", "2015-05-10", "interval"),
        ("over the weekend", SATURDAY, "past", "2015-05-09", "2015-05-10", "interval"),
        ("at the weekend", SATURDAY, "future", "2015-05-16", "2015-05-17", "interval"),
        ("over the weekend", date(2015, 5, 18), None, "2015-05-16", "2015-05-17", "interval"),
        # decades, seasons, spans between two dates
        ("in the 1990s", SATURDAY, None, "1990-01-01", "1999-12-31", "interval"),
        ("the late 1990s", SATURDAY, None, "1997-01-01", "1999-12-31", "interval"),
        ("since 2014", SATURDAY, None, "2014-01-01", "2015-05-16", "interval"),
        ("since May 2014", SATURDAY, None, "2014-05-01", "2015-05-16", "interval"),
        ("from 2014 to 2016", SATURDAY, None, "2014-01-01", "2016-12-31", "interval"),
        ("2014-2016", SATURDAY, None, "2014-01-01", "2016-12-31", "interval"),
        ("between March and May", SATURDAY, None, "2015-03-01", "2015-05-31", "interval"),
        ("between March and May 2014", SATURDAY, None, "2014-03-01", "2014-05-31", "interval"),
        ("from December to February", SATURDAY, None, "2014-12-01", "2015-02-28", "interval"),
        ("last summer", SATURDAY, None, "2014-06-01", "2014-08-31", "interval"),
        ("in the spring of 2016", SATURDAY, None, "2016-03-01", "2016-05-31", "interval"),
    ],
)
def test_when_resolve_table(expression, published, tense, start, end, precision):
    when = resolve(expression, published, tense=tense)
    assert when is not None
    assert (when.start, when.end, when.precision) == (start, end, precision)


@pytest.mark.parametrize("expression", ["on May 18", "early next year", "at about 7 a.m. today"])
def test_when_resolve_reports_the_words(expression):
    assert resolve(expression, SATURDAY).text == expression


@pytest.mark.parametrize(
    "expression",
    [
        "recently",
        "recent",
        "in recent weeks",
        "Seventy years have passed since the end of World War II",
        "World War II",
        "the 70th anniversary",
        "G7",
        "a 2-1 win",
        "Russia may send the wrong message",
        "a protest march",
        "they will march on the capital",
        "The March for Our Lives",
        "page 18",
        "page 2014",
        "UN Security Council Resolution 2231",
        "some 2000 people",
        "the fall of Saigon",
        "Good Friday",
        "Russia Today",
        "Theresa May said",
    ],
)
def test_when_resolve_not_a_time_expression(expression):
    assert resolve(expression, SATURDAY) is None


@pytest.mark.parametrize(
    "expression", ["yesterday", "May 18", "in August", "on Wednesday", "next year", "last week", "by year-end"]
)
def test_when_relative_expression_without_publication_date_is_none(expression):
    assert resolve(expression, None) is None


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("May 18, 2015", "2015-05-18", "2015-05-18"),
        ("in 2018", "2018-01-01", "2018-12-31"),
        ("June 7-8, 2015", "2015-06-07", "2015-06-08"),
        ("since 2014", "2014-01-01", None),
    ],
)
def test_when_absolute_expression_without_publication_date_resolves(expression, start, end):
    when = resolve(expression, None)
    assert (when.start, when.end) == (start, end)


@pytest.mark.parametrize(
    ("expression", "day"),
    [("16.05.2015", "2015-05-16"), ("05/18/2015", "2015-05-18"), ("Sat, 16 May 2015 10:00:00 GMT", "2015-05-16")],
)
def test_when_resolve_parses_other_absolute_forms(expression, day):
    when = resolve(expression, None)
    assert (when.start, when.end, when.precision) == (day, day, "day")


@pytest.mark.parametrize(
    ("sentence", "tense", "expected"),
    [
        (
            "He is also looking into the possibility of meeting with Putin during his visit to Kazakhstan in "
            "Central Asia in August.",
            None,
            [("in August", "2015-08-01", "2015-08-31", "month")],
        ),
        (
            "the subcabinet talks to be held in Moscow on May 18.",
            "future",
            [("on May 18", "2015-05-18", "2015-05-18", "day")],
        ),
        (
            "prior to the G7 Summit in Germany on June 7-8.",
            None,
            [("on June 7-8", "2015-06-07", "2015-06-08", "interval")],
        ),
        ("Russia may send the wrong message", None, []),
        (
            "Putin will visit Japan before the end of the year",
            "future",
            [("before the end of the year", None, "2015-12-31", "interval")],
        ),
        (
            "Seventy years have passed since the end of World War II, and the 70th anniversary falls this year.",
            None,
            [("this year", "2015-01-01", "2015-12-31", "year")],
        ),
        (
            "Kishida met Lavrov on Wednesday and will meet him again in August.",
            None,
            [("on Wednesday", "2015-05-13", "2015-05-13", "day"), ("in August", "2015-08-01", "2015-08-31", "month")],
        ),
        (
            "The Sunday Times reported that 2000 people marched in Berlin at about 7 a.m. today.",
            None,
            [("at about 7 a.m. today", "2015-05-16", "2015-05-16", "day")],
        ),
        (
            "Talks will be held between June 7 and June 9, 2015, and again in April and May.",
            None,
            [
                ("between June 7 and June 9, 2015", "2015-06-07", "2015-06-09", "interval"),
                ("in April and May", "2015-04-01", "2015-05-31", "interval"),
            ],
        ),
    ],
)
def test_when_find_time_expressions_in_sentences(sentence, tense, expected):
    found = find_time_expressions(sentence, SATURDAY, tense=tense)
    assert [(e.text, e.when.start, e.when.end, e.when.precision) for e in found] == expected


def test_when_find_reports_offsets_of_the_words():
    sentence = "Abe said on Wednesday that he will visit Russia by the end of the year, not in May."
    found = find_time_expressions(sentence, SATURDAY)
    assert [e.text for e in found] == ["on Wednesday", "by the end of the year", "in May"]
    assert all(sentence[e.start:e.end] == e.text == e.when.text for e in found)
    assert all(isinstance(e, TimeExpression) for e in found)


def test_when_find_returns_longest_non_overlapping_matches_in_order():
    sentence = "From May 2014 to June 2015, then on Wednesday, May 13, 2015 and since 2014."
    found = find_time_expressions(sentence, SATURDAY)
    assert [e.text for e in found] == ["From May 2014 to June 2015", "on Wednesday, May 13, 2015", "since 2014"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_when_find_without_publication_date_keeps_absolute_expressions_only():
    found = find_time_expressions("Yesterday he recalled the summit of May 18, 2015.", None)
    assert [e.text for e in found] == ["May 18, 2015"]


def test_when_accepts_a_datetime_as_publication_date():
    assert resolve("yesterday", datetime(2015, 5, 16, 23, 59)).start == "2015-05-15"


@pytest.mark.parametrize("tense", ["present", "Past", ""])
def test_when_rejects_an_unknown_tense(tense):
    with pytest.raises(ValueError, match="tense"):
        resolve("May 18", SATURDAY, tense=tense)


def test_when_publication_window_is_the_publication_date():
    assert publication_window(SATURDAY) == When("2015-05-16", "2015-05-16", "publication", None)


def test_when_publication_window_without_a_date_is_unknown():
    assert publication_window(None) == When(None, None, "unknown", None)


@pytest.mark.parametrize("sentence", [
    "It was Putin's first visit to Japan as president in eleven years.",
    "The island faced its worst economic crisis in 10 years.",
])
def test_when_in_n_years_after_a_superlative_is_a_span_not_a_date(sentence):
    assert find_time_expressions(sentence, date(2016, 12, 17)) == []


MONDAY = date(2019, 7, 29)


@pytest.mark.parametrize(("sentence", "published", "tense", "start"), [
    ("Hong Kong police on Sunday used rubber bullets", MONDAY, "past", "2019-07-28"),
    ("Protesters will march again on Sunday", MONDAY, "future", "2019-08-04"),
    ("The ministers met on Monday", MONDAY, "past", "2019-07-29"),
    ("The ministers will meet on Monday", MONDAY, "future", "2019-07-29"),
    ("The court ruled on Friday", MONDAY, "past", "2019-07-26"),
    ("The court will rule on Friday", MONDAY, "future", "2019-08-02"),
])
def test_when_a_weekday_resolves_for_the_tense(sentence, published, tense, start):
    [found] = find_time_expressions(sentence, published, tense=tense)
    assert (found.when.start, found.when.end) == (start, start)


@pytest.mark.parametrize(("sentence", "start"), [
    ("Two men were ordered to remain in jail Friday", "2014-07-18"),  # a caption of Thursday 17 July
    ("The court charged them on Tuesday", "2014-07-15"),
    ("The rally was held on July 16", "2014-07-16"),
])
def test_when_nearest_takes_the_occurrence_nearest_a_day_the_text_names(sentence, start):
    [found] = find_time_expressions(sentence, date(2014, 7, 17), tense="past", nearest=True)
    assert found.when.start == start


@pytest.mark.parametrize(("sentence", "tense", "start", "end"), [
    ("An estimated 850 people have died this year alone", "past", "2006-01-01", "2006-08-07"),
    ("Rebels seized the town in August", "past", "2006-08-01", "2006-08-07"),
    ("The fighting flared this week", "past", "2006-08-07", "2006-08-07"),
    ("The envoy will visit the region this month", "future", "2006-08-07", "2006-08-31"),
    ("Elections will be held in 2006", "future", "2006-08-07", "2006-12-31"),
    ("An estimated 850 people have died this year alone", None, "2006-01-01", "2006-12-31"),
    ("Rebels seized the town in 2005", "past", "2005-01-01", "2005-12-31"),
])
def test_when_a_period_around_publication_ends_or_starts_there_for_the_tense(sentence, tense, start, end):
    [found] = find_time_expressions(sentence, date(2006, 8, 7), tense=tense)  # a Monday
    assert (found.when.start, found.when.end) == (start, end)
