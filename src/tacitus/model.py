"""The data that flows through Tacitus: frozen dataclasses with `as_dict()`, one schema everywhere."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
        code: CAMEO-style actor code: country + sector ("JPNGOV"), a bare country ("RUS"), or an IGO ("IGOG7").
    """

    text: str
    name: str
    country: str | None
    sector: str | None
    code: str

    @property
    def key(self) -> str:
        """The actor's side of a dyad: its country when known, else its code ("JPN", "IGOG7")."""
        return self.country or self.code

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence."""

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

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        out["trigger_span"] = list(self.trigger_span)
        return out


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
