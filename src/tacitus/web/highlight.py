"""Cut a document's text into segments marked as actor, event trigger or evidence, for the document page.

Events carry character offsets into the cleaned text (`span_start`/`span_end`, `trigger_start`/`trigger_end`);
actors carry only their words, so they are found inside their event's sentence.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with the marks that cover it; `event_id` is the event whose trigger it is, if any."""

    text: str
    classes: tuple[str, ...] = ()
    event_id: str | None = None
    label: str | None = None


def _int(value: Any) -> int | None:
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _actor_range(text: str, words: Any, start: int, end: int) -> tuple[int, int] | None:
    if not isinstance(words, str) or not words.strip():
        return None
    at = text.find(words, start, end)
    return (at, at + len(words)) if at >= 0 else None


def segments(text: str, events: Iterable[Mapping[str, Any]], selected: str | None = None) -> list[Segment]:
    """The text cut at every mark boundary.

    Args:
        text: the document's cleaned text.
        events: event rows (`event_id`, `span_start`, `span_end`, `trigger_start`, `trigger_end`, `source_text`,
            `target_text`, `code`, `label`); offsets outside the text are ignored.
        selected: the event whose evidence sentence is highlighted, with its trigger and actors.

    Returns:
        Consecutive segments that join back into `text`.
    """
    size = len(text)
    marks: list[tuple[int, int, str, str | None, str | None]] = []  # start, end, class, event_id, label
    for event in events:
        span = (_int(event.get("span_start")), _int(event.get("span_end")))
        trigger = (_int(event.get("trigger_start")), _int(event.get("trigger_end")))
        chosen = selected is not None and event.get("event_id") == selected
        if None not in trigger and 0 <= trigger[0] < trigger[1] <= size:
            label = f"{event.get('code', '')} {event.get('label', '')}".strip()
            marks.append((trigger[0], trigger[1], "trigger-selected" if chosen else "trigger",
                          event.get("event_id"), label))
        if None in span or not 0 <= span[0] < span[1] <= size:
            continue
        if chosen:
            marks.append((span[0], span[1], "evidence", None, None))
        for role in ("source", "target"):
            found = _actor_range(text, event.get(f"{role}_text"), span[0], span[1])
            if found:
                marks.append((found[0], found[1], f"actor-selected {role}" if chosen else "actor", None, None))
    cuts = sorted({0, size, *(m[0] for m in marks), *(m[1] for m in marks)})
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        classes = tuple(sorted({cls for m in covering for cls in m[2].split()}))
        triggers = sorted((m for m in covering if m[3]), key=lambda m: (m[2] != "trigger-selected", m[0]))
        event_id, label = (triggers[0][3], triggers[0][4]) if triggers else (None, None)
        out.append(Segment(text[start:end], classes, event_id, label))
    return out
