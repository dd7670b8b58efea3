"""Score Tacitus on the real-news corpus (tests/realnews), article by article, record by record.

    .venv/bin/python bench/realnews.py --assemble            # batches/*/*.json -> articles/gold/second.jsonl
    .venv/bin/python bench/realnews.py --stats               # corpus counts against the issue's targets
    .venv/bin/python bench/realnews.py --split dev            # figures, fields, per root, causes, reliability
    .venv/bin/python bench/realnews.py --split dev --by-article
    .venv/bin/python bench/realnews.py --agreement           # second.jsonl against gold.jsonl
    .venv/bin/python bench/realnews.py --split test --update-floors   # raise tests/realnews/floors.json
    .venv/bin/python bench/realnews.py --pin                 # re-pin the gold files' sha256 (after an edit)

Each article is coded as a user with a scraped feed would give it: a JSONL line with the page text and
its URL, nothing else. The match and the causes of errors are defined in `tacitus.evaluation.matching`
and `tacitus.evaluation.metrics` (and in the README). The test split is for measuring only.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from tacitus.errors import CorpusError
from tacitus.evaluation import gates
from tacitus.evaluation.corpus import SPLITS, Corpus, assemble, digests, load_corpus, load_second, write_assembly
from tacitus.evaluation.metrics import ROOTS, evaluate
from tacitus.evaluation.records import UNRESOLVED, Prediction
from tacitus.evaluation.report import by_article, reliability, summary

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "realnews"
FLOORS = "floors.json"
PINS = "sha256.json"
# The targets for the corpus.
TARGETS = {"articles": 250, "countries": 40, "per root": 10, "conflict articles": 40, "negatives": 40}
# Codes (prefixes) of the events conflict monitors code: protests and riots, arrests and force against
# protesters, abductions, bombings and assaults, fighting, mass violence.
CONFLICT_PREFIXES = ("14", "173", "174", "175", "18", "19", "20")


def run_assemble(root: Path, skip_invalid: bool) -> int:
    result = assemble(root)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    for line in result.dropped:
        print(f"dropped {line}", file=sys.stderr)
    if result.problems and not skip_invalid:
        print(f"{len(result.problems)} problems: nothing written (fix them, or pass --skip-invalid to leave "
              "those files out)", file=sys.stderr)
        return 1
    write_assembly(result, root)
    splits = Counter(a["split"] for a in result.articles)
    print(f"wrote {len(result.articles)} articles ({', '.join(f'{s} {splits[s]}' for s in SPLITS)}), "
          f"{len(result.second)} second annotations; dropped {len(result.dropped)} repeats, "
          f"left out files with {len(result.problems)} problems")
    return 0


def _countries(corpus: Corpus) -> set[str]:
    keys = set()
    for article in corpus.gold:
        for record in article.records:
            keys.update(k for k in record.dyad if k and k != UNRESOLVED and not k.startswith(("IGO", "NGO")))
    return keys


def _counter_line(name: str, counts: Counter) -> str:
    return f"{name}: " + ", ".join(f"{key} {n}" for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def run_stats(root: Path) -> int:
    corpus = load_corpus(root)
    records = [r for a in corpus.gold for r in a.records]
    news = [r for r in records if not r.background]
    roots = Counter(r.root for r in news)
    conflict = sum(any(r.code.startswith(CONFLICT_PREFIXES) for r in a.records if not r.background)
                   for a in corpus.gold)
    figures = {"articles": len(corpus.articles), "countries": len(_countries(corpus)),
               "per root": min(roots.get(root, 0) for root in ROOTS), "conflict articles": conflict,
               "negatives": sum(a.negative for a in corpus.gold)}
    splits = Counter(a.split for a in corpus.articles)
    split_of_article = {a.id: a.split for a in corpus.articles}
    split_events = Counter(split_of_article[r.article] for r in news)
    print(f"articles {figures['articles']}: " + ", ".join(f"{s} {splits[s]}" for s in SPLITS))
    print("events by split: " + ", ".join(f"{s} {split_events[s]}" for s in SPLITS))
    print(f"events {len(news)} (+{len(records) - len(news)} background); negatives {figures['negatives']}; "
          f"conflict articles {conflict}; countries {figures['countries']}")
    print("per root: " + "  ".join(f"{root} {roots.get(root, 0)}" for root in ROOTS))
    print(_counter_line("status", Counter(r.status for r in news)))
    print(_counter_line("topics", Counter(a.topic for a in corpus.articles)))
    print(_counter_line("outlets", Counter(a.outlet for a in corpus.articles)))
    print(_counter_line("licences", Counter(a.licence for a in corpus.articles)))
    print(_counter_line("countries", Counter(k for r in news for k in r.dyad
                                             if k in _countries(corpus))))
    print("targets: " + "; ".join(f"{name} {figures[name]} {'≥' if figures[name] >= goal else '<'} {goal}"
                                  for name, goal in TARGETS.items()))
    return 0


def run_agreement(root: Path, show_articles: bool) -> int:
    corpus = load_corpus(root)
    first = {a.id: a for a in corpus.gold}
    second = [a for a in load_second(root) if a.id in first]
    if not second:
        print("no article of second.jsonl is in gold.jsonl", file=sys.stderr)
        return 1
    shared = [first[a.id] for a in second]
    predictions = {a.id: Prediction(a.id, a.headline, a.published, tuple(r for r in a.records if not r.background))
                   for a in second}
    negative = sum(first[a.id].negative == a.negative for a in second)
    evaluation = evaluate(shared, predictions)
    print(summary(evaluation, "agreement of second.jsonl with gold.jsonl (the first as gold)"))
    print(f"negative flag agreed on {negative}/{len(second)} articles")
    if show_articles:
        print("disagreements by article (false events are records only the second annotation has):")
        print(by_article(evaluation.errors, evaluation.metadata_errors))
    return 0


#: The figures printed side by side for the detector off and on.
SIDE_BY_SIDE = ("record_precision", "record_recall", "record_f1", "detection_recall", "published_right",
                "headline_right")


def side_by_side(runs: dict) -> str:
    """The headline figures of each run (detector off, on) in one table, with the change."""
    names = list(runs)
    lines = ["figure              " + "".join(f"{'detector ' + n:>14}" for n in names)
             + ("       change" if len(names) == 2 else "")]
    for figure in SIDE_BY_SIDE:
        values = [runs[n].figures()[figure] for n in names]
        change = f"{values[1] - values[0]:+13.3f}" if len(values) == 2 else ""
        lines.append(f"{figure:<20}" + "".join(f"{v:>14.3f}" for v in values) + change)
    counts = [runs[n].records for n in names]
    lines.append(f"{'events right/coded':<20}" + "".join(f"{f'{c.true_positives}/{c.true_positives + c.false_positives}':>14}" for c in counts))
    lines.append(f"{'gold events found':<20}" + "".join(f"{f'{c.true_positives}/{c.true_positives + c.false_negatives}':>14}" for c in counts))
    return "\n".join(lines)


def run_split(root: Path, split: str, show_articles: bool, update_floors: bool, detector: str = "both") -> int:
    corpus = load_corpus(root, split)
    from tacitus.evaluation.coding import code_corpus  # loads spaCy

    settings = {"off": [False], "on": [True], "both": [False, True]}[detector]
    runs = {}
    for on in settings:
        began = time.perf_counter()
        predictions = code_corpus(corpus, detector=on)
        seconds = time.perf_counter() - began
        runs["on" if on else "off"] = evaluate(corpus.gold, predictions)
        print(f"== detector {'on' if on else 'off'} (coded in {seconds:.1f} s)")
    evaluation = runs["on" if settings[-1] else "off"]
    if len(runs) == 2:
        print(summary(runs["off"], f"split {split}, detector off (rules only)"))
        print(reliability(runs["off"]))
    print(summary(evaluation, f"split {split}, detector {'on' if settings[-1] else 'off'}"))
    print(reliability(evaluation))
    print(side_by_side(runs))
    if show_articles:
        if split in ("test", "all"):
            print("the test split is for measuring only: no rule, lexicon entry or model is written from its "
                  "errors (GUIDELINES.md)", file=sys.stderr)
        print("errors by article:")
        print(by_article(evaluation.errors, evaluation.metadata_errors))
    if update_floors and not corpus.articles:
        print("the split has no articles: no floor changed", file=sys.stderr)
        return 1
    if update_floors:
        path = root / FLOORS
        old = gates.read_floors(path) if path.is_file() else {}
        new = gates.raised(old, evaluation.figures())
        gates.write_floors(path, new)
        changes = [f"{name} {old.get(name, 0.0)} -> {value}" for name, value in new.items()
                   if value != old.get(name)]
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: "
              + ("; ".join(changes) if changes else "no floor raised"))
    return 0


def run_pin(root: Path) -> int:
    pins = digests(root)
    gates.write_pins(root / PINS, pins)
    for name, digest in sorted(pins.items()):
        print(f"{digest}  {name}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Score Tacitus on the real-news corpus.",
        epilog="example: python bench/realnews.py --split dev --by-article",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev", help="the split to code (dev)")
    parser.add_argument("--by-article", action="store_true", help="list every error, article by article")
    parser.add_argument("--stats", action="store_true", help="print the corpus counts and stop")
    parser.add_argument("--agreement", action="store_true", help="score second.jsonl against gold.jsonl and stop")
    parser.add_argument("--assemble", action="store_true", help="build the .jsonl files from batches/ and stop")
    parser.add_argument("--skip-invalid", action="store_true", help="with --assemble: leave bad files out")
    parser.add_argument("--update-floors", action="store_true",
                        help="with --split test: raise the floors to the figures measured (never lowers one)")
    parser.add_argument("--pin", action="store_true", help="re-pin the gold files' sha256 and stop")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus directory (tests/realnews)")
    parser.add_argument("--detector", choices=("on", "off", "both"), default="both",
                        help="code with the trained detector on, off (rules only) or both, side by side (both)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.update_floors and args.split != "test":
        print("--update-floors applies to the test split: add --split test", file=sys.stderr)
        return 2
    try:
        if args.assemble:
            return run_assemble(args.corpus, args.skip_invalid)
        if args.stats:
            return run_stats(args.corpus)
        if args.agreement:
            return run_agreement(args.corpus, args.by_article)
        if args.pin:
            return run_pin(args.corpus)
        return run_split(args.corpus, args.split, args.by_article, args.update_floors, args.detector)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
