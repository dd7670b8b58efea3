"""Throughput of `tacitus run` with one and with all workers, and the latency of a dyad-month query.

Usage: python bench/ingest.py [--docs N] [--words W] [--events E] [--queries Q] [--skip-run] [--skip-query]

1. Builds a corpus of N (default 2000) ~W-word articles from the paragraphs of the project's samples/ (one JSONL
   file, publication dates spread over 2015-2016), then runs `tacitus run` on it into a fresh database with
   `--workers 1` and with `--workers <all cores>`, and prints documents/s of each (wall time of the command, and
   the run's own time from the `runs` table, which leaves out interpreter start-up) and the scaling ratio.
2. Builds a database of E (default 1,000,000) synthetic events (inserted through an Arrow table) and times Q
   dyad-month queries (`EventDB.dyads(dyad=(A, B))`) over random dyads: p50 and p95 latency.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def build_corpus(path: Path, n_docs: int, words: int, seed: int = 11) -> None:
    """A JSONL corpus of shuffled sample paragraphs, each article unique, with page chrome."""
    from corpus import article_bodies

    with path.open("w", encoding="utf-8") as out:
        for i, (rng, body) in enumerate(article_bodies(n_docs, words, seed)):
            day = f"{rng.choice((2015, 2016))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            text = f"Share\n\nSynthetic article {i}\n\n" + "\n\n".join(body) + "\n\nRead more"
            out.write(json.dumps({"text": text, "published": day, "outlet": f"Outlet {i % 7}"}) + "\n")


def time_run(corpus: Path, workers: int, n_docs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        command = [sys.executable, "-c", "import sys; from tacitus.cli import main; sys.exit(main(sys.argv[1:]))",
                   "run", str(corpus), "--db", str(db), "--workers", str(workers)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode not in (0, 3):
            raise SystemExit(f"bench: tacitus run failed:\n{done.stderr}")
        from tacitus.store.query import EventDB

        with EventDB(db) as events_db:
            run = events_db.runs().iloc[-1]
            counts = events_db.counts()
        inner = (run.finished_at - run.started_at).total_seconds()
    return {"workers": workers, "docs": n_docs, "wall_s": wall, "run_s": inner, "docs_per_s_wall": n_docs / wall,
            "docs_per_s_run": n_docs / inner, "events": counts["events"], "coded": counts.get("documents_coded", 0)}


def build_event_db(path: Path, n_events: int, seed: int = 5) -> list[tuple[str, str]]:
    """A database of synthetic events; returns the dyads that occur in it."""
    import numpy as np
    import pyarrow as pa

    from tacitus.store.db import Store

    rng = np.random.default_rng(seed)
    actors = np.array(["USA", "CHN", "RUS", "JPN", "DEU", "FRA", "GBR", "IND", "BRA", "TUR", "IRN", "ISR", "PSE",
                       "UKR", "KOR", "PRK", "SAU", "EGY", "NGA", "ZAF", "MEX", "CAN", "AUS", "IDN", "PAK", "AFG",
                       "SYR", "IRQ", "VEN", "COL", "ARG", "POL", "ITA", "ESP", "NLD", "SWE", "NOR", "VNM", "THA",
                       "PHL", "MYS", "SGP", "KAZ", "BLR", "GEO", "ARM", "AZE", "IGOUNO", "IGOEU", "IGONATO"])
    weights = 1 / np.arange(1, len(actors) + 1)
    weights /= weights.sum()
    source = rng.choice(len(actors), n_events, p=weights)
    target = (source + rng.choice(np.arange(1, len(actors)), n_events, p=weights[1:] / weights[1:].sum())) % len(actors)
    roots = rng.integers(1, 21, n_events)
    codes = np.char.add(np.char.zfill(roots.astype(str), 2), rng.integers(0, 10, n_events).astype(str))
    days = rng.integers(0, 365 * 25, n_events)
    start = np.datetime64("2000-01-01") + days.astype("timedelta64[D]")
    quad = np.select([roots <= 5, roots <= 9, roots <= 13], [1, 2, 3], 4)
    ids = np.char.add("e", np.arange(n_events).astype(str))
    table = pa.table({
        "event_id": ids, "doc_id": np.char.add("d", (np.arange(n_events) // 5).astype(str)),
        "code": codes, "root": np.char.zfill(roots.astype(str), 2), "status": np.full(n_events, "occurred"),
        "source_code": actors[source], "source_key": actors[source], "target_code": actors[target],
        "target_key": actors[target], "window_start": start, "window_end": start, "date_start": start,
        "date_end": start, "quad_class": quad.astype("int32"),
        "goldstein": rng.uniform(-10, 10, n_events).round(1),
    })
    with Store.open(path) as store:
        store.con.register("synthetic", table)
        store.execute("INSERT INTO events BY NAME SELECT * FROM synthetic")
        store.execute("CHECKPOINT")
    return sorted(set(zip(actors[source[:5000]], actors[target[:5000]])))


def time_queries(n_events: int, n_queries: int) -> dict:
    from tacitus.store.query import EventDB

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.duckdb"
        start = time.perf_counter()
        dyads = build_event_db(path, n_events)
        built = time.perf_counter() - start
        rng = random.Random(3)
        latencies = []
        rows = 0
        with EventDB(path) as db:
            db.dyads(dyad=dyads[0])  # warm up
            for _ in range(n_queries):
                dyad = rng.choice(dyads)
                begin = time.perf_counter()
                frame = db.dyads(dyad=dyad)
                latencies.append((time.perf_counter() - begin) * 1000)
                rows += len(frame)
    latencies.sort()
    return {"events": n_events, "build_s": built, "queries": n_queries,
            "p50_ms": statistics.median(latencies), "p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
            "mean_rows": rows / n_queries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000, help="articles in the synthetic corpus (default 2000)")
    parser.add_argument("--words", type=int, default=500, help="words per article (default 500)")
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events for the query benchmark")
    parser.add_argument("--queries", type=int, default=200, help="dyad-month queries timed (default 200)")
    parser.add_argument("--skip-run", action="store_true", help="only the query benchmark")
    parser.add_argument("--skip-query", action="store_true", help="only the ingest benchmark")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    if not args.skip_run:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            build_corpus(corpus, args.docs, args.words)
            print(f"corpus: {args.docs} articles of ~{args.words} words; {cores} local cores")
            results = [time_run(corpus, 1, args.docs)]
            if cores > 1:
                results.append(time_run(corpus, cores, args.docs))
            for r in results:
                print(f"tacitus run --workers {r['workers']}: {r['docs_per_s_wall']:.1f} docs/s wall "
                      f"({r['wall_s']:.1f} s), {r['docs_per_s_run']:.1f} docs/s in the run ({r['run_s']:.1f} s); "
                      f"{r['coded']} coded, {r['events']} events")
            if len(results) > 1:
                run_ratio = results[1]["docs_per_s_run"] / results[0]["docs_per_s_run"]
                wall_ratio = results[1]["docs_per_s_wall"] / results[0]["docs_per_s_wall"]
                print(f"scaling 1 → {cores} workers: {run_ratio:.2f}x (run time), {wall_ratio:.2f}x (wall)")
    if not args.skip_query:
        q = time_queries(args.events, args.queries)
        print(f"dyad-month query on {q['events']:,} events (built in {q['build_s']:.1f} s): "
              f"p50 {q['p50_ms']:.1f} ms, p95 {q['p95_ms']:.1f} ms over {q['queries']} queries "
              f"({q['mean_rows']:.0f} rows each on average)")


if __name__ == "__main__":
    main()
