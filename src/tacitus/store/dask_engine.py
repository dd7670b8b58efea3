"""Code batches of documents on a Dask cluster: `engine.code_chunks`'s contract, other machines.

A LocalCluster on 127.0.0.1 unless a scheduler address is given; workers load the pipeline once; only the caller
writes to the database. A document that keeps killing its workers comes back as failed (see `code_chunks`).
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from ..errors import ModelError, TacitusError
from ..model import Article
from . import engine
from .engine import Chunk, failed_articles

# Batches in flight per worker thread: enough to keep every worker busy while results travel back.
_IN_FLIGHT_PER_THREAD = 2
# Batches lost to dying workers before any batch has finished after which the run stops: the workers cannot code
# at all (a broken installation on the workers), rather than one bad document killing one.
_MAX_BREAKDOWNS = 3
_CONNECT_TIMEOUT_S = 30
_WORKERS_TIMEOUT_S = 120
_THREADS_REFRESH_S = 2.0
_SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://", "ws://", "wss://")


def check_scheduler(address: str) -> str:
    """The scheduler address, checked for a protocol ("tcp://HOST:PORT").

    Raises:
        ValueError: the address has no known protocol or no port.
    """
    if not address.startswith(_SCHEMES) or ":" not in address.split("://", 1)[1]:
        raise ValueError(f"a Dask scheduler address looks like tcp://HOST:PORT, got {address!r}")
    return address


# Settings of the local cluster, held for its whole life so that a worker the nanny restarts gets them too:
# - one batch per worker thread at a time, so that a worker killed by a bad document takes no innocent queued batch
#   down with it (Dask counts every batch assigned to a dead worker as suspicious);
# - no statistical profiler sampling the coding thread every 10 ms;
# - the nanny's default environment without MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand memory back to the
#   system so eagerly that spaCy's many small allocations code 13% slower (measured: the same batch in a process
#   pool took 5.3 s, 6.0 s with that setting, 5.6 s in a Dask worker without it).
_LOCAL_CLUSTER_CONFIG = {
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


def _local_cluster(stack: ExitStack, workers: int) -> Any:
    import dask
    from distributed import LocalCluster

    stack.enter_context(dask.config.set(_LOCAL_CLUSTER_CONFIG))
    return stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address="127.0.0.1:0"))


def _connect(stack: ExitStack, scheduler: str | None, workers: int) -> Any:
    from distributed import Client

    if scheduler is None:
        cluster = _local_cluster(stack, workers)
        return stack.enter_context(Client(cluster))
    try:
        client = Client(check_scheduler(scheduler), timeout=_CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as error:
        raise TacitusError(f"cannot reach the Dask scheduler at {scheduler}: {error}; check the address and that "
                           "the scheduler is running (`dask scheduler`)") from None
    stack.enter_context(client)
    try:
        client.wait_for_workers(1, timeout=_WORKERS_TIMEOUT_S)
    except TimeoutError:
        raise TacitusError(f"the Dask scheduler at {scheduler} has had no worker for {_WORKERS_TIMEOUT_S} s; "
                           f"start some (`dask worker {scheduler}`)") from None
    return client


def software_versions() -> tuple[str, str]:
    """This process's Tacitus version and knowledge fingerprint: what decides the events a document gets."""
    from ..version import __version__
    from ..knowledge_files import knowledge_version

    return __version__, knowledge_version()


def _versions_on_worker() -> tuple[str, str]:
    # Sent by reference: the worker answers with its own installation's `software_versions`.
    return software_versions()


def _check_workers(client: Any) -> None:
    # Workers with another Tacitus or other knowledge files would code the same text into other events.
    expected = software_versions()
    found = client.run(_versions_on_worker)
    odd = {worker: versions for worker, versions in found.items() if tuple(versions) != expected}
    if odd:
        worker, (version, knowledge) = sorted(odd.items())[0]
        raise TacitusError(f"{len(odd)} Dask worker(s) run other software than this process, e.g. {worker}: "
                           f"tacitus {version}, knowledge {knowledge} (here: tacitus {expected[0]}, knowledge "
                           f"{expected[1]}); install the same Tacitus on every worker")


def code_chunks(chunks: Iterable[Chunk], *, scheduler: str | None = None, workers: int = 1,
                published: str | None = None) -> Iterator[tuple[Chunk, list[Article]]]:
    """Code batches on a Dask cluster, yielding (batch, its articles) as each finishes (in any order).

    A worker that dies is replaced and its batch retried by Dask; a batch that kills more workers than the
    scheduler's `allowed-failures` is retried one document at a time, and a document that does so again is
    returned as failed, for the caller to record.

    Args:
        chunks: batches of documents; consumed lazily, at most 2 batches ahead per worker thread.
        scheduler: the address of a running scheduler ("tcp://HOST:PORT"); None starts a local cluster of
            `workers` processes bound to 127.0.0.1, closed when the batches are done.
        workers: worker processes of the local cluster (ignored with a scheduler).
        published: a publication date (YYYY-MM-DD) overriding the documents' own.

    Raises:
        ValueError: `workers` is below 1 or the scheduler address is malformed.
        TacitusError: the scheduler cannot be reached, has no workers, or has workers running another Tacitus
            or other knowledge files.
        ModelError: the spaCy model is missing on a worker, or the workers keep dying.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if scheduler is None:
        engine._check_model()
    with ExitStack() as stack:
        client = _connect(stack, scheduler, workers)
        _check_workers(client)
        yield from _distributed(client, iter(chunks), published)


# Times a batch may be started before it is given up as failed. Dask recomputes a task whose result was lost with
# its worker without counting it against `allowed-failures` (a result too large for a worker's memory budget is
# lost, and recomputed, forever), so the engine counts the starts itself, on the scheduler, which outlives workers.
MAX_ATTEMPTS = 3
_ATTEMPTS = "tacitus-attempts"


def counted_code_chunk(code_chunk: Any, chunk: Chunk, published: str | None, run: str,
                       limit: int = MAX_ATTEMPTS) -> list[Article]:
    """Run `code_chunk` on a worker unless this task has been started `limit` times already; then the batch comes
    back as failed, with the reason, and the run goes on."""
    from distributed import get_client, get_worker

    key = str(get_worker().get_current_task())
    client = get_client()
    attempts = client.get_metadata([_ATTEMPTS, run, key], default=0) + 1
    client.set_metadata([_ATTEMPTS, run, key], attempts)
    if attempts > limit:
        return failed_articles(chunk, f"its worker was lost {attempts - 1} times while it held this batch "
                                      "(a result larger than a worker's memory?)")
    return code_chunk(chunk, published)


def _key(chunk: Chunk) -> str:
    # A readable prefix on the dashboard, a unique key per submission (a retried batch must not reuse a result).
    return f"tacitus-code-{len(chunk)}-{uuid.uuid4().hex}"


class _Threads:
    """The cluster's worker threads, asked again every few seconds (workers come and go on a real cluster)."""

    def __init__(self, client: Any) -> None:
        self.client, self.checked, self.count = client, float("-inf"), 1

    def __call__(self) -> int:
        if time.monotonic() - self.checked > _THREADS_REFRESH_S:
            self.count = max(1, sum(self.client.nthreads().values()))
            self.checked = time.monotonic()
        return self.count


def _distributed(client: Any, chunks: Iterator[Chunk], published: str | None) -> Iterator[tuple[Chunk, list[Article]]]:
    from distributed import KilledWorker, wait

    # Looked up now, not at import: the coder in use is the one the local engine would use (tests swap it).
    code_chunk = engine.code_chunk
    run = uuid.uuid4().hex
    threads = _Threads(client)
    in_flight: dict[Any, tuple[Chunk, int]] = {}
    retry: deque[tuple[Chunk, int]] = deque()
    breakdowns = 0
    succeeded = False
    try:
        while True:
            while len(in_flight) < _IN_FLIGHT_PER_THREAD * threads():
                batch = engine.next_batch(retry, chunks)
                if batch is None:
                    break
                future = client.submit(counted_code_chunk, code_chunk, batch[0], published, run,
                                       key=_key(batch[0]), pure=False)
                in_flight[future] = batch
            if not in_flight:
                break
            done, _ = wait(list(in_flight), return_when="FIRST_COMPLETED")
            for future in done:
                chunk, attempt = in_flight.pop(future)
                try:
                    articles = future.result()
                except KilledWorker:
                    breakdowns += 1
                    if breakdowns > _MAX_BREAKDOWNS and not succeeded:
                        raise ModelError("the Dask workers keep dying before coding anything; look at the "
                                         "workers' logs, or try --engine local --workers 1 to see the error") from None
                    if attempt == 0 and len(chunk) > 1:
                        retry.extend(([raw], 1) for raw in chunk)
                    else:
                        yield chunk, failed_articles(chunk, "a worker process died while coding this document "
                                                            "(each time it was tried)")
                    continue
                except TacitusError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a batch that cannot be coded is recorded, not fatal
                    articles = failed_articles(chunk, f"worker: {type(exc).__name__}: {exc}")
                finally:
                    future.release()
                succeeded = True
                yield chunk, articles
    finally:
        for future in in_flight:
            future.cancel()
        try:
            client.set_metadata([_ATTEMPTS, run], {})
        except Exception:  # noqa: BLE001 - the scheduler may be gone; the count is only bookkeeping
            pass
