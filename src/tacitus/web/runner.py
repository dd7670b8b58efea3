"""Code pasted articles for the web server without ever blocking it.

The real coder runs in a worker process of its own (the spaCy pipeline loaded once there): a request that takes
longer than the timeout gets 504 and the process is killed and replaced, so a slow article cannot hold the coder
for the requests after it. Results are checked for size in the worker (an article with too many events is refused
there, before anything large crosses to the server) and unpickled off the event loop. A coder given by the caller
(tests, embedding applications) runs on a thread instead, with the same queue and timeout.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..model import Article

Coder = Callable[[str, "str | None"], Article]

CODE_QUEUE = 4  # coding requests waiting or running at once; more get 503
MAX_EVENTS = 2_000  # events one pasted article may give; more is refused (413), not serialised
_START_TIMEOUT = 300.0  # seconds the worker may take to load the pipeline


class CodeError(Exception):
    """Coding a pasted article failed in a way the client should hear about (too large, too slow, busy)."""

    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code


class _TooManyEvents(Exception):
    """Raised in the worker: the article gives more events than a response may carry."""


def _load_in_worker(server: int) -> None:
    import signal

    from ..store.engine import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the worker
    die_with_parent(server)
    from ..pipeline import load_pipeline

    load_pipeline()


def _code_in_worker(text: str, published: str | None, max_events: int) -> Article:
    from ..coder import code_text

    article = code_text(text, published=published, source="<pasted>")
    if len(article.events) > max_events:
        raise _TooManyEvents(len(article.events))
    return article


class CodeRunner:
    """Runs the coder with a timeout and a short queue: in a worker process by default, on a thread for `coder`."""

    def __init__(self, coder: Coder | None, timeout: float, *, max_events: int = MAX_EVENTS) -> None:
        self.coder = coder
        self.timeout = timeout
        self.max_events = max_events
        self.executor: Executor | None = None
        self.ready: Future | None = None  # done when the worker has loaded the pipeline
        self.turn: asyncio.Lock | None = None  # one article in the worker at a time: the timeout is its own
        self.waiting = 0
        self.coding = False  # an article is in the coder now
        self.started_at: float | None = None

    def state(self) -> dict[str, object]:
        """What the coder is doing, for a page to show while it waits: "loading" the model (with the seconds
        since the worker started), "coding" an article, or "ready"."""
        import time

        loading = self.ready is None or not self.ready.done()
        since = round(time.monotonic() - self.started_at, 1) if self.started_at is not None else 0.0
        state = "coding" if self.coding else "loading" if loading else "ready"
        return {"state": state, "seconds": since if loading else None, "waiting": self.waiting}

    def start(self) -> None:
        """Start the worker (again, after `close`). The worker process loads the pipeline in the background."""
        if self.executor is not None:
            return
        if self.coder is not None:
            self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tacitus-code")
        else:
            self.executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_load_in_worker, initargs=(os.getpid(),))
        import time

        self.started_at = time.monotonic()
        self.ready = self.executor.submit(int)  # starts the process now: the model loads while nobody waits

    async def code(self, text: str, published: str | None) -> Article:
        """Code `text`; raises CodeError 503 when the queue is full, 504 past the timeout, 413 for too many events.

        The timeout counts the coding only: not the wait for articles ahead in the queue, nor the worker's start.
        """
        if self.waiting >= CODE_QUEUE:
            raise CodeError(503, "the coder is busy with other articles; try again in a moment")
        if self.turn is None:
            self.turn = asyncio.Lock()
        self.waiting += 1
        try:
            async with self.turn:
                if self.executor is None:
                    self.start()
                try:
                    await asyncio.wait_for(asyncio.wrap_future(self.ready), _START_TIMEOUT)
                except (TimeoutError, BrokenProcessPool):
                    self._abandon()
                    raise CodeError(503, "the coder could not start; the server log may say why") from None
                self.coding = True
                try:
                    article = await self._code(text, published)
                finally:
                    self.coding = False
        finally:
            self.waiting -= 1
        if len(article.events) > self.max_events:
            raise CodeError(413, f"the article gives {len(article.events):,} events, more than the "
                                 f"{self.max_events:,} a response may carry; code it with `tacitus code`")
        return article

    async def _code(self, text: str, published: str | None) -> Article:
        loop = asyncio.get_running_loop()
        if self.coder is not None:
            future = loop.run_in_executor(self.executor, self.coder, text, published)
        else:
            future = loop.run_in_executor(self.executor, _code_in_worker, text, published, self.max_events)
        try:
            return await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            self._abandon()
            raise CodeError(504, f"coding took longer than {self.timeout:g} s; send a shorter article") from None
        except _TooManyEvents as exc:
            raise CodeError(413, f"the article gives {exc.args[0]:,} events, more than the {self.max_events:,} "
                                 "a response may carry; code it with `tacitus code`") from None
        except BrokenProcessPool:
            self._abandon()
            raise CodeError(503, "the coder stopped while coding this article; try again") from None

    def _abandon(self) -> None:
        """Stop the coding that overran: kill the worker process (a thread cannot be stopped) and start anew."""
        if isinstance(self.executor, ProcessPoolExecutor):
            self.close()
            self.start()

    def close(self) -> None:
        """Stop taking work; a coding still running is abandoned (its worker process killed)."""
        if self.executor is None:
            return
        if isinstance(self.executor, ProcessPoolExecutor):
            # A private attribute, but the only way to stop a process busy with one long article at once.
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None
