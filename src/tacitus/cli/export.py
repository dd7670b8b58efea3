"""`tacitus export`: write the event database as parquet, csv, jsonl, GDELT 2.0's event table or POLECAT JSON."""

from __future__ import annotations

import argparse
import sys

from ..store.db import DEFAULT_DB
from ..formats import EXPORT_FORMATS
from ..store.export import TABLES, export
from ..store.query import BACKGROUND
from .arguments import writable_path

EXAMPLES = """examples:
  tacitus export --db news.duckdb --format parquet events.parquet
  tacitus export --db news.duckdb --format csv --table stories stories.csv
  tacitus export --db news.duckdb --format gdelt events.gdelt.tsv
  tacitus export --db news.duckdb --format gdelt --table mentions mentions.gdelt.tsv
  tacitus export --db news.duckdb --format polecat events.polecat.jsonl
  tacitus export --db news.duckdb --format csv --background exclude news-events.csv
"""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export", help="export the database: parquet, csv, jsonl, GDELT 2.0 (61 tab-separated columns) or POLECAT JSON",
        description="Export a table of the event database. gdelt writes the deduplicated events that occurred "
                    "in GDELT 2.0's event format (docs/gdelt-export.md); polecat writes one PLOVER record per event "
                    "as POLECAT publishes them (docs/polecat-export.md).",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", metavar="OUT", help="output file (- for stdout, except parquet)")
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the database (default {DEFAULT_DB})")
    parser.add_argument("--format", choices=EXPORT_FORMATS, default="parquet", help="output format (default parquet)")
    parser.add_argument("--table", choices=TABLES, default="events",
                        help="what to export (default events); with gdelt: its event table of stories, or "
                             "with mentions its mentions table")
    parser.add_argument("--background", choices=BACKGROUND, default="include",
                        help="events told as history (dated weeks before their article): include them (default: "
                             "a full export), only them, or exclude them; for the events, stories and mentions "
                             "tables and the gdelt and polecat formats")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.out != "-":
        writable_path(args.out)
    try:
        rows = export(args.db, args.out, args.format, table=args.table, background=args.background)
    except ValueError as exc:
        print(f"tacitus: error: {exc}", file=sys.stderr)
        return 2
    print(f"tacitus: wrote {rows} rows to {args.out}", file=sys.stderr)
    return 0
