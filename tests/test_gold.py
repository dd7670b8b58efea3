"""The gold gate: the team's annotated sentences, the floors they must reach, and checks of the gold file itself."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from gate_fixtures import committed_floors
from tacitus.errors import DocumentRejected, TacitusError
from tacitus.evaluation.gates import lowered, read_floors, sha256_file
from tacitus.model import STATUSES
from tacitus.scoring import Scores, event_key, score, status_accuracy

GOLD_DIR = Path(__file__).parent / "gold"
SENTENCES = GOLD_DIR / "sentences.jsonl"
FLOORS = GOLD_DIR / "floors.json"
# The sha256 of sentences.jsonl: an edit to the gold fails the gate until this is changed on purpose.
SENTENCES_SHA256 = "79b0d5b6f9b998b003d32c789500f17c41ac05024684a3ead438a8126a78e6d6"

ROOTS = [f"{n:02d}" for n in range(1, 21)]
ACTOR_CODE = re.compile(r"^(?:[A-Z]{3}|IGO[A-Z0-9]+)$")
# Phenomena the gold must cover, by tag, with the least number of sentences for each.
MIN_TAGGED = {
    "passive": 10,
    "nominal": 15,
    "reported_speech": 10,
    "compound": 10,
    "person": 15,
    "negative": 30,
}
MIN_PER_ROOT = 5
MIN_PER_STATUS = 10
MIN_SENTENCES = 200


def load_gold(path: Path = SENTENCES) -> list[dict]:
    """Read the gold sentences, one JSON object a line."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_keys(record: dict) -> list[tuple]:
    """The (source, target, root, status) keys a record's gold events stand for."""
    return [(e["source"], e["target"], e["root"], e["status"]) for e in record["events"]]


def predict(code_text: Callable, records: list[dict]) -> list[list[tuple]]:
    """Code every gold sentence; a rejected sentence yields no events."""
    predicted = []
    for record in records:
        try:
            article = code_text(record["text"], record["published"])
        except DocumentRejected:
            predicted.append([])
            continue
        predicted.append([event_key(event) for event in article.events])
    return predicted


def evaluate(code_text: Callable, records: list[dict]) -> tuple[Scores, float, int]:
    """Score a coder on gold records.

    Returns:
        The scores, the status accuracy among events matched on (source, target, root), and how many
        such events there were.
    """
    gold = [gold_keys(record) for record in records]
    predicted = predict(code_text, records)
    correct, matched = status_accuracy(gold, predicted)
    return score(gold, predicted, group=lambda key: key[2]), (correct / matched if matched else 0.0), matched


def report(records: list[dict], scores: Scores, status_acc: float, matched: int, n_worst: int = 12) -> str:
    """The figures, the per-root breakdown and the worst sentences, as text."""
    lines = [
        f"gold sentences: {len(records)}",
        f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  f1 {scores.f1:.3f}  "
        f"(tp {scores.counts.true_positives}, fp {scores.counts.false_positives}, "
        f"fn {scores.counts.false_negatives})",
        f"status accuracy {status_acc:.3f} over {matched} events matched on (source, target, root)",
        "per root:  root  precision  recall  tp  fp  fn",
    ]
    for root, counts in scores.by_group.items():
        lines.append(
            f"           {root}    {counts.precision:.3f}     {counts.recall:.3f}  "
            f"{counts.true_positives:>2}  {counts.false_positives:>2}  {counts.false_negatives:>2}"
        )
    lines.append("worst sentences:")
    for item in scores.worst(n_worst):
        record = records[item.index]
        lines.append(f"  {record['id']}: {record['text']}")
        lines.append(f"      missed:   {list(item.missed)}")
        lines.append(f"      spurious: {list(item.spurious)}")
    return "\n".join(lines)


def below_floors(floors: dict, scores: Scores, status_acc: float) -> list[str]:
    """The figures that fall below their floors, described."""
    figures = {"precision": scores.precision, "recall": scores.recall, "status_accuracy": status_acc}
    return [f"{name} {figures[name]:.3f} < floor {floor}" for name, floor in floors.items() if figures[name] < floor]


RECORDS = load_gold()


# --- the gold file itself ---------------------------------------------------------------------------------


def test_gold_file_pinned():
    assert sha256_file(SENTENCES) == SENTENCES_SHA256, (
        "tests/gold/sentences.jsonl is not the pinned file; if the edit is deliberate, put its sha256 in "
        "SENTENCES_SHA256 (sha256sum tests/gold/sentences.jsonl)")


def test_gold_has_enough_sentences():
    assert len(RECORDS) >= MIN_SENTENCES


def test_gold_ids_unique():
    duplicates = [i for i, n in Counter(r["id"] for r in RECORDS).items() if n > 1]
    assert duplicates == []


def test_gold_texts_unique():
    duplicates = [t for t, n in Counter(r["text"] for r in RECORDS).items() if n > 1]
    assert duplicates == []


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_gold_record_well_formed(record):
    assert set(record) == {"id", "text", "published", "events", "tags"}
    assert re.fullmatch(r"g\d{3}", record["id"])
    assert 5 <= len(record["text"].split()) <= 60
    assert date.fromisoformat(record["published"]).year in range(2010, 2026)
    assert record["tags"] and all(isinstance(t, str) and t == t.strip() for t in record["tags"])
    assert ("negative" in record["tags"]) == (record["events"] == [])
    for event in record["events"]:
        assert set(event) == {"source", "target", "root", "status"}
        assert ACTOR_CODE.match(event["source"])
        assert event["target"] is None or ACTOR_CODE.match(event["target"])
        assert event["root"] in ROOTS
        assert event["status"] in STATUSES


@pytest.mark.parametrize("root", ROOTS)
def test_gold_covers_root(root):
    assert sum(e["root"] == root for r in RECORDS for e in r["events"]) >= MIN_PER_ROOT


@pytest.mark.parametrize("status", STATUSES)
def test_gold_covers_status(status):
    assert sum(e["status"] == status for r in RECORDS for e in r["events"]) >= MIN_PER_STATUS


@pytest.mark.parametrize(("tag", "minimum"), MIN_TAGGED.items())
def test_gold_covers_phenomenon(tag, minimum):
    assert sum(tag in r["tags"] for r in RECORDS) >= minimum


def test_gold_floors_well_formed():
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    assert set(floors) == {"precision", "recall", "status_accuracy"}
    assert all(isinstance(v, int | float) and 0.0 <= v <= 1.0 for v in floors.values())


def test_gold_floors_never_lowered():
    assert lowered(read_floors(FLOORS), committed_floors(FLOORS)) == []


# --- the gate's machinery, with stub coders -------------------------------------------------------------------


def _stub_coder(answers: dict[str, list[tuple]]) -> Callable:
    """A fake `code_text` that returns the given (source, target, root, status) keys for each text."""

    def actor(key):
        if key is None:
            return None
        return SimpleNamespace(country=None if key.startswith("IGO") else key, code=key)

    def code_text(text, published=None):
        events = tuple(
            SimpleNamespace(source=actor(s), target=actor(t), root=root, status=status)
            for s, t, root, status in answers.get(text, [])
        )
        return SimpleNamespace(events=events)

    return code_text


def test_gate_perfect_coder_scores_one():
    coder = _stub_coder({r["text"]: gold_keys(r) for r in RECORDS})
    scores, status_acc, _ = evaluate(coder, RECORDS)
    assert (scores.precision, scores.recall, status_acc) == (1.0, 1.0, 1.0)


def test_gate_silent_coder_fails_floors():
    scores, status_acc, _ = evaluate(_stub_coder({}), RECORDS)
    assert scores.recall == 0.0
    assert below_floors({"precision": 0.0, "recall": 0.5, "status_accuracy": 0.0}, scores, status_acc)


def test_gate_wrong_status_lowers_status_accuracy_only():
    flip = {"occurred": "planned", "planned": "occurred", "requested": "occurred",
            "hypothetical": "occurred", "negated": "occurred"}
    answers = {r["text"]: [(s, t, root, flip[st]) for s, t, root, st in gold_keys(r)] for r in RECORDS}
    scores, status_acc, matched = evaluate(_stub_coder(answers), RECORDS)
    assert status_acc == 0.0
    assert matched == sum(len(r["events"]) for r in RECORDS)


def test_gate_report_shows_worst_sentence():
    record = next(r for r in RECORDS if r["events"])
    scores, status_acc, matched = evaluate(_stub_coder({}), [record])
    assert record["id"] in report([record], scores, status_acc, matched)


def test_gate_rejected_sentence_counts_as_no_events():
    def rejecting(text, published=None):
        raise DocumentRejected("clean", "too short")

    record = next(r for r in RECORDS if r["events"])
    scores, _, _ = evaluate(rejecting, [record])
    assert scores.counts.false_negatives == len(record["events"])


# --- the gate ------------------------------------------------------------------------------------------------


def _real_coder() -> Callable:
    try:
        import tacitus

        return tacitus.code_text
    except (ImportError, AttributeError, TacitusError) as error:
        pytest.fail(f"the gold gate needs tacitus.code_text, which is not available: {error}", pytrace=False)


@pytest.mark.slow
def test_gold_gate():
    code_text = _real_coder()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    scores, status_acc, matched = evaluate(code_text, RECORDS)
    text = report(RECORDS, scores, status_acc, matched)
    print(text)
    failures = below_floors(floors, scores, status_acc)
    if failures:
        pytest.fail("below the floors in tests/gold/floors.json: " + "; ".join(failures) + "\n" + text, pytrace=False)
