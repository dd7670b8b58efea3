"""Score the coder on PLOVER-annotated sentences: precision, recall and F1 by (PLOVER type, source, target).

    .venv/bin/python bench/evaluate.py                          # ../shared/bench/plover_dev.jsonl
    .venv/bin/python bench/evaluate.py my_gold.jsonl --by-type --limit 50

Each record holds `text`, `date` and `events`, whose `source`/`target` are lists of {text, code, sector},
`code_plover_v08` the PLOVER type (`code`, the older name, when it is missing). A gold event with several
sources or targets stands for every (source, target) pair; an empty target list means no target. A
`reciprocal` event matches either direction, and one with several sources and no target stands for each
ordered pair of its sources (the reciprocal convention of Tacitus: "A and B agreed" → A→B and B→A).
Predicted events count by their `plover` field; those without one (statements, appeals) are left out.
Actors compare on three letters, as the dev set codes them: a country's ISO code, "IGO" for any organisation.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tacitus
from tacitus.errors import DocumentRejected, TacitusError
from tacitus.scoring import Counts, GoldItem, Key, Scores, actor_key, score

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO.parent / "shared" / "bench" / "plover_dev.jsonl"
# Codes in the PLOVER gold records that are misspellings of ISO 3166 codes.
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Figures for one run: events by (type, source, target), types alone, and rejected sentences."""

    events: Scores
    types: Scores
    sentences: int
    rejected: int


def load_records(path: Path, limit: int | None = None) -> list[dict]:
    """Read the gold records of a .jsonl file, the first `limit` of them when given."""
    records = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not a JSON object ({error.msg})") from error
            if limit is not None and len(records) >= limit:
                break
    return records


def _gold_code(actor: dict) -> str:
    code = actor["code"].upper()
    return CODE_FIXES.get(code, code)


def gold_items(record: dict) -> list[GoldItem]:
    """The (PLOVER type, source, target) items of a record, expanded to one per actor pair."""
    items: list[GoldItem] = []
    for event in record["events"]:
        kind = (event.get("code_plover_v08") or event["code"]).upper()
        sources = [_gold_code(a) for a in event["source"]] or [None]
        targets = [_gold_code(a) for a in event["target"]]
        if event.get("reciprocal") and not targets and len(sources) > 1:
            pairs = [(s, t) for s in sources for t in sources if s != t]
        else:
            pairs = [(s, t) for s in sources for t in targets or [None]]
        for source, target in pairs:
            key = (kind, source, target)
            items.append(frozenset({key, (kind, target, source)}) if event.get("reciprocal") else key)
    return items


def _actor(actor) -> str | None:
    key = actor_key(actor)
    return key[:3] if key else None


def predicted_keys(article) -> list[Key]:
    """The (PLOVER type, source, target) keys of a coded article's events that have a PLOVER type."""
    return [
        (event.plover.upper(), _actor(event.source), _actor(event.target))
        for event in article.events
        if event.plover
    ]


def _types(items) -> list[Key]:
    kinds = set()
    for item in items:
        kinds.add(next(iter(item))[0] if isinstance(item, frozenset) else item[0])
    return [(kind,) for kind in sorted(kinds)]


def evaluate(records: list[dict], code_text: Callable) -> Evaluation:
    """Code each record's text and score the events against its gold.

    Args:
        records: PLOVER gold records.
        code_text: the coder, `tacitus.code_text` or a stand-in with its signature.
    """
    gold, predicted, rejected = [], [], 0
    for record in records:
        gold.append(gold_items(record))
        try:
            article = code_text(record["text"], record.get("date"))
        except DocumentRejected:
            rejected += 1
            predicted.append([])
            continue
        rejected += article.document.status == "rejected"
        predicted.append(predicted_keys(article))
    return Evaluation(
        events=score(gold, predicted, group=lambda key: key[0]),
        types=score([_types(g) for g in gold], [_types(p) for p in predicted]),
        sentences=len(records),
        rejected=rejected,
    )


def _row(name: str, counts: Counts) -> str:
    return (
        f"{name:<30} {counts.precision:>9.3f} {counts.recall:>7.3f} {counts.f1:>7.3f}"
        f" {counts.true_positives:>5} {counts.false_positives:>5} {counts.false_negatives:>5}"
    )


def render(evaluation: Evaluation, by_type: bool = False) -> str:
    """The figures as a plain-text table."""
    header = f"{'':<30} {'precision':>9} {'recall':>7} {'f1':>7} {'tp':>5} {'fp':>5} {'fn':>5}"
    lines = [
        f"{evaluation.sentences} sentences, {evaluation.rejected} rejected by the coder",
        header,
        _row("events (type, source, target)", evaluation.events.counts),
        _row("type only", evaluation.types.counts),
    ]
    if by_type:
        lines += ["", header.replace(" " * 30, f"{'PLOVER type':<30}", 1)]
        lines += [_row(str(kind), counts) for kind, counts in evaluation.events.by_group.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the Tacitus coder on PLOVER-annotated sentences.",
        epilog="example: .venv/bin/python bench/evaluate.py ../shared/bench/plover_dev.jsonl --by-type",
    )
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_GOLD, help="gold .jsonl file")
    parser.add_argument("--by-type", action="store_true", help="also print figures per PLOVER type")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="score the first N records only")
    parser.add_argument("--detector", choices=("on", "off", "both"), default="both",
                        help="code with the trained detector on, off (rules only) or both, one after the other")
    args = parser.parse_args(argv)

    if not args.path.is_file():
        print(f"evaluate: {args.path} not found; pass the path of a PLOVER gold .jsonl file", file=sys.stderr)
        return 2
    try:
        records = load_records(args.path, args.limit)
    except ValueError as error:
        print(f"evaluate: {error}", file=sys.stderr)
        return 2
    try:
        code_text = tacitus.code_text
    except (ImportError, AttributeError, TacitusError) as error:
        print(f"evaluate: the coder (tacitus.code_text) is not available: {error}", file=sys.stderr)
        return 2
    for setting in (("off", "on") if args.detector == "both" else (args.detector,)):
        os.environ["TACITUS_DETECTOR"] = setting  # read by tacitus.pipeline.load_pipeline
        try:
            evaluation = evaluate(records, code_text)
        except TacitusError as error:
            print(f"evaluate: the coder failed: {type(error).__name__}: {error}", file=sys.stderr)
            return 2
        print(f"{args.path.name}, detector {setting}{' (rules only)' if setting == 'off' else ''}:")
        print(render(evaluation, by_type=args.by_type))
    return 0


if __name__ == "__main__":
    sys.exit(main())
