"""The real-news gate: Tacitus on the test split of tests/realnews, against floors that only rise.

The gold files are pinned by sha256 in tests/realnews/sha256.json: an edit to gold.jsonl, articles.jsonl or
an article text fails the gate until it is re-pinned on purpose (`python bench/realnews.py --pin`). Floors
are raised with `python bench/realnews.py --split test --update-floors`, which never lowers one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from gate_fixtures import committed_floors
from tacitus.evaluation import gates
from tacitus.errors import CorpusError
from tacitus.evaluation.corpus import digests, load_corpus
from tacitus.evaluation.metrics import evaluate
from tacitus.evaluation.report import summary

ROOT = Path(__file__).parent / "realnews"
FLOORS = ROOT / "floors.json"
PINS = ROOT / "sha256.json"
FIGURES = {"record_precision", "record_recall", "record_f1", "detection_recall", "published_right",
           "headline_right"}

needs_corpus = pytest.mark.skipif(
    not (ROOT / "gold.jsonl").is_file(),
    reason="tests/realnews/gold.jsonl does not exist yet: the annotators' batches are assembled with "
           "`python bench/realnews.py --assemble`")


def _split_by_rule(article_id: str) -> str:
    """GUIDELINES.md's rule, written out again: first 8 hex digits of the SHA-1 of the id, as an integer, mod 4."""
    bucket = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8], 16) % 4
    return {0: "train", 1: "train", 2: "dev", 3: "test"}[bucket]


def test_realnews_floors_well_formed():
    assert set(gates.read_floors(FLOORS)) == FIGURES


def test_realnews_floors_never_lowered():
    assert gates.lowered(gates.read_floors(FLOORS), committed_floors(FLOORS)) == []


@needs_corpus
def test_realnews_gold_files_pinned():
    problems = gates.pin_problems(gates.read_pins(PINS), digests(ROOT))
    assert problems == [], ("the gold files are not the pinned ones; if the edit is deliberate, re-pin with "
                            "`python bench/realnews.py --pin`: " + "; ".join(problems))


@needs_corpus
def test_realnews_recorded_splits_follow_the_rule():
    lines = [json.loads(line) for line in (ROOT / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(a["id"], a["split"]) for a in lines] == [(a["id"], _split_by_rule(a["id"])) for a in lines]


@needs_corpus
def test_realnews_corpus_loads_without_problems():
    try:
        corpus = load_corpus(ROOT)
    except CorpusError as error:
        pytest.fail(f"{error}:\n" + "\n".join(error.problems), pytrace=False)
    assert corpus.articles


@needs_corpus
@pytest.mark.slow
def test_realnews_gate():
    from tacitus.evaluation.coding import code_corpus

    corpus = load_corpus(ROOT, "test")
    evaluation = evaluate(corpus.gold, code_corpus(corpus))
    text = summary(evaluation, "tests/realnews, test split")
    print(text)
    failures = gates.below_floors(gates.read_floors(FLOORS), evaluation.figures())
    if failures:
        pytest.fail("below the floors in tests/realnews/floors.json: " + "; ".join(failures) + "\n" + text,
                    pytrace=False)
