"""The time component: each event candidate's date interval, resolved against the publication date.

The time expressions of the sentence (tacitus.when) are attached to the event whose trigger governs them in
the parse; an event named by a noun takes the date of the verb that carries it ("endorsed the deal Tuesday during
his meeting with Sarkozy"); a sentence with one unattached expression gives it to all its events. An event the
sentence gives no date takes the date of an earlier mention of the same event (same root, actors and status),
else the one time the page's headline gives it (`doc._.tacitus_headline` names its trigger's word), else the
publication date bounds it. In a page without a publication date, weekdays and month-days resolve to the
occurrence nearest the latest full date the text gives (a photo caption's "Saturday, Nov. 24, 2012"). An event
dated weeks before publication is background: history the story tells, not news of the day.

The component writes `doc._.tacitus_dates`; what a date after publication says about the status is the status
component's to judge.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ..knowledge_files import KnowledgeFiles
from ..model import When
from ..when import TimeExpression, find_time_expressions, publication_window
from .base import Component
from .candidate import Candidate, Dating, named_by_noun
from .mentions import doc_text, sentence_of, span_text
from .status import StatusCues

_OTHER_EVENT, _REPORT_TIME = -1, -2
# Letters of a word that a headline's word and a trigger share when they name the same act.
_STEM = 5  # owners of a time expression that is not an event's own date
#: An occurred event whose date ends this many days before publication is background (GUIDELINES: about four weeks).
BACKGROUND_DAYS = 28
# Dependencies of a clause on the clause whose time it shares.
_CLAUSE_TO_CLAUSE = frozenset({"advcl", "conj", "xcomp"})
# Prepositions through which a verb's clause tells how the verb above it was done ("joined … in condemning the
# group", "responded by firing"): it happens at that verb's time.
_MANNER = frozenset({"in", "by"})
# Prepositions that set an event inside another ("during the clash", "at the summit"): its time is the other's.
_DURING = frozenset({"during", "amid", "amidst", "throughout", "at"})
# Dependencies through which a date before a noun dates the thing it names ("the April 22 report", "Sunday's vote").
_PREMODIFIERS = frozenset({"nmod", "compound", "poss", "npadvmod", "amod", "nummod"})
# A caption's date: the sentence ends ", Bahrain, April 6, 2011." or opens "In this Sunday, July 7, 2013, photo".
_SCENE_BEFORE = re.compile(r"(?:,\s*|^\s*(?:FILE\s*[-–—]\s*)?(?:In\s+)?this\s+)$", re.IGNORECASE)
_SCENE_AFTER = re.compile(r"\W*$")
_SCENE_OPENING = re.compile(r"\s*,")
# Dependencies through which a noun names an event of the verb above it ("during his meeting", "at a summit").
_NOUN_TO_VERB = frozenset({"pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "compound",
                           "npadvmod"})


def _tense(trigger: Token, status: str) -> str | None:
    if status in ("planned", "requested"):
        return "future"
    if trigger.tag_ in ("VBD", "VBN"):
        return "past"
    if any(c.lower_ in ("will", "shall", "'ll") for c in trigger.children):
        return "future"
    return None


def _clause_above(node: Token) -> Token | None:
    """The verb whose time a clause shares: the one it depends on as a clause, or through "in"/"by"."""
    if node.dep_ in _CLAUSE_TO_CLAUSE and node.head is not node:
        return node.head
    if node.dep_ == "pcomp" and node.head.lower_ in _MANNER and node.head.head.pos_ in ("VERB", "AUX"):
        return node.head.head
    return None


def _governing_verb(trigger: Token) -> Token | None:
    """The verb a noun trigger is an argument of, or a circumstance of through one preposition ("meeting" in
    "endorsed … during his meeting"); None when a noun stands between ("in response to the invasion")."""
    node = trigger
    for _ in range(2):
        if node.dep_ not in _NOUN_TO_VERB or node.head is node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.pos_ != "ADP":
            return None
    return None


def _anchor(doc: Doc) -> date | None:
    """The latest full date (day, month and year) the text gives: the reference of a page without a publication
    date."""
    days = [e.when.start for e in find_time_expressions(doc_text(doc), None)
            if e.when.precision == "day" and e.when.start == e.when.end and e.when.start]
    return date.fromisoformat(max(days)) if days else None


class TimeResolver(Component):
    """Write `doc._.tacitus_dates`, one `Dating` per candidate of `doc._.tacitus_candidates`."""

    def configure(self, files: KnowledgeFiles) -> None:
        self.event_nouns = files.lexicon.noun_heads
        self.reporting = files.modality.reporting
        self.modality = files.modality
        self.cues = StatusCues(files.modality, files.grammar)
        self.grammar = files.grammar

    def __call__(self, doc: Doc) -> Doc:
        published: date | None = doc._.tacitus_published
        anchor = _anchor(doc) if published is None else None
        all_candidates: list[Candidate] = doc._.tacitus_candidates
        all_triggers = {c.trigger for c in all_candidates}
        dates: list[Dating | None] = [None] * len(all_candidates)
        statuses: list[str] = [self.cues.of(doc, c, all_triggers)[0] for c in all_candidates]
        by_sentence: dict[int, list[tuple[int, Candidate]]] = {}
        for position, candidate in enumerate(all_candidates):
            by_sentence.setdefault(sentence_of(doc[candidate.trigger]).start, []).append((position, candidate))
        timeless: set[int] = set()  # candidates of sentences that name no time but other events' dates
        for sent_start, candidates in by_sentence.items():
            sentence = _Sentence(self, sentence_of(doc[sent_start]), {c.trigger for _, c in candidates}, published,
                                 anchor)
            for position, candidate in candidates:
                dates[position] = sentence.dating(doc[candidate.trigger], candidate, statuses[position])
                if not sentence.timed:
                    timeless.add(position)
        dates = _carried(all_candidates, dates, statuses, timeless, self.modality.is_reciprocal)
        dates = _from_headline(doc, doc._.tacitus_headline, published or anchor, dates, statuses, timeless)
        doc._.tacitus_dates = [
            _with_background(_until_published(d, s, published), s, published, self._running_total(doc[c.trigger], c))
            for d, s, c in zip(dates, statuses, all_candidates)]
        return doc

    def _running_total(self, trigger: Token, candidate: Candidate) -> bool:
        """Whether the event is a running total ("to date, … has conducted 198 airstrikes")."""
        verb = _governing_verb(trigger) if named_by_noun(candidate, trigger) else trigger
        if verb is None:
            return False
        phrases = self.grammar.running_total_phrases
        return any(" ".join(t.lower_ for t in child.subtree) in phrases
                   for child in verb.children if child.dep_ in ("prep", "advmod", "npadvmod"))

    def owner(self, sent: Span, expression: TimeExpression, triggers: set[int]) -> tuple[int | None, Token | None]:
        """The trigger that governs the expression in the parse, if any, and the verb it reaches first on the way up
        without passing an event noun (None when it passes one: "since the invasion in February 2022")."""
        start_char = sent.start_char + expression.start
        end_char = sent.start_char + expression.end
        span = sent.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return None, None
        node = span.root
        for _ in range(8):
            if node.i in triggers:
                return node.i, node
            if (node.i != span.root.i and node.i == span.root.head.i and span.root.i < node.i
                    and span.root.dep_ in _PREMODIFIERS and node.pos_ in ("NOUN", "PROPN")
                    and node.ent_type_ not in ("DATE", "TIME")):
                return _OTHER_EVENT, None  # "welcomes the April 22 joint report": the report's date
            if (node.pos_ == "NOUN" and node.lemma_.lower() in self.event_nouns and node not in span
                    and not (node.dep_ == "pobj" and node.head.lower_ in _DURING)):
                # the date of another event ("the talks … on May 18"), not of this one; but what happens during
                # an event happens at its time ("arrested protesters during their clash Saturday")
                return _OTHER_EVENT, None
            if node.pos_ == "VERB" and node not in span:
                carried = next((c.i for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                                and c.i in triggers), None)
                if carried is None and node.dep_ in ("acl", "relcl") and node.head.i in triggers:
                    carried = node.head.i  # "the summit held in Washington on April 28"
                if carried is not None:
                    return carried, node  # "the meeting was held on Monday": the date of the event the verb carries
                if node.lemma_.lower() in self.reporting:
                    return _REPORT_TIME, node  # when it was said, not when it happens
                return _OTHER_EVENT, node  # "since Japan purchased the islands in 2012": the date of that clause
            if node.head is node:
                return None, None
            node = node.head
        return None, None


class _Sentence:
    """The time expressions of one sentence, sorted by what they date, and the dating of its candidates."""

    def __init__(self, resolver: TimeResolver, sent: Span, triggers: set[int], published: date | None,
                 anchor: date | None) -> None:
        self.text = span_text(sent)
        self.published, self.anchor = published, anchor
        self.attached: dict[int, TimeExpression] = {}
        self.loose: list[TimeExpression] = []
        self.reported: list[TimeExpression] = []
        self.by_verb: dict[int, TimeExpression] = {}  # verb index → the expression it governs directly
        self.resolved: dict[str | None, list[TimeExpression]] = {None: self._find(None)}
        self.timed = False  # whether the sentence names a time other than the date of an event noun
        self.scene = next((e for e in self.resolved[None] if _is_scene_date(self.text, e)), None)
        for expression in self.resolved[None]:
            owner, verb = resolver.owner(sent, expression, triggers)
            self.timed = self.timed or not (owner == _OTHER_EVENT and verb is None)
            if verb is not None and owner != _REPORT_TIME:
                self.by_verb.setdefault(verb.i, expression)
            if owner == _OTHER_EVENT:
                continue
            if owner == _REPORT_TIME:
                self.reported.append(expression)
            elif owner is None:
                self.loose.append(expression)
            else:
                self.attached.setdefault(owner, expression)

    def _find(self, tense: str | None) -> list[TimeExpression]:
        found = find_time_expressions(self.text, self.published, tense=tense)
        if self.anchor is None:
            return found
        # Without a publication date, the days the text names near its latest full date ("Saturday").
        taken = [(e.start, e.end) for e in found]
        for expression in find_time_expressions(self.text, self.anchor, nearest=True):
            if expression.when.precision == "day" and all(expression.end <= s or expression.start >= e
                                                          for s, e in taken):
                found.append(expression)
        return sorted(found, key=lambda e: e.start)

    def dating(self, trigger: Token, candidate: Candidate, status: str) -> Dating:
        """The date of one candidate of the sentence."""
        tense = _tense(trigger, status)
        expression = self.attached.get(candidate.trigger)
        if expression is None:
            # the verb of a noun event, then the clause a clause depends on ("faced tight security Saturday as
            # they took to the streets in protest", "fired tear gas on Saturday as protesters marched")
            node = _governing_verb(trigger) if named_by_noun(candidate, trigger) else trigger
            for _ in range(2):
                if node is None:
                    break
                if node is not trigger and (node.i in self.by_verb or node.i in self.attached):
                    expression = self.attached.get(node.i) or self.by_verb[node.i]
                    tense = _tense(node, status)
                    break
                node = _clause_above(node)
        if expression is None:
            # "tried to arrest protesters during their clash on Saturday": the time of the event it happens in
            within = next((child for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in _DURING
                           for child in prep.children if child.dep_ == "pobj" and child.i in self.attached), None)
            expression = self.attached.get(within.i) if within is not None else None
        if expression is None and self.scene is not None:
            expression = self.scene  # a caption's date dates what the caption shows
        if expression is None and len(self.loose) == 1 and len(self.attached) == 0:
            expression = self.loose[0]
        if expression is None and len(self.reported) == 1 and status == "occurred":
            # "…, the ministry said on Monday": what was reported had happened by then
            expression, tense = self.reported[0], "past"
        if expression is None:
            return Dating(publication_window(self.published), False, tense)
        # resolve again with the event's tense ("on Wednesday" before or after publication)
        if tense not in self.resolved:
            self.resolved[tense] = self._find(tense)
        match = next((e for e in self.resolved[tense] if e.start == expression.start), expression)
        return Dating(match.when, True, tense)


def _is_scene_date(text: str, expression: TimeExpression) -> bool:
    """Whether a full date (day, month, year) is a caption's date: the last words of the sentence after a comma
    ("… in the village of Saar, Bahrain, April 6, 2011.") or the date of "In this Sunday, July 7, 2013, photo"."""
    when = expression.when
    if when.precision != "day" or when.start != when.end or not re.search(r"\b\d{4}\b", expression.text):
        return False
    if not _SCENE_BEFORE.search(text[:expression.start]):
        return False
    closes = _SCENE_AFTER.fullmatch(text[expression.end:]) is not None
    opens = text[:expression.start].strip().casefold().endswith("this") and _SCENE_OPENING.match(text, expression.end)
    return closes or bool(opens)


def _carried(candidates: list[Candidate], dates: list[Dating], statuses: list[str],
             timeless: set[int], reciprocal: Callable[[str], bool] = lambda code: False) -> list[Dating]:
    """Give an event whose sentence names no time (`timeless`: positions; the date of another event named by a noun,
    "this month's coup", does not count) the date of another mention of the same event: the same root, the same
    actors and the same status, the nearest earlier mention first, else the nearest later one (a lead without a
    date, then "The State Department said Tuesday it is freezing aid to Fiji"). Only dates the text gives carry; a
    sentence with a time of its own ("were invaded … starting in 2000") keeps to it."""
    carried = list(dates)
    for position, (candidate, dating) in enumerate(zip(candidates, dates)):
        if dating.explicit or position not in timeless:
            continue
        # in text order: the detector's candidates come after the rules' in the list, wherever they stand
        here = candidate.trigger
        others = [*sorted((o for o in range(len(candidates)) if candidates[o].trigger < here),
                          key=lambda o: -candidates[o].trigger),
                  *sorted((o for o in range(len(candidates)) if candidates[o].trigger > here),
                          key=lambda o: candidates[o].trigger)]
        for other in others:
            mention = candidates[other]
            if (dates[other].explicit and not dates[other].carried and mention.code[:2] == candidate.code[:2]
                    and statuses[other] == statuses[position]
                    and _same_actors(mention, candidate, reciprocal=reciprocal(candidate.code))
                    and mention.trigger != candidate.trigger):
                carried[position] = Dating(dates[other].when, True, dates[other].tense, carried=True)
                break
    return carried


def _from_headline(doc: Doc, headline: str | None, reference: date | None, dates: list[Dating], statuses: list[str],
                   timeless: set[int]) -> list[Dating]:
    """Give an occurred event that no sentence dates (`timeless`, not carried) the date its page's headline gives
    the same event: a headline that names its trigger's word ("Police Fire Rubber Bullets at Protesters Sunday" over
    "Police fired rubber bullets at thousands of protesters") and one time ("Sunday", "July 29")."""
    if not headline or reference is None:
        return dates
    named = [e for e in find_time_expressions(headline, reference, tense="past") if e.when.named]
    if len(named) != 1:
        return dates
    stems = {_stem(word) for word in re.findall(r"[^\W\d_]{4,}", headline.casefold())}
    given = []
    for position, dating in enumerate(dates):
        trigger = doc[doc._.tacitus_candidates[position].trigger]
        if (position in timeless and not dating.explicit and statuses[position] == "occurred"
                and {_stem(trigger.lemma_.casefold()), _stem(trigger.lower_)} & stems):
            dating = Dating(named[0].when, True, "past", carried=True)
        given.append(dating)
    return given


def _stem(word: str) -> str:
    """The first letters of a word, enough to match "fire", "fired" and "fires", or "strike" and "strikes"."""
    return word[:_STEM]


def _same_actors(first: Candidate, second: Candidate, *, reciprocal: bool = False) -> bool:
    """Both name the same sources and the same targets (by country or code), and at least one actor; for a
    mutual act (talks, a meeting), the same actors on either side ("Umarov welcomed Lu …", then "The Kazakh and
    U.S. delegations discussed …")."""
    def keys(actors) -> frozenset[str]:
        return frozenset(actor.key for actor in actors)

    if reciprocal:
        both = keys(first.sources) | keys(first.targets)
        return bool(keys(first.sources)) and len(both) > 1 and both == keys(second.sources) | keys(second.targets)
    return bool(keys(first.sources) and keys(first.sources) == keys(second.sources)
                and keys(first.targets) == keys(second.targets))


def _until_published(dating: Dating, status: str, published: date | None) -> Dating:
    """Cut at publication the window of an occurred event that runs past it: what a story reports as done or under
    way has happened by the day it is published ("is providing $32 million … in 2017", in a story of September
    20, 2017: January 1 to September 20, 2017). A window that starts after publication is left to the
    status component (an event dated after publication is planned)."""
    when = dating.when
    if status != "occurred" or published is None or when.start is None or when.end is None:
        return dating
    day = published.isoformat()
    if not when.start <= day < when.end:
        return dating
    return Dating(When(when.start, day, "interval", when.text), dating.explicit, dating.tense,
                  carried=dating.carried, background=dating.background)


def _with_background(dating: Dating, status: str, published: date | None, running_total: bool = False) -> Dating:
    """Mark an occurred event the text dates more than `BACKGROUND_DAYS` before publication as background, and a
    running total."""
    if running_total and status == "occurred":
        return Dating(dating.when, dating.explicit, dating.tense, carried=dating.carried, background=True)
    end = dating.when.end
    if not (dating.explicit and status == "occurred" and published is not None and end is not None):
        return dating
    if date.fromisoformat(end) >= published - timedelta(days=BACKGROUND_DAYS):
        return dating
    return Dating(dating.when, dating.explicit, dating.tense, carried=dating.carried, background=True)

