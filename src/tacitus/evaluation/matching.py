"""Match one article's predicted events to its gold records, one to one, and give every error its cause.

A prediction **matches** a gold record when they have the same country-level dyad (either direction when
either code is mutual), the same CAMEO root, the same status and overlapping date windows (an open bound
overlaps anything). Matching is greedy: of all the pairs that match, the one that agrees best (same code,
same direction, date within the gold window, a shared sentence, same sectors, same place country) is taken
first, then the next best among those left, and so on; ties go to the earlier gold record, then the earlier
prediction.

Gold records marked `background` are optional: they are matched after the others, and a prediction
matched to one is neither right nor wrong. What is left is explained: a missed record is paired with a
leftover prediction **from a sentence that reports it** (one of its mentions contains the prediction's
sentence, or the reverse: the annotator and the coder split sentences differently) by the first relation
of this list that holds (greedily again, within each relation):

- **wrong status**: same dyad and root; another status (whatever the date).
- **wrong date**: same dyad, root and status; date windows that do not overlap.
- **actor unresolved**: same root; the dyad differs only where the coder left an actor unresolved ("---")
  that the gold places in a country or organisation.
- **wrong source**: same root; the target is the gold's, the source another.
- **wrong target**: same root; the target is another (another country, none where the gold has one, one
  where the gold has none); the source may be wrong too.
- **wrong root**: same dyad; another root.

The missed record and that prediction share the cause (one error seen from both sides). A missed record
with no such prediction has the cause **no trigger**: no leftover prediction from a sentence that reports
it has its root or its dyad.
A leftover prediction that explains no miss is, in this order:

- **duplicate of another event**: another prediction already stands for its event: it has the dyad and
  root of a gold record that another prediction matched, or explained as a wrong status or date; or it
  would match (dyad, root, status, overlapping dates) an earlier leftover prediction of the same article,
  as if that one were gold;
- **background or history**: it has the dyad and root of a background record but does not match it
  (another date, or another status);
- **not an event**: anything else, which includes every event predicted on a negative article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .records import UNRESOLVED, EventRecord, date_within, dates_overlap, is_mutual, same_dyad, shares_mention

NO_TRIGGER = "no trigger"
ACTOR_UNRESOLVED = "actor unresolved"
WRONG_SOURCE = "wrong source"
WRONG_TARGET = "wrong target"
WRONG_ROOT = "wrong root"
WRONG_STATUS = "wrong status"
WRONG_DATE = "wrong date"
DUPLICATE = "duplicate of another event"
BACKGROUND = "background or history"
NOT_AN_EVENT = "not an event"
#: Every cause, in the order reports list them.
CAUSES = (NO_TRIGGER, ACTOR_UNRESOLVED, WRONG_TARGET, WRONG_SOURCE, WRONG_ROOT, WRONG_STATUS, WRONG_DATE,
          DUPLICATE, BACKGROUND, NOT_AN_EVENT)

Relation = Callable[[EventRecord, EventRecord], bool]


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold record and the prediction paired with it."""

    gold: EventRecord
    predicted: EventRecord


@dataclass(frozen=True, slots=True)
class Error:
    """A missed gold record or a false event, with its cause.

    Attributes:
        article: the article's id.
        missed: True for a missed gold record, False for a false event.
        cause: one of `CAUSES`.
        gold: the missed record; for a false event, the record it was mistaken for, duplicates or belongs
            to the background of, if any.
        predicted: the false event; for a miss, the leftover prediction that explains it, if any.
    """

    article: str
    missed: bool
    cause: str
    gold: EventRecord | None
    predicted: EventRecord | None


@dataclass(frozen=True, slots=True)
class ArticleMatch:
    """The outcome for one article.

    Attributes:
        matched: the true positives.
        background: predictions matched to background records (neither right nor wrong).
        misses: gold records (not background) left unmatched, each with its cause.
        false_events: predictions left unmatched, each with its cause.
    """

    matched: tuple[Pair, ...]
    background: tuple[Pair, ...]
    misses: tuple[Error, ...]
    false_events: tuple[Error, ...]


def matches(gold: EventRecord, predicted: EventRecord) -> bool:
    """The record-level match: same dyad (either way when mutual), root and status; overlapping dates."""
    return detects(gold, predicted) and gold.status == predicted.status and dates_overlap(gold, predicted)


def detects(gold: EventRecord, predicted: EventRecord) -> bool:
    """Event detection: same dyad (either way when mutual) and root, whatever the status and date."""
    return gold.root == predicted.root and same_dyad(gold, predicted)


def finds(gold: EventRecord, predicted: EventRecord) -> bool:
    """The coder found the event, whoever it says did it: same root, from a sentence that reports it."""
    return gold.root == predicted.root and shares_mention(gold, predicted)


def agreement(gold: EventRecord, predicted: EventRecord) -> int:
    """How many details of the two records agree: the order in which the greedy matching takes pairs."""
    return sum((
        gold.code == predicted.code,
        gold.dyad == predicted.dyad,
        gold.status == predicted.status,
        dates_overlap(gold, predicted),
        date_within(gold, predicted),
        shares_mention(gold, predicted),
        gold.source.sector == predicted.source.sector,
        (gold.target and gold.target.sector) == (predicted.target and predicted.target.sector),
        gold.place_country is not None and gold.place_country == predicted.place_country,
    ))


def pair_greedily(gold: Sequence[EventRecord], predicted: Sequence[EventRecord],
                  related: Relation) -> list[tuple[int, int]]:
    """Pair gold and predicted records one to one among those `related`, best agreement first.

    Returns:
        (gold position, predicted position) pairs, in the order they were taken.
    """
    candidates = sorted(
        (-agreement(g, p), i, j)
        for i, g in enumerate(gold) for j, p in enumerate(predicted) if related(g, p))
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in taken_gold and j not in taken_predicted:
            taken_gold.add(i)
            taken_predicted.add(j)
            pairs.append((i, j))
    return pairs


def _orientations(gold: EventRecord, predicted: EventRecord) -> list[tuple[str, str | None]]:
    """The predicted dyad as it may be read against the gold: as given, and swapped when mutual."""
    readings = [predicted.dyad]
    if predicted.target is not None and is_mutual(gold, predicted):
        readings.append((predicted.target_key, predicted.source.key))
    return readings


def _wrong_status(gold: EventRecord, predicted: EventRecord) -> bool:
    return finds(gold, predicted) and same_dyad(gold, predicted) and gold.status != predicted.status


def _wrong_date(gold: EventRecord, predicted: EventRecord) -> bool:
    return (finds(gold, predicted) and same_dyad(gold, predicted) and gold.status == predicted.status
            and not dates_overlap(gold, predicted))


def _unresolved_only(gold_key: str | None, predicted_key: str | None) -> bool:
    return predicted_key == gold_key or (predicted_key == UNRESOLVED and gold_key not in (None, UNRESOLVED))


def _actor_unresolved(gold: EventRecord, predicted: EventRecord) -> bool:
    return finds(gold, predicted) and any(
        _unresolved_only(gold.source.key, source) and _unresolved_only(gold.target_key, target)
        for source, target in _orientations(gold, predicted))


def _wrong_source(gold: EventRecord, predicted: EventRecord) -> bool:
    return finds(gold, predicted) and any(
        target == gold.target_key and source != gold.source.key for source, target in _orientations(gold, predicted))


def _wrong_target(gold: EventRecord, predicted: EventRecord) -> bool:
    return finds(gold, predicted)


def _wrong_root(gold: EventRecord, predicted: EventRecord) -> bool:
    return gold.root != predicted.root and same_dyad(gold, predicted) and shares_mention(gold, predicted)


#: The relations that explain a miss by a leftover prediction, in the order they are tried.
EXPLANATIONS: tuple[tuple[str, Relation], ...] = (
    (WRONG_STATUS, _wrong_status),
    (WRONG_DATE, _wrong_date),
    (ACTOR_UNRESOLVED, _actor_unresolved),
    (WRONG_SOURCE, _wrong_source),
    (WRONG_TARGET, _wrong_target),
    (WRONG_ROOT, _wrong_root),
)


def match_article(gold: Sequence[EventRecord], predicted: Sequence[EventRecord]) -> ArticleMatch:
    """Match the predicted events of one article to its gold records and explain what is left.

    Args:
        gold: the article's gold records (background ones included; none for a negative article).
        predicted: the events coded from the article.

    Returns:
        The true positives, the predictions set aside as background, and every miss and false event
        with its cause (see the module docstring).
    """
    news = [g for g in gold if not g.background]
    history = [g for g in gold if g.background]
    every_background = tuple(history)
    left = list(predicted)

    def take(records: list[EventRecord], related: Relation) -> list[Pair]:
        pairs = pair_greedily(records, left, related)
        found = [Pair(records[i], left[j]) for i, j in pairs]
        for _, j in sorted(pairs, key=lambda pair: -pair[1]):
            del left[j]
        for i in sorted((i for i, _ in pairs), reverse=True):
            del records[i]
        return found

    matched = take(news, matches)
    background = take(history, matches)
    misses: list[Error] = []
    false_events: list[Error] = []
    explained: list[EventRecord] = []  # gold records a prediction of the same dyad and root stands for
    for cause, related in EXPLANATIONS:
        for pair in take(news, related):
            misses.append(Error(pair.gold.article, True, cause, pair.gold, pair.predicted))
            false_events.append(Error(pair.gold.article, False, cause, pair.gold, pair.predicted))
            if cause in (WRONG_STATUS, WRONG_DATE):
                explained.append(pair.gold)
    misses.extend(Error(g.article, True, NO_TRIGGER, g, None) for g in news)
    taken = [pair.gold for pair in matched] + explained
    earlier: list[EventRecord] = []
    for record in left:
        false_events.append(_false_event(record, taken, every_background, earlier))
        earlier.append(record)
    return ArticleMatch(tuple(matched), tuple(background), tuple(misses),
                        tuple(sorted(false_events, key=lambda error: error.predicted.index)))


def _false_event(record: EventRecord, taken: Sequence[EventRecord], history: Sequence[EventRecord],
                 earlier: Sequence[EventRecord]) -> Error:
    for gold in taken:
        if detects(gold, record):
            return Error(record.article, False, DUPLICATE, gold, record)
    for other in earlier:
        if matches(other, record):
            return Error(record.article, False, DUPLICATE, None, record)
    for gold in history:
        if detects(gold, record):
            return Error(record.article, False, BACKGROUND, gold, record)
    return Error(record.article, False, NOT_AN_EVENT, None, record)
