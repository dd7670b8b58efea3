"""`ingest`: code a corpus into the event database — every document recorded, each batch in one transaction.

Documents are identified by their id (the content hash of the text, unless a JSONL line gives an id). A document
already stored with the same content is skipped, so a second run adds nothing and a run cut short (Ctrl-C,
`kill -9`, power loss) finishes the rest when rerun; `reprocess=True` re-codes stored documents, replacing their
events. Documents stored as `failed` are retried on every run. The coding runs on this machine (`engine="local"`) or
on a Dask cluster (`engine="dask"`); either way this process alone writes the database.
"""

from __future__ import annotations

import functools
import glob
import gzip
import hashlib
import os
import time
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import duckdb

from ..errors import StoreError
from ..model import Article, Document, Event, iso_day
from ..sources import (
    DEFAULT_MAX_BYTES,
    RawDoc,
    Rejected,
    content_id,
    is_regular_file,
    iter_documents,
    walk_directory,
)
from .db import DEFAULT_DB, Store
from .dedup import forget_documents, refresh_stories
from . import document_counts, layout, search
from .parquet import write_parquet

if TYPE_CHECKING:
    import pyarrow as pa

    from .engine import Chunk

    #: A coding engine: (batches, published) → each batch with its articles.
    Coder = Callable[[Iterable[Chunk], str | None], Iterator[tuple[Chunk, list[Article]]]]

ENGINES = ("local", "dask")
_LOOKAHEAD = 256  # documents read ahead and checked against the database in one query


# -- the record of a run ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Progress:
    """Counts so far, for a progress display. `total` is an estimate (None when reading stdin)."""

    total: int | None
    done: int
    coded: int
    rejected: int
    failed: int
    skipped: int
    events: int
    seconds: float


@dataclass(frozen=True, slots=True)
class RunSummary:
    """The outcome of a run.

    Attributes:
        run_id: the run's row in the `runs` table.
        documents: inputs read (documents = coded + rejected + failed + duplicates).
        coded, rejected, failed: the status of each distinct input document, stored before or in this run.
        undated: of the coded documents, those without a publication date (their events have only the dates
            their text names).
        duplicates: inputs repeating an earlier input of this run (same id and text).
        new: documents written in this run; skipped: documents already stored with the same text.
        events: events written in this run.
        seconds: wall time.
    """

    run_id: int
    documents: int
    coded: int
    rejected: int
    failed: int
    duplicates: int
    new: int
    skipped: int
    events: int
    seconds: float
    undated: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Reporter(Protocol):
    """What `ingest` tells a display: the estimated total, progress, and each document not coded."""

    def start(self, total: int | None) -> None: ...

    def update(self, progress: Progress) -> None: ...

    def problem(self, document: Document) -> None: ...


class _Silent:
    def start(self, total: int | None) -> None:
        pass

    def update(self, progress: Progress) -> None:
        pass

    def problem(self, document: Document) -> None:
        pass


@dataclass
class _Tally:
    total: int | None
    started: float = field(default_factory=time.perf_counter)
    documents: int = 0
    coded: int = 0
    rejected: int = 0
    failed: int = 0
    duplicates: int = 0
    new: int = 0
    skipped: int = 0
    events: int = 0
    undated: int = 0

    def outcome(self, status: str, *, dated: bool = True) -> None:
        setattr(self, status, getattr(self, status) + 1)
        self.undated += status == "coded" and not dated

    def progress(self) -> Progress:
        done = self.coded + self.rejected + self.failed + self.duplicates
        total = max(self.total, done) if self.total is not None else None
        return Progress(total, done, self.coded, self.rejected, self.failed, self.skipped + self.duplicates,
                        self.events, time.perf_counter() - self.started)


# -- helpers ---------------------------------------------------------------------------------------------------
def expand_paths(paths: Sequence[str]) -> list[str]:
    """Expand glob patterns ("news/*.jsonl.gz", "**" recursive) that the shell left alone; keep other paths."""
    expanded: list[str] = []
    for name in paths:
        if name != "-" and not Path(name).exists() and any(ch in name for ch in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            expanded.extend(matches or [name])
        else:
            expanded.append(name)
    return expanded


def estimate_documents(paths: Sequence[str]) -> int | None:
    """How many documents the inputs hold (one per file, one per non-blank JSONL line); None for stdin."""
    total = 0
    for name in paths:
        if name == "-":
            return None
        path = Path(name)
        if path.is_dir():
            files = [entry for _, entry in walk_directory(path) if isinstance(entry, Path)]
        else:
            files = [path]
        # Only regular files are opened: a FIFO named *.jsonl would block the count forever.
        total += sum(_documents_in(f) if is_regular_file(f) else 1 for f in files)
    return total


def _documents_in(path: Path) -> int:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] == [".gz"]:
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] not in (".jsonl", ".ndjson"):
        return 1
    try:
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    except (OSError, EOFError):
        return 1


# -- writing ---------------------------------------------------------------------------------------------------
_STRING_EVENT_COLUMNS = (
    "event_id", "doc_id", "code", "root", "label", "plover", "status",
    "source_text", "source_name", "source_country", "source_sector", "source_code",
    "target_text", "target_name", "target_country", "target_sector", "target_code", "source_key", "target_key",
    "date_precision", "date_text", "location_name", "location_country", "sentence", "trigger", "rule",
    "source_country_source", "target_country_source",
)


@functools.cache
def _schemas() -> tuple[pa.Schema, pa.Schema]:
    """The Arrow schemas of the rows written to `documents` and `events` (pyarrow imported here, on the first
    write: a command that only reads the database starts without it)."""
    import pyarrow as pa

    documents = pa.schema([
        ("doc_id", pa.string()), ("content_hash", pa.string()), ("source", pa.string()), ("status", pa.string()),
        ("reason", pa.string()), ("title", pa.string()), ("outlet", pa.string()), ("published", pa.date32()),
        ("published_source", pa.string()), ("page", pa.string()), ("tags", pa.list_(pa.string())),
        ("url", pa.string()), ("text", pa.string()),
        ("n_events", pa.int32()), ("run_id", pa.int32()), ("coded_at", pa.timestamp("us")),
    ])
    events = pa.schema(
        [(name, pa.string()) for name in _STRING_EVENT_COLUMNS]
        + [(name, pa.date32()) for name in ("date_start", "date_end", "window_start", "window_end")]
        + [(name, pa.float64()) for name in ("goldstein", "location_lat", "location_lon", "confidence")]
        + [(name, pa.int32()) for name in ("quad_class", "span_start", "span_end", "trigger_start", "trigger_end",
                                           "run_id")]
        + [("background", pa.bool_()), ("other_mentions", pa.list_(pa.string()))]
        + [(name, pa.list_(pa.string())) for name in ("source_participants", "target_participants")]
    )
    return documents, events


def event_row(event: Event, published: str | None, run_id: int | None) -> dict[str, Any]:
    """An event as a row of the `events` table."""
    row = event.as_row(published)
    for column in ("date_start", "date_end", "window_start", "window_end"):
        row[column] = iso_day(row[column])
    row["run_id"] = run_id
    return row


def document_row(document: Document, content_hash: str | None, n_events: int, run_id: int | None) -> dict[str, Any]:
    """A document as a row of the `documents` table."""
    return {"doc_id": document.id, "content_hash": content_hash, "source": document.source,
            "status": document.status, "reason": document.reason, "title": document.title,
            "outlet": document.outlet, "published": iso_day(document.published),
            "published_source": document.published_source, "page": document.page,
            "tags": list(document.tags), "url": document.url, "text": document.text or None,
            "n_events": n_events, "run_id": run_id,
            "coded_at": datetime.now(timezone.utc).replace(tzinfo=None)}


def write_articles(store: Store, articles: Sequence[tuple[Article, str | None]], run_id: int | None = None, *,
                   current: Container[str] = frozenset()) -> None:
    """Store articles (each with the content hash of its input) in one transaction, replacing earlier versions.

    A document's identity is its source (path, or path:LINE) with its content: a stored document of the same
    source under another id is an earlier version of the input — a file that was edited, or that was unreadable
    and has since been fixed — and goes with its events and stories in the same transaction. Ids in `current`
    (the documents already met in this run) are kept: the same text moved to another line is not a stale version.
    """
    if not articles:
        return
    import pyarrow as pa

    document_schema, event_schema = _schemas()
    documents = pa.Table.from_pylist(
        [document_row(a.document, h, len(a.events), run_id) for a, h in articles], schema=document_schema)
    events = pa.Table.from_pylist(
        [event_row(e, a.document.published, run_id) for a, _ in articles for e in a.events], schema=event_schema)
    ids = [a.document.id for a, _ in articles]
    sources: dict[str, bool] = {}  # source → whether its new version is coded
    for article, _ in articles:
        sources[article.document.source] = sources.get(article.document.source, False) or \
            article.document.status == "coded"
    try:
        _replace(store, ids, sources, documents, events, current)
    except duckdb.Error as error:
        # A full disk or a lost file: the transaction was rolled back, earlier batches stay committed.
        raise StoreError(f"{store.path}: cannot write: {str(error).splitlines()[0]}") from None


def _replace(store: Store, ids: list[str], sources: dict[str, bool], documents: pa.Table, events: pa.Table,
             current: Container[str]) -> None:
    with store.transaction() as con:
        earlier = con.execute(
            "SELECT doc_id, status, source FROM documents WHERE source IN (SELECT unnest(?::VARCHAR[])) "
            "AND doc_id NOT IN (SELECT unnest(?::VARCHAR[]))", [list(sources), ids]).fetchall()
        # A coded version is replaced only by a newly coded one: an input that cannot be read today keeps the
        # events of the version that could.
        stale = [doc_id for doc_id, status, source in earlier
                 if status != "coded" or (sources[source] and doc_id not in current)]
        replaced = ids + stale
        forget_documents(con, replaced)
        search.forget_documents(con, replaced)
        con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
        con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [replaced])
        con.register("new_documents", documents)
        con.register("new_events", events)
        try:
            con.execute("INSERT INTO documents BY NAME SELECT * FROM new_documents")
            con.execute("INSERT INTO events BY NAME SELECT * FROM new_events")
            search.add_documents(con, ids)
            document_counts.mark_days(con, ids)  # counted again at the end of the run
        finally:
            con.unregister("new_documents")
            con.unregister("new_events")


def _read_rejection(item: Rejected) -> Article:
    # The same id the coder gives a rejected input, so that a rerun replaces the record.
    doc_id = item.id or hashlib.sha1(item.source.encode()).hexdigest()[:16]
    return Article(Document(id=doc_id, source=item.source, status=item.status,
                            reason=f"{item.stage}: {item.reason}"))


# -- the run ---------------------------------------------------------------------------------------------------
class _Run:
    """One ingest: selects what to code, writes what comes back, keeps the tally."""

    def __init__(self, store: Store, run_id: int, reporter: Reporter, *, reprocess: bool, batch_size: int,
                 total: int | None) -> None:
        self.store, self.run_id, self.reporter = store, run_id, reporter
        self.reprocess, self.batch_size = reprocess, batch_size
        self.tally = _Tally(total)
        self.hashes: dict[str, str] = {}  # id → content hash of every document met in this run
        self.looked_up: set[str] = set()  # ids whose stored state this run has read
        self.rejections: list[tuple[Article, str | None]] = []

    def select(self, items: Iterator[RawDoc | Rejected]) -> Iterator[Chunk]:
        """Batches of documents to code; records read rejections and skips stored documents on the way."""
        chunk: Chunk = []
        group: list[RawDoc | Rejected] = []
        for item in items:
            group.append(item)
            if len(group) >= _LOOKAHEAD:
                yield from self._select_group(group, chunk)
                group = []
        yield from self._select_group(group, chunk)
        if chunk:
            yield list(chunk)
        self.flush_rejections()

    def _select_group(self, group: list[RawDoc | Rejected], chunk: Chunk) -> Iterator[Chunk]:
        raws = [item for item in group if isinstance(item, RawDoc)]
        refused = {id(item): _read_rejection(item) for item in group if isinstance(item, Rejected)}
        stored = self._stored([raw.id for raw in raws] + [a.document.id for a in refused.values()])
        # From here on, a write must not take these for stale versions: their stored state was just read.
        self.looked_up.update(raw.id for raw in raws)
        for item in group:
            self.tally.documents += 1
            if isinstance(item, Rejected):
                article = refused[id(item)]
                known = stored.get(article.document.id)
                if known and not self.reprocess and known[0] == article.document.status != "failed" \
                        and known[2] == article.document.reason:  # the same refusal, already recorded
                    self._skip(article.document.id, item.source, known)
                else:
                    self.rejections.append((article, None))
                continue
            digest = content_id(item.text if item.text is not None else item.html or "")
            if self.hashes.get(item.id) == digest:
                self.tally.duplicates += 1
                continue
            self.hashes[item.id] = digest
            known = stored.get(item.id)
            if known and not self.reprocess and known[0] != "failed" and known[1] == digest:
                self._skip(item.id, item.source, known)
                continue
            if any(raw.id == item.id for raw in chunk):  # an id reused for another text: never in one batch
                yield list(chunk)
                chunk.clear()
            chunk.append(item)
            if len(chunk) >= self.batch_size:
                yield list(chunk)
                chunk.clear()
        self.reporter.update(self.tally.progress())

    def _skip(self, doc_id: str, source: str, known: tuple[str, str | None, str | None, bool]) -> None:
        """Count a document already stored as it is (coded, or refused for the same reason) without rewriting it."""
        self.tally.skipped += 1
        self.tally.outcome(known[0], dated=known[3])
        if known[0] != "coded":
            self.reporter.problem(Document(id=doc_id, source=source, status=known[0], reason=known[2]))

    def _stored(self, ids: list[str]) -> dict[str, tuple[str, str | None, str | None, bool]]:
        if not ids:
            return {}
        rows = self.store.execute("SELECT doc_id, status, content_hash, reason, published IS NOT NULL FROM documents "
                                  "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
        return {doc_id: (status, digest, reason, dated) for doc_id, status, digest, reason, dated in rows}

    def write(self, chunk: Chunk, articles: list[Article]) -> None:
        hashes = [self.hashes.get(raw.id) for raw in chunk]
        self._write(list(zip(articles, hashes)))

    def flush_rejections(self) -> None:
        rejections, self.rejections = self.rejections, []
        self._write(rejections)

    def _write(self, batch: list[tuple[Article, str | None]]) -> None:
        if not batch:
            return
        self.store.yield_to_waiters()  # a pause between batches: a server waiting for the file gets a turn
        write_articles(self.store, batch, self.run_id, current=self.looked_up)
        for article, _ in batch:
            self.tally.new += 1
            self.tally.outcome(article.document.status, dated=article.document.published is not None)
            self.tally.events += len(article.events)
            if article.document.status != "coded":
                self.reporter.problem(article.document)
        self.reporter.update(self.tally.progress())

    def summary(self) -> RunSummary:
        t = self.tally
        return RunSummary(self.run_id, t.documents, t.coded, t.rejected, t.failed, t.duplicates, t.new, t.skipped,
                          t.events, round(time.perf_counter() - t.started, 3), t.undated)


def _start_run(store: Store, paths: Sequence[str], command: str, workers: int, reprocess: bool) -> int:
    from ..knowledge_files import knowledge_version  # the knowledge files hashed here, not for every command
    from ..version import __version__

    with store.transaction() as con:
        # Only one writer can hold the database, so a run still marked running was cut short.
        con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0]
        con.execute("INSERT INTO runs (run_id, started_at, status, command, paths, tacitus_version, lexicon_version,"
                    " workers, reprocess) VALUES (?, current_timestamp, 'running', ?, ?, ?, ?, ?, ?)",
                    [run_id, command, list(paths), __version__, knowledge_version(), workers, reprocess])
    return run_id


def _finish_run(store: Store, summary: RunSummary, status: str) -> None:
    store.execute("UPDATE runs SET finished_at = current_timestamp, status = ?, documents = ?, coded = ?, "
                  "rejected = ?, failed = ?, skipped = ?, events = ? WHERE run_id = ?",
                  [status, summary.documents, summary.coded, summary.rejected, summary.failed,
                   summary.skipped + summary.duplicates, summary.events, summary.run_id])



def _coder(engine: str, workers: int, scheduler: str | None) -> Coder:
    """The engine's `code_chunks`, as a function of (batches, published); the engines (process pools, Dask) are
    imported here, by a run, not by every command."""
    if engine == "local":
        if scheduler is not None:
            raise ValueError("a scheduler address needs engine='dask'")
        from .engine import code_chunks

        return lambda chunks, published: code_chunks(chunks, workers=workers, published=published)
    if engine == "dask":
        from . import dask_engine

        if scheduler is not None:
            dask_engine.check_scheduler(scheduler)
        return lambda chunks, published: dask_engine.code_chunks(chunks, scheduler=scheduler, workers=workers,
                                                                 published=published)
    raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")


def ingest(paths: Sequence[str], db: str | Path = DEFAULT_DB, *, workers: int | None = None,
           reprocess: bool = False, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           batch_size: int = 16, reporter: Reporter | None = None, command: str = "ingest",
           engine: str = "local", scheduler: str | None = None, out: str | Path | None = None) -> RunSummary:
    """Code a corpus into an event database.

    Args:
        paths: files, directories (recursive), glob patterns, .jsonl and .gz of either; "-" is stdin.
        db: the database file, created when missing.
        workers: coding processes; default all local cores; 1 codes in this process.
        reprocess: re-code documents already stored, replacing their events.
        published: publication date (YYYY-MM-DD) overriding the documents' own.
        max_bytes: inputs larger than this are rejected.
        batch_size: documents per batch; each batch is written in one transaction.
        reporter: receives progress and each document not coded (default: silent).
        command: the command line, recorded in the `runs` table.
        engine: "local" (processes on this machine) or "dask" (a Dask cluster).
        scheduler: with engine "dask", the address of a running scheduler ("tcp://HOST:PORT"); None starts a
            local cluster of `workers` processes on 127.0.0.1.
        out: also write the database's documents and events as a partitioned Parquet dataset in this directory
            once the run has finished (see `store.parquet.write_parquet`).

    Returns:
        The run's summary. Every input ends in the `documents` table as coded, rejected or failed.

    Raises:
        StoreError: the database cannot be opened or written.
        ModelError: the spaCy model is missing.
        TacitusError: the Dask scheduler cannot be reached.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    coder = _coder(engine, workers, scheduler)
    reporter = reporter or _Silent()
    paths = expand_paths(paths)
    with Store.open(db) as store:
        # With a scheduler the cluster decides how many workers code: no count to record.
        run_id = _start_run(store, paths, command, None if scheduler else workers, reprocess)
        run = _Run(store, run_id, reporter, reprocess=reprocess, batch_size=batch_size,
                   total=estimate_documents(paths))
        reporter.start(run.tally.total)
        status = "failed"
        try:
            chunks = run.select(iter_documents(paths, max_bytes=max_bytes))
            for chunk, articles in coder(chunks, published):
                run.write(chunk, articles)
                run.flush_rejections()
            run.flush_rejections()
            refresh_stories(store.con)
            search.compact(store.con)
            layout.order_events(store.con)
            layout.order_stories(store.con)
            if out is not None:
                write_parquet(store, out, run_id)
            status = "finished"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            try:
                _finish_run(store, run.summary(), status)
            except duckdb.Error:
                pass  # the database cannot be written (a full disk): the error already raised says so
        return run.summary()
