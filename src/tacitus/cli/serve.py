"""`tacitus serve`: the web explorer and HTTP API over an event database (read-only), on this machine by default."""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys

from ..errors import TacitusError
from ..store.db import DEFAULT_DB
from .arguments import port, positive_float, positive_int

EXAMPLES = """examples:
  tacitus serve --db news.duckdb                     # then open http://127.0.0.1:8000/
  tacitus serve --db news.duckdb --port 8080
  tacitus serve --db news.duckdb --allow-writes      # /code can save pasted articles into news.duckdb
  tacitus serve --db news.duckdb --host 0.0.0.0      # reachable from other machines: read the warning
"""

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "serve", help="browse an event database in a web browser and serve it as a JSON API",
        description="Serve an event database read-only: pages (overview, dyad timelines, network, map, documents "
                    "with their evidence, commitments, coding a pasted article) and a JSON API under /api, "
                    "documented at /docs and /openapi.json. Every asset is served locally.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the database (default {DEFAULT_DB})")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=port, default=8000, help="port (default 8000)")
    parser.add_argument("--max-code-bytes", type=positive_int, default=None, metavar="N",
                        help="largest article accepted by POST /api/code and the coding page (default 200000)")
    parser.add_argument("--code-timeout", type=positive_float, default=None, metavar="SECONDS",
                        help="seconds a pasted article may take to code (default 30)")
    parser.add_argument("--allow-writes", action="store_true",
                        help="let the coding page (and POST /api/code with save) store pasted articles in the "
                             "database; off by default, when the server never writes")
    parser.set_defaults(handler=serve)


def is_loopback(host: str) -> bool:
    """Whether `host` is an address of this machine only (127.0.0.0/8, ::1, localhost)."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise TacitusError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                               "choose another --port or --host") from None


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web import create_app

    options = {}
    if args.max_code_bytes is not None:
        options["max_code_bytes"] = args.max_code_bytes
    if args.code_timeout is not None:
        options["code_timeout"] = args.code_timeout
    loopback = is_loopback(args.host)
    if not loopback:
        print(f"tacitus: warning: listening on {args.host}, not only on this machine: anyone who can reach "
              f"port {args.port} can read the whole database and make this machine code articles. There is no "
              "login and no encryption; use 127.0.0.1 unless you mean it.", file=sys.stderr)
    # Answer only to loopback host names on a loopback server: a web page elsewhere cannot reach it through a
    # rebound DNS name.
    allowed = [*LOOPBACK_NAMES, args.host] if loopback else None
    app = create_app(args.db, allowed_hosts=allowed, allow_writes=args.allow_writes, **options)
    _check_free(args.host, args.port)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    mode = "with writes allowed (pasted articles can be saved)" if args.allow_writes else "read-only"
    print(f"tacitus: serving {args.db} {mode} at http://{shown}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host.strip("[]"), port=args.port, log_level="warning", access_log=False)
    return 0
