"""Health-check latency of `tacitus serve` while hostile articles are being coded.

Usage: python bench/fault_load.py [--hostile 4] [--seconds 60] [--code-timeout 10]

Starts `tacitus serve` on 127.0.0.1 and a free port (a child process, over an empty database), then measures
`/api/health` from one client thread: first alone (the baseline), then while `--hostile` client threads keep
posting hostile articles to `/api/code` — one sentence naming a hundred countries at a summit, and a page of
~190 KB — for `--seconds`. Prints p50/p95/p99/max of the health checks in both phases, their ratio, what the
hostile requests got (status counts) and the server's peak memory. Loopback only; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

TARGET_P99_MS = 200  # issue 12: the health check stays responsive while hostile articles are coded


def hostile_articles() -> list[str]:
    """Articles made to cost: a summit of a hundred named states, and a long page of dense diplomacy."""
    from tacitus.knowledge import load_knowledge

    names = [country.name for country in load_knowledge().countries][:100]
    summit = ("The leaders of " + ", ".join(names[:-1]) + " and " + names[-1] +
              " met in Geneva on Monday and signed an agreement on trade.")
    paragraph = ("Japan and Russia held talks in Moscow on Monday. China condemned the sanctions that the "
                 "United States imposed on Iran. Ukrainian forces shelled Russian positions near Donetsk. ")
    page = (paragraph * (190_000 // len(paragraph)))[:190_000]
    return [summit, page]


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"n": len(ordered), "p50": pick(0.50) * 1000, "p95": pick(0.95) * 1000, "p99": pick(0.99) * 1000,
            "max": ordered[-1] * 1000, "mean": statistics.fmean(ordered) * 1000}


def _health_loop(client, url: str, until: float) -> list[float]:
    samples = []
    while time.monotonic() < until:
        started = time.perf_counter()
        response = client.get(url, timeout=30)
        samples.append(time.perf_counter() - started)
        response.raise_for_status()
        time.sleep(0.05)
    return samples


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (from /proc; 0 where there is none)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if int(entry.name) == pid or int(stat[1]) == pid:
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def _measure(server, args, httpx) -> tuple[list[float], list[float], collections.Counter, float]:
    """Health-check latencies alone and under attack, what the attacks got, and the server's peak memory."""
    base = server.url
    with httpx.Client() as client:
        # Let the coder's worker process load the model, so the baseline is a quiet server.
        client.post(f"{base}/api/code", json={"text": "Japan and Russia held talks."}, timeout=120)
        quiet = _health_loop(client, f"{base}/api/health", time.monotonic() + args.baseline_seconds)

    statuses: collections.Counter = collections.Counter()
    peak = [0.0]
    until = time.monotonic() + args.seconds
    articles = hostile_articles()

    def attack(index: int) -> None:
        with httpx.Client() as client:
            turn = index
            while time.monotonic() < until:
                try:
                    response = client.post(f"{base}/api/code", json={"text": articles[turn % len(articles)]},
                                           timeout=args.code_timeout + 60)
                    statuses[response.status_code] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                turn += 1

    def watch_memory() -> None:
        while time.monotonic() < until:
            peak[0] = max(peak[0], _rss_mb(server.process.pid))
            time.sleep(0.5)

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(args.hostile)]
    threads.append(threading.Thread(target=watch_memory))
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    with httpx.Client() as client:
        loaded = _health_loop(client, f"{base}/api/health", until)
    for thread in threads:
        thread.join()
    return quiet, loaded, statuses, peak[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hostile", type=int, default=4, help="client threads posting hostile articles")
    parser.add_argument("--seconds", type=float, default=60, help="length of the hostile phase")
    parser.add_argument("--baseline-seconds", type=float, default=10, help="length of the quiet phase")
    parser.add_argument("--code-timeout", type=float, default=10, help="the server's --code-timeout")
    args = parser.parse_args(argv)

    import httpx

    from tacitus.errors import ServerStartError
    from tacitus.store.db import Store
    from tacitus.web.child import serve_child

    workdir = Path(tempfile.mkdtemp(prefix="tacitus-fault-load-"))
    db = workdir / "empty.duckdb"
    Store.open(db).close()
    try:
        with (workdir / "server.log").open("w") as log, \
                serve_child(db, "--code-timeout", str(args.code_timeout), stderr=log) as server:
            quiet, loaded, statuses, peak = _measure(server, args, httpx)
    except ServerStartError as exc:
        raise SystemExit(f"bench: {exc} (log: {workdir / 'server.log'})") from None

    q, h = _percentiles(quiet), _percentiles(loaded)
    print(f"/api/health alone:         n={q['n']:4d}  p50 {q['p50']:7.1f} ms  p95 {q['p95']:7.1f} ms  "
          f"p99 {q['p99']:7.1f} ms  max {q['max']:7.1f} ms")
    print(f"/api/health under {args.hostile} hostile: n={h['n']:4d}  p50 {h['p50']:7.1f} ms  p95 {h['p95']:7.1f} ms  "
          f"p99 {h['p99']:7.1f} ms  max {h['max']:7.1f} ms")
    print(f"p99 ratio (hostile / alone): {h['p99'] / q['p99']:.2f}; target p99 < {TARGET_P99_MS} ms under attack: "
          f"{'met' if h['p99'] < TARGET_P99_MS else 'NOT met'}")
    print("hostile /api/code answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)))
    print(f"server peak RSS (with its coder process): {peak:.0f} MB; server log: {workdir / 'server.log'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
