"""`tacitus code`: code articles and print their events."""

from __future__ import annotations

import argparse
import sys

from ..sources import DEFAULT_MAX_BYTES
from ..formats import CODE_FORMATS, write
from .arguments import iso_date, open_output, positive_int

EXAMPLES = """examples:
  tacitus code article.txt
  tacitus code samples/ --format table
  tacitus code feed.jsonl --format documents > coded.jsonl
  cat page.html | tacitus code - --published 2015-05-16 --format csv
"""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "code", help="code articles (.txt, .html, .jsonl, .gz, directories, - for stdin) into events",
        description="Code news articles into political events: one JSON event per line by default.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin")
    parser.add_argument("--format", choices=CODE_FORMATS, default="jsonl",
                        help="jsonl: one event per line (default); documents: one JSON object per document with "
                             "metadata, cleaned text and events; csv; table: for a terminal")
    parser.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                        help="publication date, overriding what the pages say")
    parser.add_argument("--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"reject files larger than N bytes (default {DEFAULT_MAX_BYTES})")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..coder import code_paths  # spaCy loads here, not for every command

    out = open_output(args.output) if args.output else sys.stdout
    problems = 0
    coded = 0
    undated = 0
    events = 0

    def report(articles):
        nonlocal problems, coded, undated, events
        for article in articles:
            document = article.document
            if document.status == "coded":
                coded += 1
                undated += document.published is None
                events += len(article.events)
            else:
                problems += 1
                print(f"tacitus: {document.status}: {document.source}: {document.reason}", file=sys.stderr)
            yield article

    try:
        write(report(code_paths(args.paths, published=args.published, max_bytes=args.max_bytes)), out,
              args.format)
    finally:
        if args.output:
            out.close()
    print(f"tacitus: {coded} coded, {problems} rejected or failed, {events} events; {undated} coded without a "
          "publication date", file=sys.stderr)
    return 3 if problems else 0
