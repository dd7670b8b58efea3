"""From documents to coded articles: clean, run the pipeline, and turn its candidates into `Event`s.

Every input document comes out as an `Article`: coded (with its events), rejected (not codable: reason)
or failed (an unexpected error: reason) — a batch never stops for one bad document.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from .clean import CleanDoc, clean
from .components.mentions import doc_text, keep_text, sentence_of
from .errors import DocumentRejected, InputError
from .modality import load_modality
from .model import Article, Document, Event, Status
from .ontology import load_ontology
from .pipeline import load_pipeline
from .sources import DEFAULT_MAX_BYTES, RawDoc, Rejected, iter_documents


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValueError(f"published must be YYYY-MM-DD, got {value!r}") from exc


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
    prepared: list[tuple[int, CleanDoc, Doc]] = []
    results: dict[int, Article] = {}
    for position, item in enumerate(batch):
        if isinstance(item, Rejected):
            results[position] = _rejected(item, item.status, f"{item.stage}: {item.reason}")
            continue
        try:
            cleaned = clean(item, published=published.isoformat() if published else None)
            prepared.append((position, cleaned, _make_doc(nlp, cleaned)))
        except DocumentRejected as exc:
            results[position] = _rejected(item, "rejected", str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            results[position] = _rejected(item, "failed", f"clean: {type(exc).__name__}: {exc}")
    try:
        docs = list(nlp.pipe([doc for _, _, doc in prepared]))
    except Exception:  # noqa: BLE001 - find the culprit by coding one at a time
        docs = []
        for position, _, doc in prepared:
            try:
                docs.append(nlp(doc))
            except Exception as exc:  # noqa: BLE001
                docs.append(None)
                results[position] = _rejected(batch[position], "failed", f"nlp: {type(exc).__name__}: {exc}")
    for (position, cleaned, _), doc in zip(prepared, docs):
        if doc is None:
            continue
        try:
            results[position] = Article(_document(cleaned), tuple(assemble_events(doc, cleaned.id)))
        except Exception as exc:  # noqa: BLE001
            results[position] = _rejected(batch[position], "failed", f"events: {type(exc).__name__}: {exc}")
    for position in range(len(batch)):
        yield results[position]


def _make_doc(nlp, cleaned: CleanDoc) -> Doc:
    doc = nlp.make_doc(cleaned.text)
    keep_text(doc, cleaned.text)
    doc._.tacitus_published = _as_date(cleaned.published)
    doc._.tacitus_outlet = cleaned.outlet
    doc._.tacitus_dateline = cleaned.dateline
    doc._.tacitus_speaker_lines = [(turn.start, turn.end, tuple(turn.speakers)) for turn in cleaned.speakers]
    return doc


def _document(cleaned: CleanDoc) -> Document:
    return Document(id=cleaned.id, source=cleaned.source, text=cleaned.text, title=cleaned.title,
                    outlet=cleaned.outlet, published=cleaned.published,
                    published_source=cleaned.published_source, page=cleaned.page,
                    tags=tuple(cleaned.tags), url=cleaned.url)


# -- from dyads to events --------------------------------------------------------------------------------------
def _event_id(doc_id: str, *parts: object) -> str:
    return hashlib.sha1("|".join([doc_id, *map(str, parts)]).encode()).hexdigest()[:16]


def _other_sentences(doc: Doc, first: int, candidates) -> tuple[str, ...]:
    """The sentences of other mentions of an event, in text order, each once, without the event's own."""
    sentences = {}
    for candidate in candidates:
        sentence = sentence_of(doc[candidate.trigger])
        if sentence.start != first:
            sentences[sentence.start] = sentence.text.strip()
    return tuple(sentences[start] for start in sorted(sentences))


def _trimmed_span(sentence: str, start: int) -> tuple[int, int]:
    """The character span of a sentence without its leading and trailing white space (a paragraph's "\n\n")."""
    lead = len(sentence) - len(sentence.lstrip())
    return start + lead, start + lead + len(sentence.strip())


def assemble_events(doc: Doc, doc_id: str) -> list[Event]:
    """Turn the pipeline's dyads into frozen Events: ids, evidence offsets and PLOVER types."""
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
            plover = modality.plover_frame(verdict.cue) or plover
        trigger = doc[candidate.trigger]
        sentence = sentence_of(trigger)
        trigger_end = doc[max(candidate.trigger_end - 1, candidate.trigger)]
        target = dyad.target
        events.append(Event(
            doc_id=doc_id,
            event_id=_event_id(doc_id, sentence.start_char, trigger.idx, cameo.code, dyad.source.code,
                               target.code if target else "", verdict.status.value),
            code=cameo.code, root=cameo.root, label=cameo.label, quad_class=cameo.quad_class,
            goldstein=cameo.goldstein, plover=plover, status=verdict.status.value,
            source=dyad.source, target=target, date=when, location=dyad.location,
            sentence=sentence.text.strip(), span=_trimmed_span(sentence.text, sentence.start_char),
            trigger=text[trigger.idx:trigger_end.idx + len(trigger_end)],
            trigger_span=(trigger.idx, trigger_end.idx + len(trigger_end)),
            rule=dyad.rule + (f"; status cue {verdict.cue!r}" if verdict.cue else ""),
            confidence=dyad.confidence, background=dating.background,
            other_mentions=_other_sentences(doc, sentence.start, (candidates[i] for i in dyad.mentions)),
        ))
    return events
