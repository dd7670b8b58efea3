"""Synthetic benchmark corpora: unique ~N-word articles made of the paragraphs of the bundled samples/."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sample_paragraphs() -> list[str]:
    """The body paragraphs (12 words or more) of the project's own sample articles."""
    sys.path.insert(0, str(ROOT / "src"))
    from tacitus.sources import iter_documents

    paragraphs: list[str] = []
    for raw in iter_documents([str(ROOT / "samples")]):
        text = getattr(raw, "text", None)
        if text:
            paragraphs.extend(p.strip() for p in text.split("\n\n") if len(p.split()) >= 12)
    if not paragraphs:
        raise SystemExit("bench: no sample paragraphs found under samples/")
    return paragraphs


def article_bodies(n_docs: int, words: int, seed: int) -> Iterator[tuple[random.Random, list[str]]]:
    """`n_docs` lists of shuffled paragraphs of at least `words` words, with the generator that drew them."""
    paragraphs = sample_paragraphs()
    rng = random.Random(seed)
    for _ in range(n_docs):
        body: list[str] = []
        while sum(len(p.split()) for p in body) < words:
            body.append(rng.choice(paragraphs))
        yield rng, body
