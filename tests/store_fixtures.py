"""Hand-made articles and a fake coder for the store tests, so that most of them need no spaCy model.

A fake-coded document is plain text: an optional first line "published: YYYY-MM-DD", then one line per event,
"EVENT SOURCE TARGET CODE STATUS [START [END]]" (TARGET "-" for none, dates YYYY-MM-DD or "-"), or a line
"REJECT reason" / "FAIL reason" for a document the coder rejects or fails on.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

from tacitus.model import Actor, Article, Document, Event, Location, When
from tacitus.sources import RawDoc
from tacitus.store.db import Store
from tacitus.store.dedup import refresh_stories
from tacitus.store.ingest import write_articles

QUAD = {"01": 1, "02": 1, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 2, "10": 3, "11": 3,
        "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4}


def actor(key: str | None) -> Actor | None:
    if key is None or key == "-":
        return None
    country = key[:3] if not key.startswith(("IGO", "NGO")) else None
    sector = key[3:] or None if country else None
    return Actor(text=key, name=key.title(), country=country, sector=sector, code=key)


def make_event(doc_id: str, source: str, target: str | None, code: str, status: str = "occurred",
               start: str | None = None, end: str | None = None, *, precision: str = "day", index: int = 0,
               sentence: str | None = None, location: Location | None = None) -> Event:
    """An event as the coder would make it; `end` defaults to `start`."""
    end = start if end is None and precision == "day" else end
    sentence = sentence or f"{source} did {code} to {target} ({index})."
    event_id = hashlib.sha1(f"{doc_id}|{index}|{source}|{target}|{code}|{status}".encode()).hexdigest()[:16]
    return Event(doc_id=doc_id, event_id=event_id, code=code, root=code[:2], label=f"label {code}",
                 quad_class=QUAD[code[:2]], goldstein=float(int(code[:2]) % 7 - 3), plover=None, status=status,
                 source=actor(source), target=actor(target), date=When(start, end, precision),
                 location=location, sentence=sentence, span=(index * 100, index * 100 + len(sentence)),
                 trigger="did", trigger_span=(index * 100 + 4, index * 100 + 7), rule="test", confidence=0.8)


def make_article(doc_id: str, published: str | None, events: list[Event] = (), *, outlet: str | None = None,
                 title: str | None = None, text: str | None = None) -> Article:
    document = Document(id=doc_id, source=f"{doc_id}.txt", text=text or "Lead paragraph.\n\nBody.", title=title,
                        outlet=outlet, published=published)
    return Article(document, tuple(events))


def history_articles() -> list[Article]:
    """A story told with its history, and a page without a date: "h1" (2015-05-16) reports a meeting of Japan and
    Russia on 2015-05-11 (040) and, as background, a treaty signed in April 2013 (057); "h2" has no publication
    date and one undated event (111)."""
    from dataclasses import replace

    news = make_event("h1", "JPN", "RUS", "040", start="2015-05-11", index=0)
    history = replace(make_event("h1", "JPN", "RUS", "057", start="2013-04-29", index=1), background=True)
    undated = make_event("h2", "CHN", "JPN", "111", start=None, precision="unknown", index=0)
    return [make_article("h1", "2015-05-16", [news, history]), make_article("h2", None, [undated])]


def build_store(path: Path, articles: list[Article]) -> Path:
    """A database holding these articles, with stories built."""
    with Store.open(path) as store:
        write_articles(store, [(a, a.document.id) for a in articles])
        refresh_stories(store.con)
    return path


def fake_code(raw: RawDoc) -> Article:
    lines = [line.strip() for line in (raw.text or "").splitlines() if line.strip()]
    published = None
    if lines and lines[0].startswith("published:"):
        published = lines.pop(0).split(":", 1)[1].strip()
    events = []
    for index, line in enumerate(lines):
        word, _, rest = line.partition(" ")
        if word in ("REJECT", "FAIL"):
            status = "rejected" if word == "REJECT" else "failed"
            return Article(Document(id=raw.id, source=raw.source, status=status, reason=f"fake: {rest}"))
        if word == "EVENT":
            parts = rest.split() + ["-", "-"]
            source, target, code, status, start, end = parts[:6]
            events.append(make_event(raw.id, source, None if target == "-" else target, code, status,
                                     None if start == "-" else start, None if end == "-" else end, index=index))
    document = Document(id=raw.id, source=raw.source, text=raw.text or "", published=published,
                        outlet=Path(raw.source.split(":")[0]).stem)
    return Article(document, tuple(events))


def fake_code_chunk(chunk: list[RawDoc], published: str | None = None) -> list[Article]:
    """A drop-in for tacitus.store.engine.code_chunk."""
    return [fake_code(raw) for raw in chunk]


def write_corpus(directory: Path, documents: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def kill_after_marks(command: list[str], marks: Path, count: int, timeout: float = 60) -> None:
    """Start `command`, wait until it has left `count` files in `marks` (one per committed batch), then kill -9 it.

    Raises:
        AssertionError: the run finished before it could be killed.
    """
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while len(os.listdir(marks)) < count and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the run finished before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
