"""From documents to coded articles: clean, run the pipeline, and turn its candidates into `Event`s.

Every input document comes out as an `Article`: coded (with its events), rejected (not codable: reason)
or failed (an unexpected error: reason) — a batch never stops for one bad document.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from .clean import CleanDoc, clean
from .components.mentions import doc_text, keep_text, sentence_of
from .errors import DocumentRejected, InputError
from .modality import load_modality
from .model import Actor, Article, Document, Event, Location, Status, When
from .ontology import load_ontology
from .pipeline import load_pipeline
from .sections import Section, split_sections
from .sources import DEFAULT_MAX_BYTES, PUBLISHED_YEARS, RawDoc, Rejected, iter_documents
from .voices import government_of


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValueError(f"published must be YYYY-MM-DD, got {value!r}") from exc
    if day.year not in PUBLISHED_YEARS:
        raise ValueError(f"published must be a date from {PUBLISHED_YEARS[0]} to {PUBLISHED_YEARS[-1]}, got {value!r}")
    return day


def code_text(text: str, published: str | date | None = None, *, doc_id: str | None = None,
              source: str = "<text>") -> Article:
    """Code one article given as text (a scraped page is fine: page chrome is removed).

    Args:
        text: the article.
        published: its publication date (YYYY-MM-DD or a date); overrides a date found in the page.
        doc_id: an id for the document; by default a hash of the text.
        source: where the text came from, for the record.

    Returns:
        The Article: its document (status "coded" or "rejected") and its events.
    """
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    raw = RawDoc(id=doc_id or digest, source=source, text=text, html=None)
    return next(code_documents([raw], published=published))


def code_file(path: str | Path, published: str | date | None = None, *,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Code the first (usually only) document of a file (.txt, .html, .jsonl, .gz).

    Raises:
        InputError: the path does not exist or is not a file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return next(code_paths([str(path)], published=published, max_bytes=max_bytes))


def code_paths(paths: Sequence[str], *, published: str | date | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 16,
               detector: bool | None = None) -> Iterator[Article]:
    """Code every document found under `paths` ("-" is stdin), in order, one Article per document."""
    yield from code_documents(iter_documents(paths, max_bytes=max_bytes), published=published,
                              batch_size=batch_size, detector=detector)


def code_documents(items: Iterable[RawDoc | Rejected], *, published: str | date | None = None,
                   batch_size: int = 16, detector: bool | None = None) -> Iterator[Article]:
    """Code raw documents in batches through the spaCy pipeline; rejected inputs pass through as such.

    `detector`: run the trained detector beside the rules (None: as `tacitus.pipeline.load_pipeline` decides).
    """
    override = _as_date(published)
    batch: list[RawDoc | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _code_batch(batch, override, detector)
            batch = []
    if batch:
        yield from _code_batch(batch, override, detector)


def _rejected(raw: RawDoc | Rejected, status: str, reason: str) -> Article:
    return Article(Document(id=raw.id or hashlib.sha1(raw.source.encode()).hexdigest()[:16], source=raw.source,
                            status=status, reason=reason))


def _code_batch(batch: list[RawDoc | Rejected], published: date | None,
                detector: bool | None = None) -> Iterator[Article]:
    nlp = load_pipeline(detector=detector)
    prepared: list[tuple[int, CleanDoc, list[Section]]] = []
    results: dict[int, Article] = {}
    for position, item in enumerate(batch):
        if isinstance(item, Rejected):
            results[position] = _rejected(item, item.status, f"{item.stage}: {item.reason}")
            continue
        try:
            cleaned = clean(item, published=published.isoformat() if published else None)
            prepared.append((position, cleaned, split_sections(cleaned.text)))
        except DocumentRejected as exc:
            results[position] = _rejected(item, "rejected", str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            results[position] = _rejected(item, "failed", f"clean: {type(exc).__name__}: {exc}")
    try:
        results.update(_code_prepared(nlp, prepared, batch))
    except Exception:  # noqa: BLE001 - find the culprit by coding one document at a time
        for one in prepared:
            try:
                results.update(_code_prepared(nlp, [one], batch))
            except Exception as exc:  # noqa: BLE001
                results[one[0]] = _rejected(batch[one[0]], "failed", f"nlp: {type(exc).__name__}: {exc}")
    for position in range(len(batch)):
        yield results[position]


def _code_prepared(nlp, prepared: list[tuple[int, CleanDoc, list[Section]]],
                   batch: list[RawDoc | Rejected]) -> dict[int, Article]:
    """Run the pipeline over every section of the prepared documents (one `nlp.pipe` stream, each section's
    Doc dropped once its events are assembled) and put each document's events together, in text order.

    Raises:
        Exception: whatever the pipeline raises; the events of one document failing to assemble are that
            document's failure only.
    """
    sections = ((position, cleaned, section) for position, cleaned, parts in prepared for section in parts)
    pending = ((_make_doc(nlp, cleaned, section), (position, cleaned, section))
               for position, cleaned, section in sections)
    events: dict[int, list[Event]] = {position: [] for position, _, _ in prepared}
    failed: dict[int, Article] = {}
    for doc, (position, cleaned, section) in nlp.pipe(pending, as_tuples=True):
        if position in failed:
            continue
        try:
            events[position].extend(assemble_events(doc, cleaned.id, offset=section.offset))
        except Exception as exc:  # noqa: BLE001
            failed[position] = _rejected(batch[position], "failed", f"events: {type(exc).__name__}: {exc}")
    return {position: failed.get(position) or Article(_document(cleaned), tuple(one_per_event(events[position])))
            for position, cleaned, _ in prepared}


def _make_doc(nlp, cleaned: CleanDoc, section: Section | None = None) -> Doc:
    """The Doc of a document's section (the whole text when `section` is None), with the page's context."""
    section = section or Section(0, cleaned.text)
    doc = nlp.make_doc(section.text)
    keep_text(doc, section.text)
    doc._.tacitus_published = _as_date(cleaned.published)
    doc._.tacitus_outlet = cleaned.outlet
    doc._.tacitus_voice = government_of(cleaned.url)
    doc._.tacitus_dateline = cleaned.dateline
    doc._.tacitus_headline = cleaned.title
    start, end = section.offset, section.offset + len(section.text)
    # a speaker's turn cut by a section boundary is the speaker's on both sides of it
    doc._.tacitus_speaker_lines = [(max(turn.start, start) - start, min(turn.end, end) - start,
                                    tuple(turn.speakers))
                                   for turn in cleaned.speakers if turn.start < end and turn.end > start]
    return doc


def _document(cleaned: CleanDoc) -> Document:
    return Document(id=cleaned.id, source=cleaned.source, text=cleaned.text, title=cleaned.title,
                    outlet=cleaned.outlet, published=cleaned.published,
                    published_source=cleaned.published_source, page=cleaned.page,
                    tags=tuple(cleaned.tags), url=cleaned.url)


# -- from dyads to events --------------------------------------------------------------------------------------
def _event_id(doc_id: str, *parts: object) -> str:
    return hashlib.sha1("|".join([doc_id, *map(str, parts)]).encode()).hexdigest()[:16]


def _overlap(first: When, second: When) -> bool:
    """Whether two date intervals overlap (an open end overlaps anything)."""
    if first.start and second.end and first.start > second.end:
        return False
    return not (second.start and first.end and second.start > first.end)


def _trimmed_span(sentence: str, start: int) -> tuple[int, int]:
    """The character span of a sentence without its leading and trailing white space (a paragraph's "\n\n")."""
    lead = len(sentence) - len(sentence.lstrip())
    return start + lead, start + lead + len(sentence.strip())


def _same_time(first: When, second: When) -> bool:
    """Whether two mentions can be of one event in time: the same named day or interval; a named date and one
    that stands for the publication when it falls in that window; or two that name no date."""
    if first.named and second.named:
        return (first.start, first.end) == (second.start, second.end)
    if first.named or second.named:
        unnamed = second if first.named else first
        return unnamed.precision == "publication" and _overlap(first, second)
    return True


def _same_place(first: Location | None, second: Location | None) -> bool:
    """Whether two mentions can be of one event in space: the same place, or one names none."""
    return first is None or second is None or first.name == second.name


def _who(actor: Actor | None) -> str | None:
    """An actor as a mention of the same event must name it again: its code ("Mattis" and "the Secretary" are
    both USAGOV)."""
    return actor.code if actor is not None else None


def one_per_event(events: Sequence[Event]) -> list[Event]:
    """One record per real-world event of an article: a later event of the same source and target (code and
    canonical name), root and status, at the same time and place (`_same_time`, `_same_place`), from another
    sentence, is that event reported again — the earlier one keeps its sentence among `other_mentions`."""
    kept: list[Event] = []
    for event in events:
        key = (_who(event.source), _who(event.target), event.root, event.status)
        same = next((i for i, k in enumerate(kept)
                     if k.span != event.span and event.sentence.strip() not in k.other_mentions
                     and (_who(k.source), _who(k.target), k.root, k.status) == key
                     and _same_time(k.date, event.date) and _same_place(k.location, event.location)), None)
        if same is None:
            kept.append(event)
        elif event.span != kept[same].span:
            kept[same] = replace(kept[same], other_mentions=(*kept[same].other_mentions, event.sentence.strip()))
    return kept


def assemble_events(doc: Doc, doc_id: str, offset: int = 0) -> list[Event]:
    """Turn the pipeline's dyads into frozen Events: ids, evidence offsets and PLOVER types.

    Args:
        doc: the coded Doc of a document or of one of its sections.
        doc_id: the document's id.
        offset: where the Doc's text starts in the document's cleaned text (a section's offset): the evidence
            offsets, and the event ids made from them, are the document's.
    """
    ontology = load_ontology()
    modality = load_modality()
    text = doc_text(doc)
    candidates = doc._.tacitus_candidates
    events = []
    for dyad in doc._.tacitus_dyads:
        candidate = candidates[dyad.candidate]
        verdict = doc._.tacitus_status[dyad.candidate]
        dating = doc._.tacitus_dates[dyad.candidate]
        when = dating.when
        cameo = ontology.get(dyad.code)
        plover = cameo.plover
        if verdict.status in (Status.PLANNED, Status.HYPOTHETICAL, Status.NEGATED):
            plover = modality.plover_frame(verdict.cue) or (
                modality.plover_of_planned(cameo.quad_class) if verdict.status is Status.PLANNED else None) or plover
        trigger = doc[candidate.trigger]
        sentence = sentence_of(trigger)
        trigger_end = doc[max(candidate.trigger_end - 1, candidate.trigger)]
        target = dyad.target
        trigger_start, trigger_stop = trigger.idx, trigger_end.idx + len(trigger_end)
        events.append(Event(
            doc_id=doc_id,
            event_id=_event_id(doc_id, offset + sentence.start_char, offset + trigger_start, cameo.code,
                               dyad.source.code, target.code if target else "", verdict.status.value),
            code=cameo.code, root=cameo.root, label=cameo.label, quad_class=cameo.quad_class,
            goldstein=cameo.goldstein, plover=plover, status=verdict.status.value,
            source=dyad.source, target=target, date=when, location=dyad.location,
            sentence=sentence.text.strip(), span=_trimmed_span(sentence.text, offset + sentence.start_char),
            trigger=text[trigger_start:trigger_stop],
            trigger_span=(offset + trigger_start, offset + trigger_stop),
            rule=dyad.rule + (f"; status cue {verdict.cue!r}" if verdict.cue else ""),
            confidence=dyad.confidence, background=dating.background,
        ))
    return events
