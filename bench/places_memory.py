"""What the cities of GeoNames behind the gazetteer cost: memory and time, against the pipeline without them.

Usage: python bench/places_memory.py [--docs N] [--words W] [--repeat R]

Builds the corpus of bench/throughput.py (articles from the paragraphs of samples/), then, each in a fresh
process so that peak memory is its own, codes it with the full pipeline
  1. without: the city index replaced by an empty one (the hand-made gazetteer only);
  2. with:    the packaged pipeline, the city table read before the timed run (as a worker reads it on the
              first city it meets).
Prints documents/s, peak RSS, the seconds and megabytes the city table's load costs, the events and how many of
them are placed, and the ratios with/without, alternating the two `--repeat` times and keeping each one's fastest.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _rss_mb() -> float:
    """The resident set of this process now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_mode(mode: str, corpus_path: str, batch_size: int) -> dict:
    from tacitus import code_documents
    from tacitus.cities import Cities
    from tacitus.knowledge import Knowledge, load_knowledge
    from tacitus.pipeline import load_pipeline
    from tacitus.sources import RawDoc

    texts = json.loads(Path(corpus_path).read_text())
    if mode == "without":
        empty = Cities({})
        Knowledge.cities = lambda self: empty  # type: ignore[method-assign]
    load_pipeline()
    before, start = _rss_mb(), time.perf_counter()
    cities = len(load_knowledge().cities())
    load_seconds, load_mb = time.perf_counter() - start, _rss_mb() - before
    raws = [RawDoc(id=str(i), source="bench", text=t, html=None) for i, t in enumerate(texts)]
    list(code_documents(raws[:4], batch_size=batch_size))  # warm up
    start, cpu = time.perf_counter(), time.process_time()
    events = placed = 0
    for article in code_documents(raws, batch_size=batch_size):
        events += len(article.events)
        placed += sum(1 for e in article.events if e.location is not None)
    return {"mode": mode, "docs": len(texts), "seconds": time.perf_counter() - start,
            "cpu": time.process_time() - cpu, "events": events, "placed": placed, "cities": cities,
            "load_seconds": load_seconds, "load_mb": load_mb,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--mode", choices=["without", "with"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.batch_size)))
        return
    from throughput import build_corpus

    corpus_file = ROOT / ".bench-places-corpus.json"
    corpus_file.write_text(json.dumps(build_corpus(args.docs, args.words)))
    results: dict[str, dict] = {}
    try:
        for _ in range(max(1, args.repeat)):
            for mode in ("without", "with"):
                out = subprocess.run([sys.executable, __file__, "--mode", mode, "--corpus", str(corpus_file),
                                      "--batch-size", str(args.batch_size)], capture_output=True, text=True,
                                     check=True)
                run = json.loads(out.stdout.strip().splitlines()[-1])
                best = results.get(mode)
                if best is None or run["seconds"] < best["seconds"]:
                    results[mode] = run
    finally:
        corpus_file.unlink(missing_ok=True)
    print(f"corpus: {args.docs} articles of ~{args.words} words (from samples/), batch size {args.batch_size}, "
          f"fastest of {max(1, args.repeat)} alternating runs each")
    print(f"{'':8} {'docs/s':>8} {'peak RSS':>10} {'cities':>7} {'load':>8} {'load RSS':>9} {'events':>7} "
          f"{'placed':>7}")
    for mode in ("without", "with"):
        r = results[mode]
        print(f"{mode:8} {r['docs'] / r['seconds']:8.1f} {r['peak_rss_mb']:8.0f} MB {r['cities']:7d} "
              f"{r['load_seconds']:6.2f} s {r['load_mb']:6.0f} MB {r['events']:7d} {r['placed']:7d}")
    with_, without = results["with"], results["without"]
    ratio = (with_["docs"] / with_["seconds"]) / (without["docs"] / without["seconds"])
    print(f"with / without throughput: {ratio:.2f}  (CPU time without / with: {without['cpu'] / with_['cpu']:.2f})")
    print(f"with / without peak RSS: {with_['peak_rss_mb'] / without['peak_rss_mb']:.2f}  "
          f"(+{with_['peak_rss_mb'] - without['peak_rss_mb']:.0f} MB; target < 800 MB per worker)")


if __name__ == "__main__":
    main()
