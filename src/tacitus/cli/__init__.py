"""The `tacitus` command line: a thin layer over the library. Data on stdout, reports on stderr.

Exit codes: 0 everything coded; 3 finished, but some documents were rejected or failed (each one reported
on stderr); 1 a fatal error (one line on stderr); 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import TacitusError
from . import code as code_cmd
from . import export as export_cmd, query as query_cmd, run as run_cmd
from . import serve as serve_cmd

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_REJECTED = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tacitus",
        description="Political event data from news: who did what to whom, when and where, with the evidence.",
        epilog="Example: tacitus code samples/ --format table",
    )
    from ..version import __version__

    parser.add_argument("--version", action="version", version=f"tacitus {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    code_cmd.add_parser(commands)
    run_cmd.add_parser(commands)
    query_cmd.add_parser(commands)
    export_cmd.add_parser(commands)
    serve_cmd.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except TacitusError as exc:
        print(f"tacitus: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        print("tacitus: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from failing again when it flushes stdout.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        print(f"tacitus: error: {exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", file=sys.stderr)
        return EXIT_FATAL
    except Exception as exc:  # noqa: BLE001 - the last net: one line on stderr, never a traceback
        print(f"tacitus: {_describe(exc)}", file=sys.stderr)
        return EXIT_FATAL


def _describe(exc: Exception) -> str:
    """One line for an error no command turned into a message of its own."""
    first = (str(exc).splitlines() or [""])[0]
    duckdb = sys.modules.get("duckdb")  # imported by whatever raised a DuckDB error
    if duckdb is not None and isinstance(exc, duckdb.Error):
        if "corrupt" in first.lower():
            return (f"error: the database is damaged ({first}); restore it from a copy, or code the corpus again "
                    "into a new --db")
        return f"error: database: {first}"
    return f"internal error: {type(exc).__name__}: {first} (please report this)"
