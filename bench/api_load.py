"""Load on the HTTP API and the pages of `tacitus serve` over a database of synthetic events, and the CLI beside it.

Usage: python bench/api_load.py [--events N] [--requests R] [--concurrency C] [--db FILE] [--only-events]
                                [--cli-runs K]

Builds (or reuses, with --db) a database of N synthetic events in N/10 documents — sentences and titles of words
drawn by a Zipf law, stories, commitments, counts and the word index built and the events and stories put in list
order as at the end of a run — starts `tacitus serve` on 127.0.0.1 and a free port in a child process, then sends a fixed number of requests from C client threads over
loopback (never another host): R each to /api/events (filtered pages and deep offsets), /api/dyads, full-text
searches (`text=`: common and rare words, phrases, prefixes), sorted and faceted event lists and /api/stories;
then R/5 to each other endpoint and each page (the commitments page too). Last, it runs `tacitus events` and
`tacitus commitments` K times each in fresh processes beside the server.
Prints, per endpoint, requests/s and the p50/p95/p99 latency, and the server's peak memory, and stops the server.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import quote
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ["USA", "CHN", "RUS", "JPN", "DEU", "FRA", "GBR", "IND", "BRA", "TUR", "IRN", "ISR", "PSE", "UKR", "KOR",
          "PRK", "SAU", "EGY", "NGA", "ZAF", "MEX", "CAN", "AUS", "IDN", "PAK", "AFG", "SYR", "IRQ", "VEN", "COL",
          "ARG", "POL", "ITA", "ESP", "NLD", "SWE", "NOR", "VNM", "THA", "PHL", "MYS", "SGP", "KAZ", "BLR", "GEO",
          "ARM", "AZE", "IGOUNO", "IGOEU", "IGONATO"]
STATUSES = ["occurred"] * 8 + ["planned", "negated"]


def _synthetic_tables(n_events: int, seed: int):
    """The synthetic events and documents as Arrow tables (the numpy arrays behind them die with this call)."""
    import numpy as np
    import pyarrow as pa

    from tacitus.ontology import load_ontology

    rng = np.random.default_rng(seed)
    actors = np.array(ACTORS)
    weights = 1 / np.arange(1, len(actors) + 1)
    weights /= weights.sum()
    source = rng.choice(len(actors), n_events, p=weights)
    target = (source + rng.choice(np.arange(1, len(actors)), n_events, p=weights[1:] / weights[1:].sum())) \
        % len(actors)
    ontology = load_ontology()
    cameo = [ontology.get(code) for code in ("010", "020", "036", "040", "042", "043", "057", "061", "070", "080",
                                             "100", "111", "112", "130", "138", "163", "172", "173", "190", "195")]
    pick = rng.integers(0, len(cameo), n_events)
    n_docs = max(1, n_events // 10)
    doc_of = np.arange(n_events) // 10
    published = np.datetime64("2000-01-01") + rng.integers(0, 365 * 25, n_docs).astype("timedelta64[D]")
    when = published[doc_of]
    doc_ids = np.char.add("d", np.arange(n_docs).astype(str))
    lat = rng.uniform(-50, 65, len(actors)).round(2)
    lon = rng.uniform(-170, 170, len(actors)).round(2)
    located = rng.random(n_events) < 0.3
    status = np.array(STATUSES)[rng.integers(0, len(STATUSES), n_events)]
    # a plan is for the next three months (so that later events can fulfil it); anything else happens that day
    planned_end = np.where(status == "planned", when + np.timedelta64(90, "D"), when)
    # Sentences: "<source> <the code's label> <target>" and filler words drawn by a Zipf law from the words of
    # the CAMEO labels (below, in DuckDB), so that searches meet common and rare words as in real text.
    label = np.array([c.label for c in cameo])[pick]
    sentence = np.char.add(np.char.add(np.char.add(np.char.add(actors[source], " "), label), " "), actors[target])
    events = pa.table({
        "event_id": np.char.add("e", np.arange(n_events).astype(str)), "doc_id": doc_ids[doc_of],
        "code": np.array([c.code for c in cameo])[pick], "root": np.array([c.root for c in cameo])[pick],
        "label": np.array([c.label for c in cameo])[pick],
        "quad_class": np.array([c.quad_class for c in cameo], dtype="int32")[pick],
        "goldstein": np.array([c.goldstein for c in cameo])[pick],
        "status": status,
        "source_code": actors[source], "source_key": actors[source], "source_name": actors[source],
        "source_text": actors[source], "target_code": actors[target], "target_key": actors[target],
        "target_name": actors[target], "target_text": actors[target],
        "window_start": when, "window_end": planned_end, "date_start": when, "date_end": planned_end,
        "date_precision": np.full(n_events, "day"),
        "location_name": np.where(located, actors[target], None),
        "location_lat": np.where(located, lat[target], np.nan), "location_lon": np.where(located, lon[target], np.nan),
        "sentence": sentence, "span_start": np.zeros(n_events, dtype="int32"),
        "span_end": np.char.str_len(sentence).astype("int32"), "trigger": np.full(n_events, "did"),
        "trigger_start": np.full(n_events, 4, dtype="int32"), "trigger_end": np.full(n_events, 7, dtype="int32"),
        "rule": np.full(n_events, "synthetic"), "confidence": np.full(n_events, 0.8),
    })
    documents = pa.table({
        "doc_id": doc_ids, "content_hash": doc_ids, "source": np.char.add(doc_ids, ".txt"),
        "status": np.full(n_docs, "coded"), "title": np.char.add("Synthetic article ", doc_ids),
        "outlet": np.array(["Wire", "Ledger", "Herald", "Post"])[rng.integers(0, 4, n_docs)],
        "published": published, "text": np.full(n_docs, "Synthetic text."),
        "n_events": np.full(n_docs, 10, dtype="int32"),
    })
    return events, documents


def build_db(path: Path, n_events: int, seed: int = 5, memory_limit: str = "6GB") -> None:
    """A database of `n_events` synthetic events, ten per document, dated 2000–2024, with its stories,
    commitments, counts and word index built and its events and stories in list order, as at the end of a run."""
    from tacitus.ontology import load_ontology
    from tacitus.store import document_counts, layout, search
    from tacitus.store.db import Store
    from tacitus.store.dedup import refresh_stories

    events, documents = _synthetic_tables(n_events, seed)
    ontology = load_ontology()
    # The label words in an order of their hashes (not alphabetical), the first the most frequent.
    vocabulary = sorted({w for c in ontology for w in re.findall(r"[a-z]+", c.label.lower()) if len(w) > 2},
                        key=lambda w: hashlib.sha1(w.encode()).hexdigest())
    with Store.open(path) as store:
        store.execute(f"SET memory_limit = '{memory_limit}'")  # beyond it DuckDB spills to disk
        store.execute("SET preserve_insertion_order = false")
        store.con.register("synthetic_events", events)
        store.con.register("synthetic_documents", documents)
        # Word k of the text numbered i: vocabulary[floor(V * u^3)] for a pseudo-random u of (i, k), a Zipf-like law.
        filler = ("array_to_string(list_transform(range({n}), lambda k: $vocabulary[1 + floor(len($vocabulary) * "
                  "pow((hash({i}, k, {salt}) % 1000003) / 1000003.0, 3))::INTEGER]), ' ')")
        store.execute("INSERT INTO documents BY NAME SELECT * REPLACE ('Synthetic ' || "
                      + filler.format(n=6, i="doc_id", salt=1) + " AS title), current_timestamp AS coded_at "
                      "FROM synthetic_documents", {"vocabulary": vocabulary})
        store.execute("INSERT INTO events BY NAME SELECT * EXCLUDE (s, sentence, span_end), s AS sentence, "
                      "length(s)::INTEGER AS span_end FROM (SELECT *, sentence || ' ' || "
                      + filler.format(n=8, i="event_id", salt=2) + " || ' near place' || (hash(event_id, 3) % 200000) "
                      "|| '.' AS s FROM synthetic_events)",
                      {"vocabulary": vocabulary})
        del events, documents  # the rows are in the database: free their memory for what follows
        store.con.unregister("synthetic_events")
        store.con.unregister("synthetic_documents")
        timings = {}
        began = time.perf_counter()
        document_counts.rebuild(store.con)  # the documents were inserted here, not by a run that marks their days
        refresh_stories(store.con)  # what the end of a run does: the stories and their counts, the word index
        timings["stories"] = time.perf_counter() - began
        began = time.perf_counter()
        search.rebuild(store.con)
        timings["word index"] = time.perf_counter() - began
        began = time.perf_counter()
        layout.order_events(store.con)  # as the end of a run does: the events and stories in list order
        timings["events in order"] = time.perf_counter() - began
        began = time.perf_counter()
        layout.order_stories(store.con)
        timings["stories in order"] = time.perf_counter() - began
        store.execute("CHECKPOINT")
    print("derived tables built in " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()), file=sys.stderr)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "import sys; from tacitus.cli import main; sys.exit(main(sys.argv[1:]))",
               "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    import httpx

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: the server stopped: {process.stderr.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("bench: the server did not answer within 180 s")


def event_urls(n: int, rng: random.Random) -> list[str]:
    """A fixed mix of event queries: a dyad, an actor and a period, a root code, deep pages, a text search."""
    urls = []
    for i in range(n):
        a, b = rng.sample(ACTORS[:20], 2)
        year = rng.randint(2000, 2024)
        kind = i % 5
        if kind == 0:
            urls.append(f"/api/events?dyad={a}:{b}&limit=100")
        elif kind == 1:
            urls.append(f"/api/events?actor={a}&since={year}-01&until={year}-12&limit=100")
        elif kind == 2:
            urls.append(f"/api/events?root={rng.randint(1, 20):02d}&status=occurred&limit=50")
        elif kind == 3:
            urls.append(f"/api/events?limit=100&offset={rng.randint(0, 900_000)}")
        else:
            urls.append(f"/api/events?dyad={a}:{b}&since={year}&limit=20&offset=20")
    return urls


def dyad_urls(n: int, rng: random.Random) -> list[str]:
    urls = []
    for i in range(n):
        a, b = rng.sample(ACTORS[:20], 2)
        if i % 3 == 0:
            urls.append(f"/api/dyads?dyad={a}:{b}")
        elif i % 3 == 1:
            urls.append(f"/api/dyads?dyad={a}:{b}&directed=true&since={rng.randint(2000, 2020)}&by=year")
        else:
            urls.append(f"/api/dyads?actor={a}&by=year&limit=200")
    return urls


def search_urls(n: int, rng: random.Random) -> list[str]:
    """Full-text searches over the evidence sentences and titles: a common or a rare word, two words, a phrase,
    a prefix, alone or with a filter."""
    common = ["claim", "below", "release", "rally", "sanctions", "military", "aid", "talks", "synthetic"]
    urls = []
    for i in range(n):
        kind = i % 5
        if kind == 0:
            text = rng.choice(common)
        elif kind == 1:
            text = f"place{rng.randint(0, 199_999)}"  # a rare word: a few dozen events at 10 M
        elif kind == 2:
            text = f"{rng.choice(ACTORS[:20])} {rng.choice(common)}"
        elif kind == 3:
            text = '"not specified"'
        else:
            text = rng.choice(common)[:4] + "*"
        extra = f"&root={rng.randint(1, 20):02d}" if rng.random() < 0.5 else ""
        urls.append(f"/api/events?text={quote(text)}{extra}&limit=50")
    return urls


def story_urls(n: int, rng: random.Random) -> list[str]:
    urls = []
    for i in range(n):
        a, b = rng.sample(ACTORS[:20], 2)
        kind = i % 4
        if kind == 0:
            urls.append(f"/api/stories?dyad={a}:{b}&limit=50")
        elif kind == 1:
            urls.append(f"/api/stories?actor={a}&sort=-mentions&facets=root,status&limit=50")
        elif kind == 2:
            urls.append(f"/api/stories?text=place{rng.randint(0, 199_999)}&limit=50")
        else:
            urls.append(f"/api/stories?root={rng.randint(1, 20):02d}&since={rng.randint(2000, 2024)}&limit=50")
    return urls


def facet_urls(n: int, rng: random.Random) -> list[str]:
    """Sorted, faceted event lists, as the events page asks for them."""
    urls = []
    for i in range(n):
        a, b = rng.sample(ACTORS[:20], 2)
        sort = rng.choice(["-date", "goldstein", "-confidence", "-published"])
        urls.append(f"/api/events?dyad={a}:{b}&sort={sort}&facets=root,plover,status,actor,country,outlet,month"
                    f"&limit=50" if i % 2 else
                    f"/api/events?actor={a}&since={rng.randint(2000, 2024)}&sort={sort}&facets=root,month&limit=50")
    return urls


def other_urls(n: int, rng: random.Random) -> dict[str, list[str]]:
    """The other endpoints and every page, `n` requests each."""
    def pick(make):
        return [make() for _ in range(n)]

    def dyad() -> tuple[str, str]:
        a, b = rng.sample(ACTORS[:20], 2)
        return a, b

    return {
        "/api/timeline": pick(lambda: "/api/timeline?dyad=%s:%s" % dyad()),
        "/api/network": pick(lambda: f"/api/network?since={rng.randint(2000, 2024)}&limit=150"),
        "/api/locations": pick(lambda: f"/api/locations?actor={rng.choice(ACTORS[:20])}"),
        "/api/actors": pick(lambda: f"/api/actors?q={rng.choice(ACTORS)[:2]}"),
        "/api/overview": pick(lambda: "/api/overview"),
        "/api/documents": pick(lambda: f"/api/documents?limit=50&offset={rng.randint(0, 10_000)}"),
        "/api/commitments": pick(lambda: f"/api/commitments?actor={rng.choice(ACTORS[:20])}&limit=50"
                                 f"&offset={rng.randint(0, 500)}"),
        "page /": pick(lambda: "/"),
        "page /events": pick(lambda: f"/events?q={rng.choice(['claim', 'rally', 'aid'])}&actor="
                                     f"{rng.choice(ACTORS[:20])}"),
        "page /stories": pick(lambda: f"/stories?actor={rng.choice(ACTORS[:20])}&sort=-mentions"),
        "page /dyad": pick(lambda: "/dyad?a=%s&b=%s" % dyad()),
        "page /network": pick(lambda: f"/network?since={rng.randint(2000, 2024)}"),
        "page /map": pick(lambda: f"/map?since={rng.randint(2000, 2024)}"),
        "page /documents": pick(lambda: f"/documents?offset={rng.randint(0, 10_000)}"),
        "page /commitments": pick(lambda: f"/commitments?actor={rng.choice(ACTORS[:20])}"),
    }


def cli_times(db: Path, runs: int) -> dict[str, dict]:
    """Wall times of `tacitus events` and `tacitus commitments` (table output, default row cap) in fresh processes,
    Python's start-up included, while the server holds the database read-only too."""
    commands = {"tacitus events": ["events", "--db", str(db)],
                "tacitus events --dyad": ["events", "--db", str(db), "--dyad", "USA:CHN"],
                "tacitus commitments": ["commitments", "--db", str(db)],
                "tacitus commitments --limit 3": ["commitments", "--db", str(db), "--limit", "3"]}
    out = {}
    for name, args in commands.items():
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", "import sys; from tacitus.cli import main; "
                                   "sys.exit(main(sys.argv[1:]))", *args], capture_output=True, text=True)
            times.append((time.perf_counter() - began) * 1000)
            if done.returncode != 0:
                raise SystemExit(f"bench: {name} failed: {done.stderr.strip()}")
        out[name] = _stats(times, [], sum(times) / 1000)
    return out


def _stats(latencies: list[float], failures: list[str], wall: float) -> dict:
    latencies = sorted(latencies)

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, round(p / 100 * (len(latencies) - 1)))]

    return {"requests": len(latencies), "seconds": wall, "rps": len(latencies) / wall, "p50": pct(50),
            "p95": pct(95), "p99": pct(99), "failures": failures}


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of a process (VmHWM), in MB; NaN where /proc does not tell."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def load(base: str, urls: list[str], concurrency: int) -> dict:
    """Send every URL once from `concurrency` threads; latencies in ms, wall time, failures."""
    import httpx

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    queue = list(reversed(urls))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                with lock:
                    if not queue:
                        return
                    url = queue.pop()
                began = time.perf_counter()
                try:
                    status = client.get(url).status_code
                except httpx.HTTPError as error:  # a timeout: counted, and the latency is the time waited
                    status = type(error).__name__
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    latencies.append(elapsed)
                    if status != 200:
                        failures.append(f"{status} {url}")

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _stats(latencies, failures, time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default 1,000,000)")
    parser.add_argument("--requests", type=int, default=1000, help="requests per endpoint (default 1000)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--only-events", action="store_true",
                        help="only the event, dyad, search, facet and story endpoints (not every page and the CLI)")
    parser.add_argument("--cli-runs", type=int, default=10, help="runs of each CLI command (default 10; 0: none)")
    parser.add_argument("--db", type=Path, default=None,
                        help="database file: built there when missing, reused when present (default: a temporary one)")
    args = parser.parse_args()
    if args.events < 10 or args.requests < 1 or args.concurrency < 1:
        raise SystemExit("bench: --events must be at least 10, --requests and --concurrency at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "events.duckdb"
        if not db.exists():
            began = time.perf_counter()
            build_db(db, args.events)
            print(f"built {args.events:,} synthetic events in {time.perf_counter() - began:.1f} s: {db}",
                  file=sys.stderr)
        else:
            from tacitus.store.db import Store

            Store.open(db).close()  # a database of an older schema is upgraded first (the server never writes)
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        rng = random.Random(17)
        try:
            load(base, event_urls(20, rng) + dyad_urls(20, rng), args.concurrency)  # warm-up, not counted
            groups = {"/api/events": event_urls(args.requests, rng), "/api/dyads": dyad_urls(args.requests, rng),
                      "?text= search": search_urls(args.requests, rng),
                      "sort+facets": facet_urls(args.requests, rng), "/api/stories": story_urls(args.requests, rng)}
            if not args.only_events:
                groups.update(other_urls(max(1, args.requests // 5), rng))
            results = {name: load(base, urls, args.concurrency) for name, urls in groups.items()}
            if not args.only_events and args.cli_runs:
                results.update(cli_times(db, args.cli_runs))
            memory = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(20)
    print(f"tacitus serve over {args.events:,} events; {args.concurrency} client threads on loopback; "
          f"server peak RSS {memory:,.0f} MB")
    print(f"{'endpoint':<30}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for endpoint, r in results.items():
        print(f"{endpoint:<30}{r['requests']:>9}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
              f"{len(r['failures']):>8}")
        for failure in r["failures"][:5]:
            print(f"  failed: {failure}")


if __name__ == "__main__":
    main()
