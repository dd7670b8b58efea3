"""Documents/s of `tacitus run` with the local engine and with Dask (1 and 2 workers) on one synthetic corpus.

Usage: python bench/scale.py [--docs N] [--words W] [--batch-size B] [--nodes 32] [--node-cores 32]
                             [--node-hour-usd 1.40] [--articles 10000000]

Builds the corpus of bench/ingest.py (N ~W-word articles from the paragraphs of samples/, one JSONL file), then runs
`tacitus run` on it, each in a fresh process and into a fresh database: `--engine local` with 1 and 2 workers,
`--engine dask` (a LocalCluster on 127.0.0.1) with 1 and 2 workers. For each it prints documents/s over the run
(start-up and model loading included, from the `runs` table) and in the steady state (the span of the documents'
`coded_at` after the first batch), then the ratios: Dask against local at equal cores, 2 Dask workers against 1.
Last, a paper estimate of the time and cost of coding `--articles` articles on `--nodes` nodes of `--node-cores`
cores, one Dask worker per core but one per node (left to the worker's nanny, I/O and the OS).
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _build_corpus(path: Path, n_docs: int, words: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_ingest", ROOT / "bench" / "ingest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build_corpus(path, n_docs, words)


def time_run(corpus: Path, engine: str, workers: int, n_docs: int, batch_size: int) -> dict:
    """One `tacitus run` in a fresh process: wall, run and steady-state documents/s."""
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        command = [sys.executable, "-c", "import sys; from tacitus.cli import main; sys.exit(main(sys.argv[1:]))",
                   "run", str(corpus), "--db", str(db), "--engine", engine, "--workers", str(workers),
                   "--batch-size", str(batch_size)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if done.returncode not in (0, 3):
            raise SystemExit(f"bench: tacitus run --engine {engine} failed:\n{done.stderr}")
        with duckdb.connect(str(db), read_only=True) as con:
            run_s, coded, events = con.execute(
                "SELECT epoch(finished_at - started_at), coded, events FROM runs ORDER BY run_id DESC LIMIT 1"
            ).fetchone()
            # Steady state: once every worker has written its first batch (its model loaded), to the end.
            stamps = [row[0] for row in con.execute("SELECT coded_at FROM documents ORDER BY coded_at").fetchall()]
        warm = min(workers * batch_size, len(stamps) - 1)
        steady_s = (stamps[-1] - stamps[warm - 1]).total_seconds()
        later = len(stamps) - warm
    return {"engine": engine, "workers": workers, "wall_s": wall, "run_s": run_s, "coded": coded,
            "events": events, "per_s_wall": n_docs / wall, "per_s_run": n_docs / run_s,
            "per_s_steady": later / steady_s if steady_s > 0 else float("nan")}


def driver_ceiling(corpus: Path, batch_size: int, sample: int = 48) -> float:
    """Documents/s the run's one writer takes when coding is free: reading, hashing, batching, writing.

    `sample` articles are coded for real once; every document of the corpus then gets a copy of one of them (its
    events renamed), so that the database receives rows of the real size.
    """
    import dataclasses
    import hashlib

    from tacitus.sources import iter_documents
    from tacitus.store import engine
    from tacitus.store.ingest import ingest

    raws = [raw for _, raw in zip(range(sample), iter_documents([str(corpus)]))]
    coded = engine.code_chunk(raws)

    def copy_for(raw, index):
        article = coded[index % len(coded)]
        events = tuple(dataclasses.replace(e, doc_id=raw.id, event_id=hashlib.sha1(
            f"{raw.id}|{e.event_id}".encode()).hexdigest()[:16]) for e in article.events)
        return dataclasses.replace(article, document=dataclasses.replace(article.document, id=raw.id,
                                                                         source=raw.source), events=events)

    engine.code_chunk = lambda chunk, published=None: [copy_for(raw, i) for i, raw in enumerate(chunk)]
    with tempfile.TemporaryDirectory() as tmp:
        summary = ingest([str(corpus)], Path(tmp) / "ceiling.duckdb", workers=1, batch_size=batch_size)
    return summary.documents / summary.seconds


def paper_estimate(per_worker: float, efficiency: float, *, articles: int, nodes: int, node_cores: int,
                   node_hour_usd: float, ceiling: float) -> dict:
    """Hours and cost of coding `articles` on the cluster, from one worker's rate and the 2-worker efficiency.

    The rate is capped by `ceiling`, the documents/s the one writer of the database can take.
    """
    workers = nodes * (node_cores - 1)
    rate = min(per_worker * workers * efficiency, ceiling)
    hours = articles / rate / 3600
    return {"workers": workers, "rate": rate, "hours": hours, "node_hours": hours * nodes,
            "usd": hours * nodes * node_hour_usd, "core_hours": hours * nodes * node_cores}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=600, help="articles in the synthetic corpus (default 600)")
    parser.add_argument("--words", type=int, default=400, help="words per article (default 400)")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per batch (default 16)")
    parser.add_argument("--articles", type=int, default=10_000_000, help="articles of the paper estimate")
    parser.add_argument("--nodes", type=int, default=32, help="nodes of the paper estimate (default 32)")
    parser.add_argument("--node-cores", type=int, default=32, help="cores per node (default 32)")
    parser.add_argument("--node-hour-usd", type=float, default=1.40,
                        help="price of a node-hour (default 1.40, an on-demand 32-vCPU cloud machine)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        _build_corpus(corpus, args.docs, args.words)
        print(f"corpus: {args.docs} articles of ~{args.words} words, batches of {args.batch_size}")
        results = {(engine, workers): time_run(corpus, engine, workers, args.docs, args.batch_size)
                   for engine in ("local", "dask") for workers in (1, 2)}
        ceilings = {size: driver_ceiling(corpus, size) for size in sorted({args.batch_size, 256})}
    for r in results.values():
        print(f"--engine {r['engine']:5} --workers {r['workers']}: {r['per_s_run']:6.1f} docs/s over the run "
              f"({r['run_s']:.1f} s), {r['per_s_steady']:6.1f} docs/s steady, {r['per_s_wall']:6.1f} docs/s wall "
              f"({r['wall_s']:.1f} s); {r['coded']} coded, {r['events']} events")
    for measure in ("run", "steady"):
        key = f"per_s_{measure}"
        print(f"ratios ({measure}): dask/local at 1 worker {results['dask', 1][key] / results['local', 1][key]:.2f}, "
              f"at 2 workers {results['dask', 2][key] / results['local', 2][key]:.2f}; "
              f"dask 2/1 workers {results['dask', 2][key] / results['dask', 1][key]:.2f}x; "
              f"local 2/1 workers {results['local', 2][key] / results['local', 1][key]:.2f}x")
    for size, ceiling in ceilings.items():
        print(f"one writer, coding free, batches of {size}: {ceiling:,.0f} docs/s (the ceiling of a run on any cluster)")
    per_worker = results["dask", 1]["per_s_steady"]
    efficiency = min(1.0, results["dask", 2]["per_s_steady"] / per_worker / 2)
    for size, ceiling in ceilings.items():
        estimate = paper_estimate(per_worker, efficiency, articles=args.articles, nodes=args.nodes,
                                  node_cores=args.node_cores, node_hour_usd=args.node_hour_usd, ceiling=ceiling)
        bound = "the writer" if estimate["rate"] >= ceiling else "the workers"
        print(f"paper estimate, batches of {size}: {args.articles:,} articles of ~{args.words} words on "
              f"{args.nodes} nodes × {args.node_cores} cores = {estimate['workers']} Dask workers at "
              f"{per_worker:.1f} docs/s each × {efficiency:.2f} efficiency (2 workers against 1), capped by the "
              f"writer at {ceiling:,.0f} docs/s → {estimate['rate']:,.0f} docs/s (bound by {bound}) → "
              f"{estimate['hours']:.1f} h, {estimate['node_hours']:,.0f} node-hours "
              f"({estimate['core_hours']:,.0f} core-hours) ≈ ${estimate['usd']:,.0f} at "
              f"${args.node_hour_usd:.2f}/node-hour")


if __name__ == "__main__":
    main()
