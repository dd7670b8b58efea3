"""When events happen: find date and time expressions in news text and resolve them against the publication date.

Regular expressions find the expressions; the interval arithmetic (weeks, tenses, "early 2018", "by year-end") is ours.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tacitus.model import When

__all__ = ["TENSES", "TimeExpression", "find_time_expressions", "publication_window", "resolve"]

TENSES = ("past", "future")

# Days of tolerance before a month-day without a year moves to the adjacent year: a past-tense "May 18" in an
# article of May 16 is still this year's May 18 (a slip of tense); a future-tense "May 1" is next year's.
_DAY_GRACE = 7


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression found in a text, with the interval it denotes.

    Attributes:
        start: offset of the first character of the expression in the text searched.
        end: offset just past its last character.
        text: the words of the expression, as written (`text[start:end]`).
        when: the resolved interval.
    """

    start: int
    end: int
    text: str
    when: When


@dataclass(frozen=True, slots=True)
class _Period:
    first: date | None
    last: date | None
    precision: str


@dataclass(slots=True)
class _Candidate:
    """A match while the finder works on it; `period` is None for a clock time waiting to join a day."""

    start: int
    end: int
    period: _Period | None
    weak: bool = False  # "the year", a "May" after "and": kept only when a modifier or a range claims it
    is_end: bool = False  # "the end of X": "before" it means up to the end of X
    is_range: bool = False
    yearless: Callable[[int], _Period | None] | None = field(default=None)


@dataclass(frozen=True, slots=True)
class _Context:
    published: date | None
    tense: str | None
    standalone: bool = False
    nearest: bool = False  # `published` is a day the text names, not the publication: take the nearest occurrence


# --- vocabulary -------------------------------------------------------------------------------------------------

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                        "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
             "final": -1, "last": -1}

_FULL_MONTH = "|".join(name for name in calendar.month_name if name)
_MONTH = rf"(?:(?:{_FULL_MONTH})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
_WEEKDAY = "|".join(calendar.day_name)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![:.]\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)\b"
_DASH = r"\s*[-–—]\s*"
_NUM = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
_UNIT = r"(?P<unit>day|week|month|year|decade)s?\b"

# Words before a bare month name that make it a month. "May" and "March" are also a verb, a noun and a surname
# ("Theresa May", "a protest march"), so they take the short list only.
_MONTH_CONTEXT_STRICT = r"in|of|early|late|last|next|this|since|until|till|by|from|between|during"
_MONTH_CONTEXT_LOOSE = _MONTH_CONTEXT_STRICT + r"|the|before|after|through|for|around|throughout|and|or|to"
_AMBIGUOUS_MONTHS = {"May", "March"}
_MONTH_BEFORE_STRICT = re.compile(rf"(?i:\b(?:{_MONTH_CONTEXT_STRICT})\s+|\bmid\s*-\s*|\bmid\s+)$")
_MONTH_BEFORE_LOOSE = re.compile(rf"(?i:\b(?:{_MONTH_CONTEXT_LOOSE})\s+|\bmid\s*-\s*|\bmid\s+)$")
# A "May" after "and" or "to" is kept only when it closes a range ("between March and May").
_MONTH_BEFORE_RANGE = re.compile(r"(?i:(?:\band|\bor|\bto|\bthrough|[-–—])\s*)$")
_SEASON_BEFORE = re.compile(r"(?i:\b(?:in|during|over|through|by|until|since|early|late|mid)[\s-]+)$")
# Words before a bare year that make the number something else (a page, a UN resolution, a flight).
_NOT_YEAR_BEFORE = re.compile(
    r"(?i:\b(?:pages?|pp?|no|nos|number|resolution|article|flight|route|room|section|chapter|item|model|paragraph"
    r"|rule|highway)\.?\s*)$")
_NOT_YEAR_AFTER = re.compile(
    r"\s+(?:people|persons|troops|soldiers|civilians|refugees|migrants|members|workers|tons|tonnes|barrels|km"
    r"|kilometres|kilometers|miles|dollars|euros|yen|rubles|roubles|yuan|votes|deaths|cases|men|women|children"
    r"|units|vehicles|tanks|aircraft|officers|police|residents|students|delegates)\b")
# Capitalised words that turn a weekday into a name ("Sunday Times", "Good Friday").
_NOT_WEEKDAY_AFTER = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Independent|Star|Sport)\b")
_NOT_WEEKDAY_BEFORE = re.compile(r"\b(?:Good|Black|Bloody|Easter|Palm|Ash|Holy|Maundy|Cyber|Super|Shrove)\s+$")

# --- the finder's rules -----------------------------------------------------------------------------------------

_ISO = re.compile(r"\b(?P<y>(?:1[89]|20)\d\d)(?P<sep>[-/])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>0?[1-9]|[12]\d|3[01])\b")
_NUMERIC = re.compile(r"\b\d{1,2}(?P<sep>[./])\d{1,2}(?P=sep)(?:1[89]|20)\d\d\b")
_MONTH_DAY = re.compile(
    rf"(?:\b(?:{_WEEKDAY}),?\s+)?\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})"
    rf"(?:(?:{_DASH}|\s+(?i:to|through|until|till|and)\s+)(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY}))?"
    rf"(?:,?\s+(?P<y>{_YEAR}))?")
_DAY_MONTH = re.compile(
    rf"(?<![\w.,])(?:(?:{_WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<d1>{_DAY})"
    rf"(?:(?:{_DASH}|\s+(?i:to|and)\s+)(?P<d2>{_DAY}))?\s+(?:(?i:of)\s+)?(?P<m1>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?")
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?:(?i:of)\s+)?(?P<y>{_YEAR})")
_BARE_MONTH = re.compile(rf"(?:\b(?P<rel>(?i:last|next|this|coming))\s+)?\b(?P<m>{_FULL_MONTH})\b")
_YEAR_ALONE = re.compile(
    rf"(?<![\w$£€#.,/])(?P<y>{_YEAR})(?!['’]?s\b)(?!\s*(?:%|(?i:per\s*cent|percent)\b))(?![.,]\d)")
_DECADE = re.compile(r"(?<![\w$£€#.,/])(?:(?i:the)\s+)?(?P<y>(?:1[89]|20)\d0)['’]?s\b")
_RELATIVE_DAY = re.compile(
    r"(?i:\b(?P<w>(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|yesterday|today|tonight"
    r"|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night)\b(?:\s+(?:morning|afternoon|evening|night)\b)?)")
_WEEKDAY_RE = re.compile(
    rf"(?:\b(?P<rel>(?i:last|next|this|coming|past))\s+)?\b(?P<wd>{_WEEKDAY})\b"
    r"(?:\s+(?i:morning|afternoon|evening|night)\b)?")
_CALENDAR_UNIT = re.compile(
    r"(?i:\b(?P<the>the\s+)?(?P<rel>last|next|this|coming|past|current)\s+(?P<unit>week|weekend|month|year)\b)")
_THE_UNIT = re.compile(r"(?i:\bthe\s+(?P<unit>week|month|year)\b)")
_WEEKEND = re.compile(r"(?i:\b(?:at|over|during|on)\s+the\s+weekend\b)")
_YEAR_END = re.compile(r"(?i:\b(?:the\s+)?(?:year[-\s]end|end[-\s]of[-\s]year|end-year)\b)")
_AGO = re.compile(rf"(?i:\b(?P<n>{_NUM})\s+{_UNIT}\s+ago\b)")
_IN_UNITS = re.compile(
    rf"(?i:\b(?P<prep>in|within)\s+(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\b(?:['’]?\s+time\b)?)"
    r"(?!\s+(?i:of)\b)")
_SPAN = re.compile(rf"(?i:\b(?:the\s+)?(?P<dir>past|last|next|coming)\s+(?P<n>{_NUM})\s+{_UNIT})")
_SEASON = re.compile(
    rf"(?i:\b(?:(?P<rel>last|next|this|coming|past)\s+|(?P<the>the)\s+)?(?P<s>spring|summer|autumn|winter|fall)\b)"
    rf"(?:\s+(?:(?i:of)\s+)?(?P<y>{_YEAR}))?")
_QUARTER = re.compile(
    r"(?i:\bthe\s+(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\b)(?!\s+(?i:of)\b)")
_CLOCK = re.compile(
    r"(?i:(?:\bat\s+)?(?:(?:about|around|approximately|roughly|some)\s+)?\b\d{1,2}(?:[:.]\d{2})?\s*"
    r"(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:local\s+time|GMT|UTC)\b)?"
    r"|(?:\bat\s+)?(?:(?:about|around|approximately|roughly|some)\s+)?\b\d{1,2}[:.]\d{2}\s*"
    r"(?:local\s+time|GMT|UTC|hours|hrs)\b"
    r"|(?:\bat\s+)?\b(?:noon|midnight)\b)")

# --- modifiers read leftwards from a match ----------------------------------------------------------------------

_PART = re.compile(
    r"(?i:\b(?:the\s+)?(?:(?P<edge>early|late)(?:\s+in)?(?:\s+|\s*-\s*)|(?P<mid>mid)(?:\s*-\s*|\s+)"
    r"|(?P<pos>end|beginning|start|middle|close)\s+of\s+"
    r"|(?P<ord>first|second|third|fourth|final|last)\s+(?P<frac>half|quarter)\s+of\s+))$")
_LATER = re.compile(r"(?i:\b(?P<lt>later|earlier)\s+(?:(?:in|on)\s+)?)$")
_BOUND = re.compile(
    r"(?i:\b(?P<b>since|until|till|through|by|before|after|prior\s+to|ahead\s+of|no\s+later\s+than"
    r"|not\s+later\s+than|within|from|between|as\s+of|starting|beginning)\s+)$")
_NEUTRAL = re.compile(r"(?i:\b(?:in|on|at|during|over|for|around|throughout|about)\s+)$")
_RANGE_GAP = re.compile(r"(?i:\s*(?P<c>[-–—]|to|until|till|through|and|or)\s*)")
_CLOCK_GAP = re.compile(r"(?i:\s*,?\s*(?:on\s+)?)")
_LOOKBACK = 40


# --- public API -------------------------------------------------------------------------------------------------

def find_time_expressions(text: str, published: date | None, *, tense: str | None = None,
                          nearest: bool = False) -> list[TimeExpression]:
    """Find and resolve every time expression in a sentence.

    Args:
        text: the sentence (any text works; expressions never span sentences in practice).
        published: the publication date that relative expressions ("yesterday", "in August") count from;
            None resolves only absolute ones ("May 18, 2015", "in 2018").
        tense: "past", "future" or None: the tense of the event the caller is interested in. It decides which
            "Wednesday" or "August" is meant; None takes the nearest (weekdays and weekends: the past one).
        nearest: `published` is not the publication date but a day the text names (a photo caption's date in a
            page without one): a weekday, a weekend or a month-day is the occurrence nearest to it, whatever the
            tense.

    Returns:
        Non-overlapping expressions in text order, the longest where matches overlap. Expressions that cannot
        be resolved (a relative one without a publication date) are left out.

    Raises:
        ValueError: tense is not "past", "future" or None.
    """
    return _find(text, _context(published, None if nearest else tense, nearest=nearest))


def resolve(expression: str, published: date | None, *, tense: str | None = None) -> When | None:
    """Resolve one time expression, such as "early next year" or "on June 7-8".

    Absolute dates in forms the finder does not know ("16.05.2015", "Sat, 16 May 2015 10:00 GMT") are parsed
    with dateparser.

    Args:
        expression: the words of the expression; a bare month name ("August") counts.
        published: the publication date, or None (then only absolute expressions resolve).
        tense: "past", "future" or None, as for `find_time_expressions`.

    Returns:
        The interval, or None when the expression is not a time expression (or is relative and `published` is
        None). When the expression holds several, the first.

    Raises:
        ValueError: tense is not "past", "future" or None.
    """
    context = _context(published, tense, standalone=True)
    found = _find(expression.strip(), context)
    if found:
        return found[0].when
    return _parse_absolute(expression.strip())


def publication_window(published: date | None) -> When:
    """The time of an event whose sentence names no date: the publication date, as most event datasets do.

    Args:
        published: the publication date, or None.

    Returns:
        `When(published, published, "publication")`; `When(None, None, "unknown")` without a publication date.
    """
    day = _iso(_as_date(published))
    return When(start=day, end=day, precision="publication" if day else "unknown", text=None)


# --- the finder -------------------------------------------------------------------------------------------------

def _context(published: date | None, tense: str | None, *, standalone: bool = False,
             nearest: bool = False) -> _Context:
    if tense is not None and tense not in TENSES:
        raise ValueError(f"tense must be one of {TENSES} or None, not {tense!r}")
    return _Context(_as_date(published), tense, standalone, nearest)


def _as_date(published: date | None) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    raise TypeError(f"published must be a datetime.date or None, not {type(published).__name__}")


def _find(text: str, context: _Context) -> list[TimeExpression]:
    candidates = []
    for pattern, handler in _RULES:
        for match in pattern.finditer(text):
            candidate = handler(match, text, context)
            if candidate is not None:
                candidates.append(candidate)
    chosen = _longest_first(candidates)
    chosen = _join_clocks(chosen, text)
    floor = 0
    for candidate in chosen:
        _apply_part(candidate, text, floor)
        _apply_later(candidate, text, floor, context)
        floor = candidate.end
    chosen = _join_ranges(chosen, text)
    floor = 0
    for candidate in chosen:
        _apply_bound(candidate, text, floor, context)
        _apply_tense(candidate, context)
        floor = candidate.end
    found = []
    for candidate in chosen:
        if candidate.weak or candidate.period is None:
            continue
        words = text[candidate.start:candidate.end]
        period = candidate.period
        when = When(start=_iso(period.first), end=_iso(period.last), precision=period.precision, text=words)
        found.append(TimeExpression(candidate.start, candidate.end, words, when))
    return found


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _join_clocks(candidates: list[_Candidate], text: str) -> list[_Candidate]:
    """Fold a clock time ("at about 7 a.m.") into the day beside it; a clock time alone is no date."""
    days = [c for c in candidates if c.period is not None]
    for clock in (c for c in candidates if c.period is None):
        for day in days:
            if day.period.precision != "day":
                continue
            if day.end <= clock.start and _CLOCK_GAP.fullmatch(text, day.end, clock.start):
                day.end = clock.end
                break
            if clock.end <= day.start and _CLOCK_GAP.fullmatch(text, clock.end, day.start):
                day.start = clock.start
                break
    return days


def _preceding(pattern: re.Pattern[str], text: str, candidate: _Candidate, floor: int) -> re.Match[str] | None:
    return pattern.search(text, max(floor, candidate.start - _LOOKBACK), candidate.start)


def _apply_part(candidate: _Candidate, text: str, floor: int) -> None:
    """"early 2018", "mid-May", "the end of the year", "the first half of 2016"."""
    match = _preceding(_PART, text, candidate, floor)
    if match is None:
        return
    period = candidate.period
    if period.precision != "day" and period.first is not None and period.last is not None:
        if match["frac"]:
            parts = 2 if match["frac"].lower() == "half" else 4
            index = _ORDINALS[match["ord"].lower()]
            index = parts - 1 if index < 0 else index
            if index >= parts:
                return
        else:
            parts = 3
            word = (match["edge"] or match["mid"] or match["pos"]).lower()
            index = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1}.get(word, 2)
            candidate.is_end = word in ("end", "close")
        first, last = _part(period.first, period.last, parts, index)
        candidate.period = _Period(first, last, "interval")
        candidate.yearless = None
    candidate.start = match.start()
    candidate.weak = False


def _apply_later(candidate: _Candidate, text: str, floor: int, context: _Context) -> None:
    """"later this year" runs from the day after publication to the end of the year (what happens on the day itself
    is "later today"), or is the last day itself when publication is that day; "earlier this week" runs up to the
    day before publication (what happened on the day itself is "today"), or the day itself when the week began
    that day."""
    match = _preceding(_LATER, text, candidate, floor)
    if match is None:
        return
    period, published = candidate.period, context.published
    if (period.precision != "day" and published is not None and period.first is not None
            and period.last is not None and period.first <= published <= period.last):
        if match["lt"].lower() == "later":
            candidate.period = _Period(min(published + timedelta(days=1), period.last), period.last, "interval")
        else:
            candidate.period = _Period(period.first, max(period.first, published - timedelta(days=1)), "interval")
    candidate.start = match.start()
    candidate.weak = False


def _apply_tense(candidate: _Candidate, context: _Context) -> None:
    """A period around the publication date holds a past event up to that day ("have died this year" in a story of
    August 7: January 1 to August 7) and a future one from it ("will visit in 2006": the day of publication to
    December 31)."""
    period, published = candidate.period, context.published
    if (period is None or published is None or context.nearest or period.first is None or period.last is None
            or not period.first <= published <= period.last or period.first == period.last):
        return
    if context.tense == "past" and published < period.last:
        candidate.period = _Period(period.first, published, "interval")
    elif context.tense == "future" and period.first < published:
        candidate.period = _Period(published, period.last, "interval")


def _join_ranges(candidates: list[_Candidate], text: str) -> list[_Candidate]:
    """"from 2014 to 2016", "between March and May", "Monday to Wednesday" become one interval."""
    joined: list[_Candidate] = []
    for candidate in candidates:
        previous = joined[-1] if joined else None
        if previous is not None:
            combined = _range(previous, candidate, text, joined[-2].end if len(joined) > 1 else 0)
            if combined is not None:
                joined[-1] = combined
                continue
        joined.append(candidate)
    return joined


def _range(left: _Candidate, right: _Candidate, text: str, floor: int) -> _Candidate | None:
    gap = _RANGE_GAP.fullmatch(text, left.end, right.start)
    if gap is None or None in (left.period.first, left.period.last, right.period.first, right.period.last):
        return None
    conjunction = gap["c"].lower()
    lead = _preceding(_BOUND, text, left, floor)
    lead_word = lead["b"].lower() if lead else None
    if conjunction in ("and", "or"):
        if lead_word != "between" and not right.weak:
            return None
    elif lead_word not in (None, "from"):
        return None
    first_period, last_period = left.period, right.period
    if left.yearless is not None and right.yearless is None:
        first_period = _latest_not_after(left.yearless, last_period.last) or first_period
    if right.yearless is not None:
        last_period = _earliest_not_before(right.yearless, first_period.first) or last_period
    if last_period.last < first_period.first:
        return None
    period = _Period(first_period.first, last_period.last, "interval")
    return _Candidate(left.start, right.end, period, is_range=True)


def _apply_bound(candidate: _Candidate, text: str, floor: int, context: _Context) -> None:
    """Prepositions that open or close the interval ("since 2014", "by year-end"), or just belong to it ("in")."""
    match = _preceding(_BOUND, text, candidate, floor)
    if match is None:
        neutral = _preceding(_NEUTRAL, text, candidate, floor)
        if neutral is not None and not candidate.weak:
            candidate.start = neutral.start()
        return
    word = " ".join(match["b"].lower().split())
    period, published = candidate.period, context.published
    if word == "between" and not candidate.is_range:
        return
    if word in ("between", "as of") or (word in ("from", "starting", "beginning") and candidate.is_range):
        first, last = period.first, period.last
    elif word == "since":
        first = period.first
        last = published if published is not None and first is not None and published >= first else None
    elif word in ("until", "till", "through", "by", "no later than", "not later than", "within"):
        first, last = None, period.last
    elif word in ("before", "prior to", "ahead of"):
        if candidate.is_end:
            first, last = None, period.last
        elif period.first is not None:
            first, last = None, period.first - timedelta(days=1)
        else:
            return
    elif word == "after":
        if period.last is None:
            return
        first, last = period.last + timedelta(days=1), None
    else:  # from, starting, beginning
        first, last = period.first, None
    if (first, last) != (period.first, period.last):
        candidate.period = _Period(first, last, "interval")
    candidate.start = match.start()
    candidate.weak = False


# --- rule handlers ----------------------------------------------------------------------------------------------

def _candidate(match: re.Match[str], period: _Period | None, **flags: object) -> _Candidate | None:
    if period is None:
        return None
    return _Candidate(match.start(), match.end(), period, **flags)


def _on_iso(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    return _candidate(match, _day_period(int(match["y"]), int(match["m"]), int(match["d"])))


def _on_numeric(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    day = _parse_absolute(match.group(), day_first=match["sep"] == ".")
    if day is None:
        return None
    return _candidate(match, _Period(date.fromisoformat(day.start), date.fromisoformat(day.end), "day"))


def _on_month_day(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    first_month = _month_number(match["m1"])
    second_month = match.groupdict().get("m2")
    last_month = _month_number(second_month) if second_month else first_month
    first_day, last_day = int(match["d1"].rstrip("stndrh")), match["d2"]
    last_day = int(last_day.rstrip("stndrh")) if last_day else None
    if last_day is not None and last_month == first_month and last_day <= first_day:
        return None

    def in_year(year: int) -> _Period | None:
        if last_day is None:
            return _day_period(year, first_month, first_day)
        first = _safe_date(year, first_month, first_day)
        last = _safe_date(year + (last_month < first_month), last_month, last_day)
        return _Period(first, last, "interval") if first and last and first < last else None

    is_range = last_day is not None
    if match["y"]:
        return _candidate(match, in_year(int(match["y"])), is_range=is_range)
    period = _choose_yearly(in_year, context, _DAY_GRACE)
    return _candidate(match, period, is_range=is_range, yearless=in_year)


def _on_month_year(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    return _candidate(match, _month_period(int(match["y"]), _month_number(match["m"])))


def _on_bare_month(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    name, relation = match["m"], (match["rel"] or "").lower()
    weak = False
    if not relation and not (context.standalone and not text[:match.start()].strip()):
        before = _MONTH_BEFORE_STRICT if name in _AMBIGUOUS_MONTHS else _MONTH_BEFORE_LOOSE
        window = max(0, match.start() - _LOOKBACK), match.start()
        if not before.search(text, *window):
            if not _MONTH_BEFORE_RANGE.search(text, *window):
                return None
            weak = True
    month = _month_number(name)

    def in_year(year: int) -> _Period:
        return _month_period(year, month)

    published = context.published
    if published is None:
        return None
    if relation == "this":
        period = in_year(published.year)
    else:
        mode = {"last": "last", "next": "next", "coming": "future"}.get(relation) or _mode(context.tense)
        period = _choose([in_year(published.year + offset) for offset in (-1, 0, 1)], published, mode)
    return _candidate(match, period, weak=weak, yearless=in_year)


def _on_year(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    if _NOT_YEAR_BEFORE.search(text, max(0, match.start() - _LOOKBACK), match.start()):
        return None
    if _NOT_YEAR_AFTER.match(text, match.end()):
        return None
    year = int(match["y"])
    return _candidate(match, _Period(date(year, 1, 1), date(year, 12, 31), "year"))


def _on_decade(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    year = int(match["y"])
    return _candidate(match, _Period(date(year, 1, 1), date(year + 9, 12, 31), "interval"))


def _on_relative_day(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    word = " ".join(match["w"].lower().split()).removeprefix("the ")
    if word[0] != match["w"][0] and match.start() > 0 and _is_inside_name(text, match.start()):
        return None  # "Russia Today", "USA Today"
    if context.published is None:
        return None
    offset = {"day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1,
              "day after tomorrow": 2}.get(word, 0)
    return _candidate(match, _day(context.published + timedelta(days=offset)))


def _on_weekday(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    window = max(0, match.start() - _LOOKBACK), match.start()
    if _NOT_WEEKDAY_AFTER.match(text, match.end()) or _NOT_WEEKDAY_BEFORE.search(text, *window):
        return None
    published = context.published
    if published is None:
        return None
    weekday = _WEEKDAYS[match["wd"].lower()]
    relation = (match["rel"] or "").lower()
    if relation == "this":
        return _candidate(match, _day(_monday(published) + timedelta(days=weekday)))
    days = [published + timedelta(days=offset) for offset in range(-14, 15)]
    occurrences = [_day(d) for d in days if d.weekday() == weekday]
    mode = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(relation)
    default = "nearest" if context.nearest else "past"
    return _candidate(match, _choose(occurrences, published, mode or _mode(context.tense, default=default)))


def _on_calendar_unit(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    published = context.published
    if published is None:
        return None
    relation, unit, the = match["rel"].lower(), match["unit"].lower(), bool(match["the"])
    if relation == "past" or (the and relation == "last"):
        return _candidate(match, _Period(_shift(published, unit, -1), published, "interval"))
    if the and relation in ("next", "coming"):
        return _candidate(match, _Period(published, _shift(published, unit, 1), "interval"))
    step = {"last": -1, "next": 1, "coming": 1}.get(relation, 0)
    if unit == "weekend":
        saturday = _monday(published) + timedelta(days=5 + 7 * step)
        return _candidate(match, _Period(saturday, saturday + timedelta(days=1), "interval"))
    return _candidate(match, _unit_period(_shift(published, unit, step), unit))


def _on_the_unit(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    if context.published is None:
        return None
    return _candidate(match, _unit_period(context.published, match["unit"].lower()), weak=True)


def _on_weekend(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    published = context.published
    if published is None:
        return None
    saturday = _monday(published) + timedelta(days=5)
    occurrences = [_Period(saturday + timedelta(weeks=w), saturday + timedelta(weeks=w, days=1), "interval")
                   for w in range(-2, 3)]
    if context.tense == "future":
        return _candidate(match, _choose(occurrences, published, "future"))
    if context.nearest:
        return _candidate(match, _choose(occurrences, published, "nearest"))
    # Past (the news default): the last weekend that had begun before the day of publication.
    return _candidate(match, _choose(occurrences, published - timedelta(days=1), "past"))


def _on_year_end(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    if context.published is None:
        return None
    year = context.published.year
    return _candidate(match, _Period(date(year, 9, 1), date(year, 12, 31), "interval"), is_end=True)


def _on_ago(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    if context.published is None:
        return None
    unit = match["unit"].lower()
    moment = _shift(context.published, unit, -_number(match["n"]))
    return _candidate(match, _unit_period(moment, "year" if unit == "decade" else unit))


_DURATION_BEFORE = re.compile(r"(?i)\b(first|last|highest|lowest|worst|best|biggest|largest|time|since)\b[^.;]{0,60}$")


def _on_in_units(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    published = context.published
    if published is None:
        return None
    if match["prep"].lower() == "in" and _DURATION_BEFORE.search(text[: match.start()]):
        return None  # "the first visit in eleven years", "the worst crisis in decades": a span, not a date
    unit, count = match["unit"].lower(), _number(match["n"])
    moment = _shift(published, unit, count)
    if match["prep"].lower() == "within":
        return _candidate(match, _Period(published, moment, "interval"))
    return _candidate(match, _unit_period(moment, unit))


def _on_span(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    published = context.published
    if published is None or match["n"].lower() in ("a", "an"):
        return None
    unit, count = match["unit"].lower(), _number(match["n"])
    if match["dir"].lower() in ("past", "last"):
        return _candidate(match, _Period(_shift(published, unit, -count), published, "interval"))
    return _candidate(match, _Period(published, _shift(published, unit, count), "interval"))


def _on_season(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    season, relation = match["s"].lower(), (match["rel"] or "").lower()
    start_month, months = _SEASONS[season]

    def in_year(year: int) -> _Period:
        first = date(year, start_month, 1)
        return _Period(first, _month_end(_add_months(first, months - 1)), "interval")

    if match["y"]:
        return _candidate(match, in_year(int(match["y"])))
    if not relation:
        if not _SEASON_BEFORE.search(text, max(0, match.start() - _LOOKBACK), match.start()):
            return None
        if season == "fall" and (not match["the"] or re.match(r"\s+of\b", text[match.end():])):
            return None  # "the fall of Saigon"
    elif season == "fall" and relation == "past":
        return None
    published = context.published
    if published is None:
        return None
    occurrences = [in_year(published.year + offset) for offset in (-1, 0, 1)]
    if relation == "this":
        containing = [p for p in occurrences if p.first <= published <= p.last]
        period = containing[0] if containing else in_year(published.year)
    else:
        mode = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(relation)
        period = _choose(occurrences, published, mode or _mode(context.tense))
    return _candidate(match, period)


def _on_quarter(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    if context.published is None:
        return None
    year = context.published.year
    index = _ORDINALS[match["ord"].lower()] % 4
    first, last = _part(date(year, 1, 1), date(year, 12, 31), 4, index)
    return _candidate(match, _Period(first, last, "interval"))


def _on_clock(match: re.Match[str], text: str, context: _Context) -> _Candidate | None:
    return _Candidate(match.start(), match.end(), None)


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str, _Context], _Candidate | None]], ...] = (
    (_ISO, _on_iso),
    (_NUMERIC, _on_numeric),
    (_MONTH_DAY, _on_month_day),
    (_DAY_MONTH, _on_month_day),
    (_MONTH_YEAR, _on_month_year),
    (_BARE_MONTH, _on_bare_month),
    (_YEAR_ALONE, _on_year),
    (_DECADE, _on_decade),
    (_RELATIVE_DAY, _on_relative_day),
    (_WEEKDAY_RE, _on_weekday),
    (_CALENDAR_UNIT, _on_calendar_unit),
    (_THE_UNIT, _on_the_unit),
    (_WEEKEND, _on_weekend),
    (_YEAR_END, _on_year_end),
    (_AGO, _on_ago),
    (_IN_UNITS, _on_in_units),
    (_SPAN, _on_span),
    (_SEASON, _on_season),
    (_QUARTER, _on_quarter),
    (_CLOCK, _on_clock),
)


# --- calendar arithmetic ----------------------------------------------------------------------------------------

def _mode(tense: str | None, default: str = "nearest") -> str:
    return tense or default


def _choose(occurrences: list[_Period | None], published: date, mode: str, grace: int = 0) -> _Period | None:
    """Pick the occurrence of a recurring period (a weekday, a month, a month-day) that the tense points to.

    Modes: "past" the latest begun by publication, "future" the earliest not yet over, "last" the latest over
    before publication, "next" the earliest beginning after it, "nearest" the closest (ties go to the past).
    """
    slack = timedelta(days=grace)
    periods = [p for p in occurrences if p is not None]
    if mode == "past":
        periods = [p for p in periods if p.first <= published + slack]
        return max(periods, key=lambda p: p.first, default=None)
    if mode == "future":
        periods = [p for p in periods if p.last >= published - slack]
        return min(periods, key=lambda p: p.first, default=None)
    if mode == "last":
        return max((p for p in periods if p.last < published), key=lambda p: p.first, default=None)
    if mode == "next":
        return min((p for p in periods if p.first > published), key=lambda p: p.first, default=None)

    def distance(period: _Period) -> int:
        if period.first <= published <= period.last:
            return 0
        return min(abs((period.first - published).days), abs((period.last - published).days))

    return min(periods, key=lambda p: (distance(p), p.first), default=None)


def _choose_yearly(in_year: Callable[[int], _Period | None], context: _Context, grace: int) -> _Period | None:
    published = context.published
    if published is None:
        return None
    occurrences = [in_year(published.year + offset) for offset in (-1, 0, 1)]
    return _choose(occurrences, published, _mode(context.tense), grace)


def _latest_not_after(in_year: Callable[[int], _Period | None], limit: date) -> _Period | None:
    for year in (limit.year, limit.year - 1):
        period = in_year(year)
        if period is not None and period.first <= limit:
            return period
    return None


def _earliest_not_before(in_year: Callable[[int], _Period | None], limit: date) -> _Period | None:
    for year in (limit.year, limit.year + 1):
        period = in_year(year)
        if period is not None and period.last >= limit:
            return period
    return None


def _part(first: date, last: date, parts: int, index: int) -> tuple[date, date]:
    """The index-th of `parts` equal parts of an interval: whole months where the interval is whole months."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and last.year > first.year:
        years = last.year - first.year + 1  # a decade: "the early 1990s" is 1990-1992, "the late 1990s" 1997-1999
        return (date(first.year + round(index * years / parts), 1, 1),
                date(first.year + round((index + 1) * years / parts) - 1, 12, 31))
    if first.day == 1 and last == _month_end(last):
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months == 1 and parts == 3:
            bounds = ((1, 10), (11, 20), (21, last.day))[index]
            return first.replace(day=bounds[0]), first.replace(day=bounds[1])
        if months % parts == 0:
            size = months // parts
            return _add_months(first, index * size), _month_end(_add_months(first, (index + 1) * size - 1))
    days = (last - first).days + 1
    if days < parts:
        return first, last
    return (first + timedelta(days=index * days // parts),
            first + timedelta(days=(index + 1) * days // parts - 1))


def _unit_period(moment: date, unit: str) -> _Period:
    if unit == "day":
        return _day(moment)
    if unit == "week":
        monday = _monday(moment)
        return _Period(monday, monday + timedelta(days=6), "interval")
    if unit == "month":
        return _month_period(moment.year, moment.month)
    return _Period(date(moment.year, 1, 1), date(moment.year, 12, 31), "year")


def _shift(moment: date, unit: str, count: int) -> date:
    if unit == "day":
        return moment + timedelta(days=count)
    if unit in ("week", "weekend"):
        return moment + timedelta(weeks=count)
    months = {"month": 1, "year": 12, "decade": 120}[unit]
    return _add_months(moment, months * count)


def _add_months(moment: date, count: int) -> date:
    index = moment.year * 12 + moment.month - 1 + count
    year, month = divmod(index, 12)
    return date(year, month + 1, min(moment.day, calendar.monthrange(year, month + 1)[1]))


def _month_end(moment: date) -> date:
    return moment.replace(day=calendar.monthrange(moment.year, moment.month)[1])


def _month_period(year: int, month: int) -> _Period:
    first = date(year, month, 1)
    return _Period(first, _month_end(first), "month")


def _monday(moment: date) -> date:
    return moment - timedelta(days=moment.weekday())


def _day(moment: date) -> _Period:
    return _Period(moment, moment, "day")


def _day_period(year: int, month: int, day: int) -> _Period | None:
    moment = _safe_date(year, month, day)
    return _day(moment) if moment else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str) -> int:
    key = name.rstrip(".").lower()
    return _MONTHS.get(key) or _MONTH_ABBREVIATIONS[key]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _is_inside_name(text: str, start: int) -> bool:
    """A capitalised word mid-sentence after another word, as "Today" in "Russia Today"."""
    before = text[:start].rstrip()
    return bool(before) and before[-1].isalnum()


def _iso(moment: date | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _parse_absolute(expression: str, *, day_first: bool = False) -> When | None:
    """Parse a full date in any form dateparser knows; only strings with a year, so nothing relative slips in."""
    if not re.search(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", expression):
        return None
    import dateparser  # imported here: it is slow to load and most text never needs it

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    if day_first:
        settings["DATE_ORDER"] = "DMY"
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date().isoformat()
    return When(start=day, end=day, precision="day", text=expression)
