"""Hand-made event records and working files for the article-level scorer's tests (no model, no corpus)."""

from __future__ import annotations

import json
from pathlib import Path

from tacitus.evaluation.records import EventRecord, Party

TEXT = "KYIV, Ukraine — Russian shelling on Thursday killed two civilians in Kherson, officials said.\n"


def event_line(**changes) -> dict:
    """A gold event as annotators write it (the Kherson example of GUIDELINES.md), with `changes`."""
    event = {"source": {"text": "Russian shelling", "country": "RUS", "sector": "MIL"},
             "target": {"text": "two civilians", "country": "UKR", "sector": "CVL"},
             "code": "194", "root": "19", "status": "occurred",
             "date": {"start": "2023-11-02", "end": "2023-11-02", "text": "on Thursday"},
             "place": {"name": "Kherson", "country": "UKR"},
             "mentions": ["Russian shelling on Thursday killed two civilians in Kherson, officials said."],
             "background": False}
    return {**event, **changes}


def write_working_file(root: Path, batch: str, article_id: str, url: str = "", events=None, negative=False,
                       text: str = TEXT) -> None:
    """Write an article text and its working file batches/BATCH/ID.json under a corpus directory `root`."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "batches" / batch).mkdir(parents=True, exist_ok=True)
    (root / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    record = {
        "article": {"id": article_id, "file": f"articles/{article_id}.txt",
                    "url": url or f"https://www.voanews.com/a/{article_id}.html", "outlet": "Voice of America",
                    "licence": "public domain", "published_shown": None,
                    "kind": "negative" if negative else "event", "topic": "conflict"},
        "gold": {"id": article_id, "headline": None, "published": None, "outlet": "Voice of America",
                 "dateline": "KYIV, Ukraine", "negative": negative,
                 "events": [] if negative else (events if events is not None else [event_line()])},
    }
    (root / "batches" / batch / f"{article_id}.json").write_text(json.dumps(record), encoding="utf-8")


def record(source: str = "USA", target: str | None = "RUS", code: str = "111", status: str = "occurred",
           start: str | None = "2023-11-02", end: str | None = "2023-11-02", mention: str = "A sentence.",
           background: bool = False, index: int = 0, article: str = "a1", source_sector: str | None = "GOV",
           target_sector: str | None = None, place: tuple[str, str] | None = None,
           confidence: float | None = None) -> EventRecord:
    """One record; every field has a default so that a test names only what it is about."""
    return EventRecord(
        article=article, index=index, source=Party(source, source_sector, source),
        target=Party(target, target_sector, target) if target is not None else None,
        code=code, root=code[:2], status=status, start=start, end=end,
        place_name=place[0] if place else None, place_country=place[1] if place else None,
        mentions=(mention,), background=background, confidence=confidence)
