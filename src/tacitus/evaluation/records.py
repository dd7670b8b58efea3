"""Event records as the article-level scorer compares them: one shape for gold annotations and coded events.

A gold record (a line of `tests/realnews/gold.jsonl`'s `events`) and a coded `Event` both become an
`EventRecord`, whose actors are reduced to a country-level key: the ISO3 country, else the organisation code
for IGOs and NGOs, else "---" (an actor the text, or the coder, does not place in a country).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..modality import load_modality
from ..model import Actor, Event

UNRESOLVED = "---"
_ORGANISATION_SECTORS = ("IGO", "NGO")


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an event, as compared: its country-level key, its sector and the words of the mention."""

    key: str
    sector: str | None
    text: str


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event, gold or predicted, in the form the scorer compares.

    Attributes:
        article: the id of the article it belongs to.
        index: its position among the article's records (gold) or events (predicted).
        source: who acts.
        target: whom it is done to, or None.
        code: the CAMEO code; `root` its first two digits.
        status: occurred, planned, requested, hypothetical or negated.
        start: the first day of its date window (YYYY-MM-DD), None when open.
        end: the last day, None when open.
        place_name: where it happened, or None; `place_country` that place's country.
        mentions: the sentences that report it, whitespace collapsed (a coded event has one).
        background: a gold record the story tells as history or background.
        confidence: the coder's confidence (None for gold records).
        rule: the coder's rule (None for gold records).
    """

    article: str
    index: int
    source: Party
    target: Party | None
    code: str
    root: str
    status: str
    start: str | None
    end: str | None
    place_name: str | None = None
    place_country: str | None = None
    mentions: tuple[str, ...] = ()
    background: bool = False
    confidence: float | None = None
    rule: str | None = None

    @property
    def target_key(self) -> str | None:
        """The target's key, None for an event without a target."""
        return self.target.key if self.target is not None else None

    @property
    def dyad(self) -> tuple[str, str | None]:
        """(source key, target key)."""
        return (self.source.key, self.target_key)

    @property
    def dated(self) -> bool:
        """Whether the record gives at least one bound of its date window."""
        return self.start is not None or self.end is not None

    def describe(self) -> str:
        """One line for reports: "USA→RUS 042 planned [2023-11-01..2023-11-30]"."""
        window = f"{self.start or '…'}..{self.end or '…'}"
        return f"{self.source.key}→{self.target_key or '-'} {self.code} {self.status} [{window}]"


def collapse(text: str) -> str:
    """Text with runs of whitespace made one space, as the gold's mentions are written."""
    return " ".join(text.split())


def actor_key(actor: Actor | None) -> str | None:
    """The country-level key of a coded actor: its country, an organisation's code, else "---"; None for none."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    if actor.sector in _ORGANISATION_SECTORS or actor.code.startswith(_ORGANISATION_SECTORS):
        return actor.code
    return UNRESOLVED


def is_mutual(first: EventRecord, second: EventRecord) -> bool:
    """Whether two records may match in either direction: either code is one of the lexicon's reciprocal codes.

    The list is `reciprocal_codes` in data/lexicon/modality.yaml (talks and meetings "04", agreements "057",
    cooperation "06", fighting "19", ceasefires "0871"…), the one the coder itself uses for "X and Y held talks".
    """
    modality = load_modality()
    return modality.is_reciprocal(first.code) or modality.is_reciprocal(second.code)


def same_dyad(gold: EventRecord, predicted: EventRecord) -> bool:
    """Same source and target keys, or the two swapped when the event is mutual."""
    if gold.dyad == predicted.dyad:
        return True
    swapped = (predicted.target_key, predicted.source.key)
    return predicted.target is not None and gold.dyad == swapped and is_mutual(gold, predicted)


def dates_overlap(gold: EventRecord, predicted: EventRecord) -> bool:
    """Whether the two date windows share a day; a missing bound is open (no bound at all overlaps anything)."""
    starts_in_time = gold.start is None or predicted.end is None or predicted.end >= gold.start
    ends_in_time = gold.end is None or predicted.start is None or predicted.start <= gold.end
    return starts_in_time and ends_in_time


def date_within(gold: EventRecord, predicted: EventRecord) -> bool:
    """Whether the predicted window lies within (or equals) the gold one: every gold bound given is kept.

    A gold bound that is open accepts anything on that side; a gold bound that is given needs a predicted
    bound on the same side that does not go past it (an open predicted window is not within a closed one).
    """
    start_kept = gold.start is None or (predicted.start is not None and predicted.start >= gold.start)
    end_kept = gold.end is None or (predicted.end is not None and predicted.end <= gold.end)
    return start_kept and end_kept


def shares_mention(gold: EventRecord, predicted: EventRecord) -> bool:
    """Whether the predicted event comes from a sentence that reports the gold one.

    Sentences are split differently by the annotator and the coder, so one containing the other counts.
    """
    return any(p in g or g in p for p in predicted.mentions for g in gold.mentions if p and g)


def _party(raw: Mapping[str, Any] | None) -> Party | None:
    if raw is None:
        return None
    return Party(raw.get("country") or UNRESOLVED, raw.get("sector"), raw.get("text") or "")


def gold_records(article_id: str, events: Sequence[Mapping[str, Any]]) -> tuple[EventRecord, ...]:
    """The records of one article's gold annotation (its `events` list, as in gold.jsonl)."""
    records = []
    for index, event in enumerate(events):
        date = event.get("date") or {}
        place = event.get("place") or {}
        records.append(EventRecord(
            article=article_id, index=index, source=_party(event["source"]) or Party(UNRESOLVED, None, ""),
            target=_party(event.get("target")), code=str(event["code"]), root=str(event["root"]),
            status=event["status"], start=date.get("start"), end=date.get("end"),
            place_name=place.get("name"), place_country=place.get("country"),
            mentions=tuple(collapse(m) for m in event.get("mentions") or ()),
            background=bool(event.get("background", False))))
    return tuple(records)


def _coded_party(actor: Actor | None) -> Party | None:
    if actor is None:
        return None
    return Party(actor_key(actor) or UNRESOLVED, actor.sector, actor.text)


def predicted_records(article_id: str, events: Iterable[Event]) -> tuple[EventRecord, ...]:
    """The records of one article's coded events.

    The coder writes a mutual event of actors named together ("X and Y held talks") as X→Y and Y→X; the
    gold writes it once. The mirror image (same sentence, code, status and dates, the dyad reversed) of an
    event already kept is therefore one event, not two.
    """
    kept: list[EventRecord] = []
    seen: set[tuple] = set()
    for event in events:
        record = EventRecord(
            article=article_id, index=len(kept), source=_coded_party(event.source) or Party(UNRESOLVED, None, ""),
            target=_coded_party(event.target), code=event.code, root=event.root, status=event.status,
            start=event.date.start, end=event.date.end,
            place_name=event.location.name if event.location else None,
            place_country=event.location.country if event.location else None,
            mentions=(collapse(event.sentence),), confidence=event.confidence, rule=event.rule)
        identity = (record.code, record.status, record.start, record.end, record.mentions)
        if (*identity, record.target_key, record.source.key) in seen and is_mutual(record, record):
            continue
        seen.add((*identity, *record.dyad))
        kept.append(record)
    return tuple(kept)


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a coder (or a second annotator) made of one article: its metadata, its events, whether it was coded.

    Attributes:
        id: the article's id.
        headline: the title found, or None.
        published: the publication date found (YYYY-MM-DD), or None.
        records: the events, as records.
        status: "coded", "rejected" or "failed" (the document's status).
    """

    id: str
    headline: str | None
    published: str | None
    records: tuple[EventRecord, ...]
    status: str = "coded"
