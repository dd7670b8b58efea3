"""The data that flows through Tacitus: frozen dataclasses with `as_dict()`, one schema everywhere."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant of an event, resolved to CAMEO-style codes.

    Attributes:
        text: the words of the mention in the document ("Foreign Minister Fumio Kishida").
        name: canonical name ("Fumio Kishida", "Japan", "Group of Seven").
        country: ISO 3166 alpha-3 code, None for international organisations or unknown.
        sector: CAMEO actor type (GOV, MIL, COP, OPP, REB, CVL, BUS, MED, JUD, LEG, ELI, IGO, NGO, …) or None.
        code: CAMEO-style actor code: country + sector ("JPNGOV"), a bare country ("RUS"), an IGO ("IGOG7"),
            or "---" + sector for a group whose country nothing tells ("---REB": "gunmen attacked a convoy").
        country_source: where the country came from (one of `COUNTRY_SOURCES`): "text" (the words name it:
            "Japan", "Kenyan police"), "knowledge" (the tables know the actor: an office holder, an armed group,
            a state body), "place" (where the event happened: "protesters in Minsk"), "dateline" or "story" (the
            story's dateline or home country: an untitled "Foreign Minister X"), "none" (no country: an
            organisation, or a group nothing places).
        participants: for a multilateral actor (code `MULTILATERAL_CODE`: one sentence lists more actors on one
            side than `tacitus.components.roles.MAX_SIDE`, "leaders of 40 countries met in Paris"), the codes of
            the actors it stands for, in the order the text names them, as PLOVER's actor lists do; empty for any
            other actor.
    """

    text: str
    name: str
    country: str | None
    sector: str | None
    code: str
    country_source: str = "text"
    participants: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The actor's side of a dyad: its country when known, else its code ("JPN", "IGOG7")."""
        return self.country or self.code

    def as_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


#: The code of a multilateral actor: the many states (or other actors) one side of a sentence lists.
MULTILATERAL_CODE = "IGOMUL"


def multilateral(actors: list[Actor] | tuple[Actor, ...]) -> Actor:
    """One actor standing for many: "Britain, France, Germany, … and Japan" as one multilateral participant."""
    return Actor(text=", ".join(dict.fromkeys(a.text for a in actors)), name=f"multilateral ({len(actors)} participants)",
                 country=None, sector="IGO", code=MULTILATERAL_CODE, country_source="none",
                 participants=tuple(a.code for a in actors))


#: Where an actor's country can come from (`Actor.country_source`).
COUNTRY_SOURCES = ("text", "knowledge", "place", "dateline", "story", "none")
#: The country part of the code of an actor whose country is not known.
UNKNOWN_COUNTRY = "---"
# The name of the unnamed armed actor of violence nobody is named for ("a roadside bomb killed …") and of the
# perpetrators of a condemned attack nobody is named for.
UNNAMED_ATTACKERS = "unnamed attackers"
#: The code prefix of transnational groups (data/actors/groups.tsv: Islamic State, al-Qaeda): no country of their own.
TRANSNATIONAL = "IMG"


@dataclass(frozen=True, slots=True)
class When:
    """The time of an event: an interval of ISO dates resolved against the publication date.

    Attributes:
        start: first day (YYYY-MM-DD) or None when open at the start ("before the end of the year").
        end: last day (YYYY-MM-DD) or None when open at the end.
        precision: "day", "month", "year", "interval", "publication" (no date in the text: bounded by
            the publication date) or "unknown" (no date in the text and none of publication: start and end None).
        text: the words the date came from, or None.
    """

    start: str | None
    end: str | None
    precision: str
    text: str | None = None

    @property
    def named(self) -> bool:
        """Whether the text names this date (rather than the publication date standing in, or no date at all)."""
        return self.precision not in ("publication", "unknown")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Location:
    """A place named as where the event happens, with gazetteer coordinates when known."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Status(StrEnum):
    """Whether an event happened or is only planned, requested, hypothetical or negated."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    REQUESTED = "requested"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"


STATUSES = tuple(status.value for status in Status)
#: Statuses of events that have not happened (yet): a plan naming no date stays open this long after publication.
FUTURE_STATUSES = (Status.PLANNED.value, Status.REQUESTED.value, Status.HYPOTHETICAL.value)
OPEN_WINDOW_DAYS = 365


def iso_day(value: str | None) -> date | None:
    """The date of a YYYY-MM-DD string (or of its first ten characters); None when empty or not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence.

    `other_mentions` are the other sentences of the article that report the same event (one record per real-world
    event per article; `sentence` is the first). `background` marks an event the story tells as history, not as news of the day: it occurred on a date the
    text gives, more than four weeks before publication ("the agreement reached at the summit in April 2013").
    """

    doc_id: str
    event_id: str
    code: str
    root: str
    label: str
    quad_class: int
    goldstein: float
    plover: str | None
    status: str
    source: Actor
    target: Actor | None
    date: When
    location: Location | None
    sentence: str
    span: tuple[int, int]
    trigger: str
    trigger_span: tuple[int, int]
    rule: str
    confidence: float
    background: bool = False
    other_mentions: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        out = _plain(asdict(self))
        out["other_mentions"] = list(self.other_mentions)
        out["span"] = list(self.span)
        out["trigger_span"] = list(self.trigger_span)
        return out

    def window(self, published: str | None) -> tuple[date | None, date | None]:
        """The definite date window of the event, used for deduplication, commitments and date filters.

        The coded dates, with open ends closed: a missing start becomes the publication date (or the end); a
        missing end becomes the start, except for planned/requested/hypothetical events, whose window stays open
        `OPEN_WINDOW_DAYS` after publication when the text names no end ("Putin will visit Japan").
        """
        start, end = iso_day(self.date.start), iso_day(self.date.end)
        pub = iso_day(published)
        future = self.status in FUTURE_STATUSES
        if future and not self.date.named:
            start = start or pub
            end = start + timedelta(days=OPEN_WINDOW_DAYS) if start else None
        if start is None:
            start = min(pub, end) if pub and end else (pub or end)
        if end is None and start is not None:
            end = start + timedelta(days=OPEN_WINDOW_DAYS) if future else max(start, pub or start)
        return start, end

    def as_row(self, published: str | None = None) -> dict[str, Any]:
        """The event as one flat row, the shape of `tacitus code --format csv`, the `events` table and the web.

        Args:
            published: the publication date of the event's document, for the date window.
        """
        row: dict[str, Any] = {
            "doc_id": self.doc_id, "event_id": self.event_id, "code": self.code, "root": self.root,
            "label": self.label, "quad_class": self.quad_class, "goldstein": self.goldstein,
            "plover": self.plover, "status": self.status,
        }
        for role, actor in (("source", self.source), ("target", self.target)):
            for key in ("text", "name", "country", "sector", "code", "country_source"):
                row[f"{role}_{key}"] = getattr(actor, key) if actor is not None else None
            row[f"{role}_participants"] = list(actor.participants) if actor is not None else None
        row["source_key"], row["target_key"] = self.source.key, self.target.key if self.target else None
        row.update({"date_start": self.date.start, "date_end": self.date.end,
                    "date_precision": self.date.precision, "date_text": self.date.text})
        window_start, window_end = self.window(published)
        row["window_start"] = window_start.isoformat() if window_start else None
        row["window_end"] = window_end.isoformat() if window_end else None
        loc = self.location
        row.update({"location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
                    "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None})
        row.update({"sentence": self.sentence, "span_start": self.span[0], "span_end": self.span[1],
                    "trigger": self.trigger, "trigger_start": self.trigger_span[0],
                    "trigger_end": self.trigger_span[1], "rule": self.rule, "confidence": self.confidence,
                    "background": self.background, "other_mentions": list(self.other_mentions)})
        return row


@dataclass(frozen=True, slots=True)
class Document:
    """A document's metadata, cleaned text and outcome.

    `status` is "coded", "rejected" (the input is not codable: `reason` says why) or "failed"
    (an unexpected error: `reason` holds it). `published_source` says where `published` came from: "given",
    "meta", "byline", "dateline", "url", "text", or "none" when there is no date (see `tacitus.published`).
    """

    id: str
    source: str
    text: str = ""
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: str = "none"
    page: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    status: str = "coded"
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


@dataclass(frozen=True, slots=True)
class Article:
    """A document with its events: what `code_text` and `code_file` return."""

    document: Document
    events: tuple[Event, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        out = self.document.as_dict()
        out["events"] = [e.as_dict() for e in self.events]
        return out
