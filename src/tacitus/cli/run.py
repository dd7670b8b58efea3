"""`tacitus run`: code a corpus into the event database, with a progress bar (plain lines when not a terminal)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from ..model import Document
from ..store.db import DEFAULT_DB
from ..sources import DEFAULT_MAX_BYTES
from ..store.ingest import ENGINES, Progress, RunSummary, ingest
from .arguments import iso_date, positive_int

EXAMPLES = """examples:
  tacitus run samples/ --db news.duckdb
  tacitus run 'archive/**/*.jsonl.gz' --db news.duckdb --workers 4
  tacitus run archive/ --db news.duckdb --reprocess      # after the lexicon improved
  tacitus run archive/ --engine dask --workers 8 --out events-parquet/
  tacitus run archive/ --engine dask --scheduler tcp://10.0.0.5:8786   # an existing Dask cluster
"""

_LOG_EVERY_SECONDS = 10.0


def _eta(progress: Progress) -> str:
    if not progress.total or not progress.done or progress.seconds <= 0:
        return "?"
    left = (progress.total - progress.done) * progress.seconds / progress.done
    return time.strftime("%H:%M:%S", time.gmtime(left))


class PlainReporter:
    """Progress as a log line every few seconds, for logs and pipes."""

    def __init__(self, stream: TextIO, every: float = _LOG_EVERY_SECONDS) -> None:
        self.stream, self.every = stream, every
        self.last = time.monotonic()
        self.total: int | None = None

    def start(self, total: int | None) -> None:
        self.total = total
        print(f"tacitus: run: {total if total is not None else 'an unknown number of'} documents", file=self.stream)

    def update(self, progress: Progress) -> None:
        if time.monotonic() - self.last < self.every:
            return
        self.last = time.monotonic()
        rate = progress.done / progress.seconds if progress.seconds else 0.0
        print(f"tacitus: {progress.done}/{progress.total or '?'} documents, {rate:.1f} docs/s, "
              f"{progress.events} events, {progress.rejected + progress.failed} rejected or failed, "
              f"ETA {_eta(progress)}", file=self.stream, flush=True)

    def problem(self, document: Document) -> None:
        print(f"tacitus: {document.status}: {document.source}: {document.reason}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


class RichReporter:
    """A live progress bar on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console = Console(file=stream)
        self.bar = Progress(TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]} docs/s · {task.fields[events]} events · "
                                       "{task.fields[problems]} rejected/failed"),
                            TimeRemainingColumn(), console=self.console, transient=False)
        self.task = None

    def start(self, total: int | None) -> None:
        self.bar.start()
        self.task = self.bar.add_task("coding", total=total, rate="0.0", events=0, problems=0)

    def update(self, progress: Progress) -> None:
        rate = progress.done / progress.seconds if progress.seconds else 0.0
        self.bar.update(self.task, completed=progress.done, total=progress.total, rate=f"{rate:.1f}",
                        events=progress.events, problems=progress.rejected + progress.failed)

    def problem(self, document: Document) -> None:
        self.console.print(f"tacitus: {document.status}: {document.source}: {document.reason}",
                           markup=False, highlight=False)

    def close(self) -> None:
        self.bar.stop()


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "run", help="code a corpus into an event database (DuckDB)",
        description="Code a corpus into an embedded DuckDB event database. Every document ends in the "
                    "documents table as coded, rejected or failed; rerunning adds nothing and finishes an "
                    "interrupted run.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, directories (recursive), glob patterns, .jsonl, .gz; - for stdin")
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the database (default {DEFAULT_DB})")
    parser.add_argument("--workers", type=positive_int, default=None, metavar="N",
                        help="coding processes (default: all local cores; 1 codes in this process; with "
                             "--engine dask, the processes of the local Dask cluster)")
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="where to code: local processes, or a Dask cluster (default local)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                        help="with --engine dask, the scheduler of a running cluster (default: start a local "
                             "cluster on 127.0.0.1)")
    parser.add_argument("--out", metavar="DIR",
                        help="also write documents and events as a Parquet dataset partitioned by year "
                             "(DIR/events/year=YYYY/*.parquet), replaced on each run")
    parser.add_argument("--reprocess", action="store_true",
                        help="re-code documents already stored, replacing their events")
    parser.add_argument("--batch-size", type=positive_int, default=16, metavar="N",
                        help="documents per batch; each batch is written in one transaction (default 16)")
    parser.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                        help="publication date overriding the documents'")
    parser.add_argument("--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"reject files larger than N bytes (default {DEFAULT_MAX_BYTES})")
    parser.set_defaults(handler=run)


def summary_line(summary: RunSummary) -> str:
    """The one-line report of a run."""
    rate = summary.new / summary.seconds if summary.seconds else 0.0
    return (f"tacitus: {summary.documents} documents: {summary.coded} coded, {summary.rejected} rejected, "
            f"{summary.failed} failed, {summary.duplicates} duplicates; {summary.undated} coded without a "
            f"publication date; {summary.new} written in this run "
            f"({summary.skipped} already stored), {summary.events} events; {summary.seconds:.1f} s, "
            f"{rate:.1f} docs/s")


def run(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 1:
        print("tacitus: error: --workers must be at least 1", file=sys.stderr)
        return 2
    if args.batch_size < 1:
        print("tacitus: error: --batch-size must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler is not None and args.engine != "dask":
        print("tacitus: error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    if args.scheduler is not None and args.workers is not None:
        print("tacitus: error: --workers starts a local cluster; with --scheduler the cluster has its own workers",
              file=sys.stderr)
        return 2
    if args.scheduler is not None:
        from ..store.dask_engine import check_scheduler  # Dask's client only for a run that uses it

        try:
            check_scheduler(args.scheduler)
        except ValueError as error:
            print(f"tacitus: error: {error}", file=sys.stderr)
            return 2
    reporter = RichReporter(sys.stderr) if sys.stderr.isatty() else PlainReporter(sys.stderr)
    try:
        summary = ingest(args.paths, args.db, workers=args.workers, reprocess=args.reprocess,
                         published=args.published, max_bytes=args.max_bytes, batch_size=args.batch_size,
                         reporter=reporter, command=" ".join(["tacitus", *sys.argv[1:]]),
                         engine=args.engine, scheduler=args.scheduler, out=args.out)
    finally:
        reporter.close()
    print(summary_line(summary), file=sys.stderr)
    return 3 if summary.rejected or summary.failed else 0
