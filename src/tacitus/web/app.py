"""`create_app`: the FastAPI application of `tacitus serve` — the JSON API, the pages and their safety rules.

The database is opened read-only for the life of the app (which also keeps writers out, so its content cannot
change underneath and slow answers can be cached). Each request reads through its own DuckDB cursor.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..version import __version__
from ..errors import DocumentNotFoundError, StoreError
from ..store import migrations, sharing
from ..store.db import Store, connect
from ..store.query import EventDB
from . import api, pages
from .queries import BadParameter, UnknownActor
from .runner import CodeError, CodeRunner, Coder
from .responses import JSON, plain

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_CODE_BYTES = 200_000
DEFAULT_CODE_TIMEOUT = 30.0


class _CursorDB(EventDB):
    """An `EventDB` reading through a cursor of a shared read-only connection (one per request)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = store.path


class Reader:
    """The read-only database behind the app: one connection, a cursor per request, and a small cache.

    The connection lets go of the file whenever another process waits for it — a `tacitus run` adding documents
    (see `tacitus.store.sharing`) — once no request is using it, and the next request opens it again, waiting for
    the run's next pause between batches. So a run can write while the server shows the database, and a page
    shows the rows written up to the last batch. The cache is dropped whenever the file is opened again.
    """

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        _refuse_upgrade(path)
        self.path = path
        self._db: EventDB | None = EventDB(path)
        self._open = True
        self._active = 0
        self._lock = threading.Lock()
        self._turn = threading.Condition(self._lock)  # a write waits for requests to end, requests for a write
        self._writing = False
        self._cache: dict[str, Any] = {}
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        """Take requests again if a previous run of the app closed it, and watch for waiting writers."""
        with self._lock:
            self._open = True
        self._stop.clear()
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._watch, name="tacitus-db-share", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            with self._lock:
                self._let_go_if_wanted()

    def _let_go_if_wanted(self) -> None:
        # Called with the lock held.
        if self._db is not None and self._active == 0 and sharing.others_waiting(self.path):
            self._db.close()
            self._db = None

    @contextmanager
    def db(self) -> Iterator[EventDB]:
        """An `EventDB` for one request; its cursor is closed afterwards."""
        with self._lock:
            if not self._open:
                raise StoreError(f"{self.path.name} is closed: the server is shutting down")
            while self._writing:
                self._turn.wait()
            if self._db is None:
                self._db = EventDB(self.path)  # waits for a writer's next pause
                self._cache.clear()
            self._active += 1
            cursor = self._db.store.con.cursor()
        try:
            yield _CursorDB(Store(self.path, cursor, read_only=True))
        finally:
            cursor.close()
            with self._lock:
                self._active -= 1
                self._turn.notify_all()
                self._let_go_if_wanted()

    def cached(self, key: str, compute: Callable[[EventDB], Any]) -> Any:
        """`compute(db)` once per opening of the file: computed again after a writer had its turn, and answered
        from the cache while the file is let go (a health check does not wait for a writer's pause)."""
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        with self.db() as db:
            if key not in self._cache:
                self._cache[key] = compute(db)
            return self._cache[key]

    def write(self, change: Callable[[Store], Any]) -> Any:
        """`change(store)` on the database opened for writing (only with `tacitus serve --allow-writes`).

        The read connection is let go first (DuckDB allows no reader beside a writer), once no request uses it;
        a `tacitus run` holding the file is waited for as every opener does (`tacitus.store.sharing`). The next
        request opens the file again and sees the change.

        Raises:
            StoreError: the database cannot be opened for writing or written.
        """
        with self._lock:
            while self._writing or self._active:
                self._turn.wait()
            if not self._open:
                raise StoreError(f"{self.path.name} is closed: the server is shutting down")
            self._writing = True
            if self._db is not None:
                self._db.close()
                self._db = None
        try:
            with Store.open(self.path) as store:
                return change(store)
        finally:
            with self._lock:
                self._writing = False
                self._cache.clear()
                self._turn.notify_all()

    def close(self) -> None:
        """Release the database."""
        self._stop.set()
        with self._lock:
            self._open = False
            if self._db is not None:
                self._db.close()
                self._db = None


def _refuse_upgrade(path: Path) -> None:
    """Opening an older database read-only upgrades it in place; the server must never write, so refuse."""
    if not path.is_file():
        return  # Store.open says what is wrong
    try:
        con = connect(path, read_only=True)
    except duckdb.Error:
        return
    try:
        if migrations.has_ledger(con) and migrations.pending(con, where=str(path)):
            raise StoreError(f"{path} has an older schema and `tacitus serve` never writes; upgrade it first "
                             f"with `tacitus events --db {path} --limit 1`")
    finally:
        con.close()


class BodyLimit:
    """ASGI middleware: reads a request body up to `max_bytes` and answers 413 beyond it, before any route."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            body.extend(message.get("body", b""))
            if len(body) > self.max_bytes:
                await self._too_large(scope, send)
                return
            if not message.get("more_body"):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope, send) -> None:
        message = f"the request body is larger than {self.max_bytes} bytes; send a shorter article"
        if scope.get("path", "").startswith("/api"):
            response = JSON({"detail": message}, status_code=413)
        else:
            response = HTMLResponse(f"<!doctype html><title>Too large</title><p>{message}</p>", status_code=413)
        await response(scope, _drain, send)


async def _drain():
    return {"type": "http.disconnect"}


def host_name(header: str) -> str:
    """The host of a Host or Origin header value, without port or brackets: "[::1]:8000" → "::1"."""
    value = header.strip().lower()
    if "://" in value:
        value = value.split("://", 1)[1].split("/", 1)[0]
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _plain_refusal(scope, status: int, message: str):
    if scope.get("path", "").startswith("/api"):
        return JSON({"detail": message}, status_code=status)
    return HTMLResponse(f"<!doctype html><title>Refused</title><p>{message}</p>", status_code=status)


class HostCheck:
    """ASGI middleware: answer only requests whose Host is one of `allowed_hosts` (IPv6 literals included), so
    that a page elsewhere cannot reach a loopback server through a rebound DNS name."""

    def __init__(self, app, allowed_hosts: Sequence[str]) -> None:
        self.app = app
        self.allowed = {host_name(h) for h in allowed_hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope.get("headers") or [])
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                await _plain_refusal(scope, 400, "invalid host header")(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SameOrigin:
    """ASGI middleware: refuse a POST that a browser sends from another site (a cross-origin form or script
    making this server code articles): its Sec-Fetch-Site is cross-site, or its Origin is not this server."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(scope.get("headers") or [])
            site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
            origin = headers.get(b"origin", b"").decode("latin-1")
            host = headers.get(b"host", b"").decode("latin-1").strip().lower()
            if site:  # a current browser says where the request comes from
                cross = site not in ("same-origin", "none")
            else:  # else the Origin must be this server ("null" under no-referrer only with Sec-Fetch-Site)
                cross = origin != "" and origin.split("://", 1)[-1].rstrip("/").lower() != host
            if cross:
                await _plain_refusal(scope, 403, "cross-origin requests are refused; open the page on this "
                                                 "server and submit it there")(scope, receive, send)
                return
        await self.app(scope, receive, send)


@functools.cache
def plot_style_hashes() -> tuple[str, ...]:
    """CSP hashes of the fixed <style> elements Observable Plot puts in its SVGs (the plot's and a legend's):
    read from the vendored bundle, with Plot's default class name, so that an upgrade keeps them right."""
    import base64
    import hashlib
    import re

    bundle = (HERE / "static" / "vendor" / "plot.umd.min.js").read_text(encoding="utf-8")
    hashes = []
    for template in re.findall(r'append\("style"\)\.text\(`([^`]*)`', bundle):
        text = re.sub(r"\$\{\w+\}", "plot-d6a7b5", template).replace("\\n", "\n")
        hashes.append("'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'")
    return tuple(hashes)


class SecurityHeaders:
    """ASGI middleware: a strict Content-Security-Policy (every asset from this server; inline styles only
    Plot's own, by hash) and related headers."""

    def __init__(self, app) -> None:
        self.app = app
        styles = " ".join(plot_style_hashes())
        self.HEADERS = (
            (b"content-security-policy", (f"default-src 'self'; img-src 'self' data:; style-src 'self' {styles}; "
                                          "script-src 'self'; object-src 'none'; base-uri 'none'; "
                                          "frame-ancestors 'none'; form-action 'self'").encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        )

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path"))
        if error.get("type") == "string_pattern_mismatch" and isinstance(error.get("input"), str):
            # say what was sent: "facets: 'root,colour' does not match ^(root|plover|…)…$"
            parts.append(f"{where}: {error['input'][:80]!r} does not match the pattern "
                         f"{error.get('ctx', {}).get('pattern', '')}")
            continue
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str | Path, *, max_code_bytes: int = DEFAULT_MAX_CODE_BYTES,
               code_timeout: float = DEFAULT_CODE_TIMEOUT, coder: Coder | None = None,
               allowed_hosts: Sequence[str] | None = None, allow_writes: bool = False) -> FastAPI:
    """The web application over one event database.

    Args:
        db_path: a database written by `tacitus run`; opened read-only (an older schema is refused, not upgraded).
        max_code_bytes: largest request body accepted (a pasted article); larger ones get 413.
        code_timeout: seconds a pasted article may take to code before the request gets 504.
        coder: `coder(text, published) -> Article`; default `tacitus.code_text`.
        allowed_hosts: host names the server answers to (guards a loopback server against DNS rebinding);
            None answers to any.
        allow_writes: the coding page (and POST /api/code with `save`) may store a pasted article in the
            database; off by default, when the server never writes.

    Raises:
        StoreError: the database cannot be opened read-only.
    """
    if max_code_bytes < 1:
        raise ValueError(f"max_code_bytes must be positive, got {max_code_bytes}")
    if code_timeout <= 0:
        raise ValueError(f"code_timeout must be positive, got {code_timeout}")
    reader = Reader(db_path)
    runner = CodeRunner(coder, code_timeout)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        reader.start()
        runner.start()
        yield
        runner.close()
        reader.close()

    app = FastAPI(
        title="Tacitus",
        version=__version__,
        description="Political event data from news: the events, dyads, actors, documents and commitments of "
                    "one event database, read-only, and a coder for pasted articles.",
        docs_url=None, redoc_url=None, lifespan=lifespan, default_response_class=JSON,
    )
    app.state.reader = reader
    app.state.runner = runner
    app.state.max_code_bytes = max_code_bytes
    app.state.allow_writes = allow_writes
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


    app.include_router(api.router)
    app.include_router(pages.router)
    _error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_code_bytes)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(SameOrigin)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed_hosts=allowed_hosts)
    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals["version"] = __version__
    templates.env.globals["static_version"] = static_version()
    templates.env.filters["day"] = lambda v: (plain(v) or "")[:10] if v is not None else ""
    return templates


def _error_handlers(app: FastAPI) -> None:
    def answer(request: Request, status: int, message: str):
        if _wants_json(request):
            return JSON({"detail": message}, status_code=status)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message, "title": f"Error {status}"},
            status_code=status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        return answer(request, 422, _validation_message(exc))

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter):
        # a well-formed name that names no actor is a thing not found (with suggestions), not a malformed request
        return answer(request, 404 if isinstance(exc, UnknownActor) else 422, str(exc))

    @app.exception_handler(DocumentNotFoundError)
    async def not_found(request: Request, exc: DocumentNotFoundError):
        reader = request.app.state.reader
        return answer(request, 404, str(exc).replace(str(reader.path), reader.path.name))

    @app.exception_handler(CodeError)
    async def code_error(request: Request, exc: CodeError):
        return answer(request, exc.status_code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = answer(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():  # 405 keeps its Allow
            response.headers[name] = value
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # No traceback leaves the server; the log keeps it.
        import logging

        logging.getLogger("tacitus.web").exception("unexpected error on %s", request.url.path)
        return answer(request, 500, "internal error; the server log has the details")


@functools.cache
def static_version() -> str:
    """A short fingerprint of the static files, appended to their URLs so browsers refetch after an upgrade."""
    import hashlib

    digest = hashlib.sha1()
    for path in sorted((HERE / "static").rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:8]
