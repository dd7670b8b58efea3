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
from .components.events import Candidate
from .components.mentions import doc_text, sentence_of
from .errors import DocumentRejected, InputError
from .modality import load_modality
from .model import Actor, Article, Document, Event
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
               max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 16) -> Iterator[Article]:
    """Code every document found under `paths` ("-" is stdin), in order, one Article per document."""
    yield from code_documents(iter_documents(paths, max_bytes=max_bytes), published=published,
                              batch_size=batch_size)


def code_documents(items: Iterable[RawDoc | Rejected], *, published: str | date | None = None,
                   batch_size: int = 16) -> Iterator[Article]:
    """Code raw documents in batches through the spaCy pipeline; rejected inputs pass through as such."""
    override = _as_date(published)
    batch: list[RawDoc | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _code_batch(batch, override)
            batch = []
    if batch:
        yield from _code_batch(batch, override)


def _rejected(raw: RawDoc | Rejected, status: str, reason: str) -> Article:
    return Article(Document(id=raw.id or hashlib.sha1(raw.source.encode()).hexdigest()[:16], source=raw.source,
                            status=status, reason=reason))


def _code_batch(batch: list[RawDoc | Rejected], published: date | None) -> Iterator[Article]:
    nlp = load_pipeline()
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
    doc._.published = _as_date(cleaned.published)
    doc._.outlet = cleaned.outlet
    doc._.dateline = cleaned.dateline
    doc._.speakers = [(turn.start, turn.end, tuple(turn.speakers)) for turn in cleaned.speakers]
    return doc


def _document(cleaned: CleanDoc) -> Document:
    return Document(id=cleaned.id, source=cleaned.source, text=cleaned.text, title=cleaned.title,
                    outlet=cleaned.outlet, published=cleaned.published,
                    published_source=cleaned.published_source, page=cleaned.page,
                    tags=tuple(cleaned.tags), url=cleaned.url)


# -- from candidates to events ----------------------------------------------------------------------------------
def _pairs(candidate: Candidate) -> list[tuple[Actor, Actor | None, bool]]:
    """(source, target, reciprocal) for each dyad of a candidate: one event per pair of a compound actor."""
    sources = _one_per_country(candidate.sources)
    targets = _one_per_country(candidate.targets)
    if targets:
        return [(s, t, False) for s in sources for t in targets if s.code != t.code]
    if len(sources) >= 2 and load_modality().is_reciprocal(candidate.code):
        return [(a, b, True) for a in sources for b in sources if a.code != b.code]
    return [(s, None, False) for s in sources]


def _one_per_country(actors: tuple[Actor, ...]) -> list[Actor]:
    """"Four Russian intelligence officers": one actor per country in a role, the most specific one."""
    chosen: dict[str, Actor] = {}
    for actor in actors:
        key = actor.country or actor.code
        if key not in chosen or (chosen[key].sector is None and actor.sector is not None):
            chosen[key] = actor
    return list(chosen.values())


def _event_id(doc_id: str, *parts: object) -> str:
    return hashlib.sha1("|".join([doc_id, *map(str, parts)]).encode()).hexdigest()[:16]


def assemble_events(doc: Doc, doc_id: str) -> list[Event]:
    """Turn the pipeline's candidates into frozen Events, one per dyad, without repeats."""
    ontology = load_ontology()
    modality = load_modality()
    text = doc_text(doc)
    events: dict[tuple, Event] = {}
    explicit: set[tuple] = set()
    for candidate in doc._.tacitus_candidates:
        if candidate.status_cue is not None or (candidate.when and candidate.when.named):
            for source, target, _ in _pairs(candidate):
                explicit.add((source.country or source.code, target and (target.country or target.code),
                              candidate.code[:2]))
    for candidate in doc._.tacitus_candidates:
        cameo = ontology.get(candidate.code)
        plover = cameo.plover
        if candidate.status in ("planned", "hypothetical", "negated"):
            plover = modality.plover_frame(candidate.status_cue) or plover
        trigger = doc[candidate.trigger]
        sentence = sentence_of(trigger)
        trigger_end = doc[max(candidate.trigger_end - 1, candidate.trigger)]
        for source, target, reciprocal in _pairs(candidate):
            dyad = (source.country or source.code, target and (target.country or target.code), cameo.root)
            # A bare nominal mention ("the visit would …") of an event the article already dates or
            # qualifies elsewhere is that same event again, not a new one that occurred.
            if (candidate.kind == "noun" and candidate.status == "occurred" and candidate.status_cue is None
                    and candidate.when is not None and not candidate.when.named
                    and dyad in explicit):
                continue
            rule = candidate.rule + (" (reciprocal)" if reciprocal else "")
            key = (sentence.start, source.code, target.code if target else None, cameo.code, candidate.status)
            event = Event(
                doc_id=doc_id,
                event_id=_event_id(doc_id, sentence.start_char, trigger.idx, cameo.code, source.code,
                                   target.code if target else "", candidate.status),
                code=cameo.code, root=cameo.root, label=cameo.label, quad_class=cameo.quad_class,
                goldstein=cameo.goldstein, plover=plover, status=candidate.status,
                source=source, target=target, date=candidate.when, location=candidate.location,
                sentence=sentence.text, span=(sentence.start_char, sentence.end_char),
                trigger=text[trigger.idx:trigger_end.idx + len(trigger_end)],
                trigger_span=(trigger.idx, trigger_end.idx + len(trigger_end)),
                rule=rule + (f"; status cue {candidate.status_cue!r}" if candidate.status_cue else ""),
                confidence=round(max(0.05, min(1.0, candidate.confidence)), 3),
            )
            previous = events.get(key)
            if previous is None or previous.confidence < event.confidence:
                events[key] = event
    return sorted(events.values(), key=lambda e: (e.span[0], e.trigger_span[0], e.source.code))
