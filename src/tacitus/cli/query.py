"""`tacitus events|stories|dyads|actors|commitments|documents|show`: query an event database."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, TextIO

from ..formats import QUERY_FORMATS, SHOW_FORMATS
from ..model import STATUSES
from ..store.commitments import STATES
from ..store.db import DEFAULT_DB
from ..store.query import BACKGROUND, EventDB, Rows, parse_period
from .arguments import non_negative_int, positive_int, root_code

if TYPE_CHECKING:
    import pandas as pd

# Columns shown in a terminal table (all columns go to csv and jsonl).
_TABLE_COLUMNS = {
    "events": ["doc_id", "window_start", "source_key", "target_key", "code", "label", "status", "trigger",
               "confidence"],
    "stories": ["story_id", "date_start", "date_end", "source", "target", "code", "status", "num_mentions",
                "num_articles", "num_sources"],
    "commitments": ["story_id", "source", "target", "code", "announced", "deadline", "state", "fulfilled_on",
                    "fulfilled_by", "match_reason", "later_articles"],
}


def _period(value: str) -> str:
    try:
        parse_period(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _actor(value: str) -> str:
    """An actor key, or a name that resolves to one ("Japan" → JPN, "United States" → USA), as the explorer reads
    them (`tacitus.web.queries.make_filter`); a name or code the knowledge base does not know ("Japn") is refused
    with the nearest known ones, as every actor key of a database is one it knows."""
    from ..web.names import is_known, suggest
    from ..web.queries import BadParameter, UnknownActor, make_filter

    try:
        key = make_filter(actor=value).actor
        if not key:
            raise BadParameter("an actor is a key such as JPN or a name such as Japan, got nothing")
        if not is_known(key):
            raise UnknownActor(value.strip(), suggest(value))
    except BadParameter as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return key


def _dyad(value: str) -> tuple[str, str]:
    parts = value.split(":")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise argparse.ArgumentTypeError(f"expected A:B such as JPN:RUS or Japan:Russia, got {value!r}")
    first, second = (_actor(part) for part in parts)
    return first, second


def output_options(parser: argparse.ArgumentParser) -> None:
    """The options every query command shares: the database, the output format and a row limit."""
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the database (default {DEFAULT_DB})")
    parser.add_argument("--format", choices=QUERY_FORMATS, default="table",
                        help="table (for a terminal, default), csv or jsonl")
    parser.add_argument("--limit", type=non_negative_int, default=None, metavar="N", help="at most N rows")


#: The help of --background for the commands that list or count events.
BACKGROUND_HELP = ("events told as history: include, only or exclude them (default: exclude with --since/--until, "
                   "else include)")


def _filter_options(parser: argparse.ArgumentParser, *, text: bool = False) -> None:
    parser.add_argument("--actor", type=_actor, metavar="KEY",
                        help="either side is this actor (JPN, IGOUNO, a code prefix, or a name: Japan)")
    parser.add_argument("--dyad", type=_dyad, metavar="A:B", help="between A and B (either direction)")
    parser.add_argument("--directed", action="store_true", help="with --dyad: only from A to B")
    parser.add_argument("--root", action="append", type=root_code, metavar="NN", help="CAMEO root code (repeatable), e.g. 04")
    parser.add_argument("--status", action="append", choices=STATUSES, help="event status (repeatable)")
    parser.add_argument("--since", type=_period, metavar="DATE", help="from YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--until", type=_period, metavar="DATE", help="to YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    if text:
        parser.add_argument("--background", choices=BACKGROUND, default=None, help=BACKGROUND_HELP)
        parser.add_argument("--code", metavar="CODE", help="CAMEO code or prefix, e.g. 042")
        parser.add_argument("--text", metavar="WORDS", help="words in the sentence or the title")


def _command(commands, name: str, help_text: str, examples: str) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
                               epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter)


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = _command(commands, "events", "list coded events, one per report in an article",
                      "  tacitus events --db news.duckdb --dyad JPN:RUS --since 2015-01 --until 2015-12\n"
                      "  tacitus events --db news.duckdb --actor IGOG7 --text Crimea --format csv\n")
    output_options(parser)
    _filter_options(parser, text=True)
    parser.set_defaults(handler=_events)

    parser = _command(commands, "stories", "list deduplicated events with their numbers of mentions and articles",
                      "  tacitus stories --db news.duckdb --dyad JPN:RUS --min-articles 2\n")
    output_options(parser)
    _filter_options(parser)
    parser.add_argument("--min-articles", type=positive_int, default=1, metavar="N", help="reported by at least N articles")
    parser.add_argument("--background", choices=BACKGROUND, default="exclude",
                        help="stories told only as history: include, only or exclude them (default exclude)")
    parser.set_defaults(handler=_stories)

    parser = _command(commands, "dyads", "count events per dyad and month: mean Goldstein score, QuadClass mix",
                      "  tacitus dyads --db news.duckdb --dyad JPN:RUS --since 2015\n"
                      "  tacitus dyads --db news.duckdb --actor UKR --by year --format csv\n")
    output_options(parser)
    _filter_options(parser)
    parser.add_argument("--by", choices=("month", "year"), default="month", help="period (default month)")
    parser.add_argument("--background", choices=BACKGROUND, default=None, help=BACKGROUND_HELP)
    parser.set_defaults(handler=_dyads)

    parser = _command(commands, "actors", "list actors with their codes and numbers of events",
                      "  tacitus actors --db news.duckdb --limit 20\n")
    output_options(parser)
    parser.set_defaults(handler=_actors)

    parser = _command(commands, "commitments", "list planned events as fulfilled, pending, overdue or unknown",
                      "  tacitus commitments --db news.duckdb --state overdue\n")
    output_options(parser)
    parser.add_argument("--state", choices=STATES, help="only this state")
    parser.add_argument("--actor", type=_actor, metavar="KEY", help="either side is this actor (a key or a name)")
    parser.add_argument("--dyad", type=_dyad, metavar="A:B", help="between A and B")
    parser.set_defaults(handler=_commitments)

    parser = _command(commands, "documents", "list documents with their status (coded, rejected, failed)",
                      "  tacitus documents --db news.duckdb --status rejected\n")
    output_options(parser)
    parser.add_argument("--status", choices=("coded", "rejected", "failed"), help="only this status")
    parser.add_argument("--undated", action="store_true",
                        help="only coded documents without a publication date (their events are dated only by "
                             "their text)")
    parser.set_defaults(handler=_documents)

    parser = _command(commands, "show", "show one document with its events and their evidence",
                      "  tacitus show 3f2a9c1e --db news.duckdb\n")
    parser.add_argument("doc_id", metavar="DOC_ID", help="a document id, or the start of one")
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the database (default {DEFAULT_DB})")
    parser.add_argument("--format", choices=SHOW_FORMATS, default="text", help="text (default) or json")
    parser.set_defaults(handler=_show)


# -- output ----------------------------------------------------------------------------------------------------
def _plain(frame: pd.DataFrame, *, nested_as_json: bool = False) -> pd.DataFrame:
    """Dates as YYYY-MM-DD strings, for csv and jsonl; with `nested_as_json` (csv, tables), nested values (a
    story's evidence, an actor's codes) as JSON text, which csv readers can parse."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        if nested_as_json and out[column].dtype == object and \
                out[column].map(lambda v: isinstance(v, (list, dict))).any():
            out[column] = out[column].map(lambda v: json.dumps(v, ensure_ascii=False, default=_json_default)
                                          if isinstance(v, (list, dict)) else v)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            values = out[column]
            given = values.dropna()  # a NULL (NaT) has no time of day: undated rows leave the dates as dates
            has_time = bool(((given.dt.hour != 0) | (given.dt.minute != 0) | (given.dt.second != 0)).any())
            out[column] = values.dt.strftime("%Y-%m-%dT%H:%M:%S" if has_time else "%Y-%m-%d")
    return out


def _json_default(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def emit(frame: pd.DataFrame, fmt: str, out: TextIO, *, kind: str | None = None) -> None:
    """Write a DataFrame as a terminal table, csv or jsonl."""
    if fmt == "csv":
        _plain(frame, nested_as_json=True).to_csv(out, index=False)
    elif fmt == "jsonl":
        for record in _plain(frame).to_dict(orient="records"):
            clean = {k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}
            out.write(json.dumps(clean, ensure_ascii=False, default=_json_default) + "\n")
    else:
        _table(frame[[c for c in _TABLE_COLUMNS.get(kind, frame.columns) if c in frame.columns]], out)


def _table(frame: pd.DataFrame, out: TextIO) -> None:
    _print_table([str(c) for c in frame.columns], _plain(frame, nested_as_json=True).itertuples(index=False), out)


def _print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO) -> None:
    """A terminal table of these rows (values as `_plain` makes them; None and NaN blank)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    empty = True
    for row in rows:
        empty = False
        table.add_row(*("" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row))
    Console(file=out, width=max(120, Console().width) if out.isatty() else 200).print(table)
    if empty:
        print("(no rows)", file=out)


def _plain_rows(rows: Rows) -> list[list[Any]]:
    """Rows as `_plain(frame, nested_as_json=True)` makes a DataFrame's, to the character: nested values as JSON
    text; dates (which a DataFrame holds as timestamps) as YYYY-MM-DD, with a time (T00:00:00) wherever their
    column has a time of day; and the numbers a DataFrame holds as floats (HUGEINT, DECIMAL) as floats."""
    values = [list(row) for row in rows.values]
    for i, kind in enumerate(rows.types):
        as_float = kind in ("HUGEINT", "UHUGEINT") or kind.startswith("DECIMAL")
        dated = kind == "DATE" or kind.startswith("TIMESTAMP")
        timed = dated and any(isinstance(row[i], datetime) and row[i].time() != time() for row in values)
        for row in values:
            value = row[i]
            if isinstance(value, (list, dict)):
                row[i] = json.dumps(value, ensure_ascii=False, default=_json_default)
            elif isinstance(value, date):
                row[i] = value.strftime("%Y-%m-%dT%H:%M:%S" if timed else "%Y-%m-%d")
            elif as_float and value is not None:
                row[i] = float(value)
    return values


def _open(args: argparse.Namespace) -> EventDB:
    return EventDB(args.db)


def _filters(args: argparse.Namespace) -> dict:
    return {"actor": args.actor, "dyad": args.dyad, "directed": args.directed, "root": args.root,
            "status": args.status, "since": args.since, "until": args.until}


# Rows a terminal table shows when no --limit is given; csv and jsonl write every row.
TABLE_ROWS = 50


def _limit(args: argparse.Namespace) -> int | None:
    """The rows to fetch: --limit, else one more than a table shows (to tell that more exist), else all."""
    if args.limit is not None:
        return args.limit
    return TABLE_ROWS + 1 if args.format == "table" else None


def _capped(args: argparse.Namespace, rows: int) -> bool:
    """Whether a table shows only the first `TABLE_ROWS` of these rows (no --limit, more fetched)."""
    return args.limit is None and args.format == "table" and rows > TABLE_ROWS


def _note_cap() -> None:
    print(f"(the first {TABLE_ROWS} rows; more match: use --limit N, or --format csv or jsonl for all)",
          file=sys.stderr)


def _emit_capped(frame: pd.DataFrame, args: argparse.Namespace, kind: str | None = None) -> None:
    capped = _capped(args, len(frame))
    emit(frame.head(TABLE_ROWS) if capped else frame, args.format, sys.stdout, kind=kind)
    if capped:
        _note_cap()


def _emit_rows(rows: Rows, args: argparse.Namespace, kind: str) -> None:
    """A terminal table of query rows (as `_emit_capped` prints a DataFrame's, without pandas)."""
    capped = _capped(args, len(rows.values))
    shown = [c for c in _TABLE_COLUMNS[kind] if c in rows.columns]
    index = [rows.columns.index(c) for c in shown]
    plain = _plain_rows(Rows(rows.columns, rows.types, rows.values[:TABLE_ROWS] if capped else rows.values))
    _print_table(shown, ([row[i] for i in index] for row in plain), sys.stdout)
    if capped:
        _note_cap()


def _events(args: argparse.Namespace) -> int:
    filters = dict(_filters(args), code=args.code, text=args.text, background=args.background, limit=_limit(args))
    with _open(args) as db:
        # A terminal table reads plain rows: pandas (most of a second to import) only for csv and jsonl.
        found = db.event_rows(**filters) if args.format == "table" else db.events(**filters)
        undated = db.undated_events() if args.since or args.until else 0
    _emit_found(found, args, "events")
    if undated:
        print(f"{undated} events have no date and are left out of --since/--until (list them without those)",
              file=sys.stderr)
    return 0


def _stories(args: argparse.Namespace) -> int:
    with _open(args) as db:
        frame = db.stories(**_filters(args), min_articles=args.min_articles, background=args.background,
                           limit=_limit(args))
    _emit_capped(frame, args, kind="stories")
    return 0


def _dyads(args: argparse.Namespace) -> int:
    filters = _filters(args)
    filters["status"] = args.status or "occurred"
    with _open(args) as db:
        frame = db.dyads(**filters, by=args.by, background=args.background)
    limit = _limit(args)
    _emit_capped(frame.head(limit) if limit is not None else frame, args)
    return 0


def _actors(args: argparse.Namespace) -> int:
    with _open(args) as db:
        frame = db.actors(limit=_limit(args))
    _emit_capped(frame, args)
    return 0


def _commitments(args: argparse.Namespace) -> int:
    filters = {"state": args.state, "actor": args.actor, "dyad": args.dyad, "limit": _limit(args)}
    with _open(args) as db:
        found = db.commitment_rows(**filters) if args.format == "table" else db.commitments(**filters)
    _emit_found(found, args, "commitments")
    return 0


def _emit_found(found: pd.DataFrame | Rows, args: argparse.Namespace, kind: str) -> None:
    if isinstance(found, Rows):
        _emit_rows(found, args, kind)
    else:
        _emit_capped(found, args, kind=kind)


def _documents(args: argparse.Namespace) -> int:
    with _open(args) as db:
        frame = db.documents(status=args.status, undated=args.undated, limit=_limit(args))
    _emit_capped(frame, args)
    return 0


def _show(args: argparse.Namespace) -> int:
    with _open(args) as db:
        record = db.document(args.doc_id)
    events = _plain(record.pop("events"))
    if args.format == "json":
        record = {k: (v.isoformat()[:10] if hasattr(v, "isoformat") else v) for k, v in record.items()}
        record["events"] = events.to_dict(orient="records")
        print(json.dumps(record, ensure_ascii=False, default=_json_default))
        return 0
    out = sys.stdout
    print(f"{record['doc_id']}  {record['status']}  {record['source']}", file=out)
    for key in ("title", "outlet", "published", "published_source", "url", "reason"):
        value = record.get(key)
        if value is not None and not (isinstance(value, float) and value != value):
            print(f"  {key}: {value.date() if hasattr(value, 'date') else value}", file=out)
    print(f"  {len(events)} events", file=out)
    for event in events.itertuples(index=False):
        target = event.target_key if isinstance(event.target_key, str) else "—"
        print(f"\n  [{event.code} {event.label}] {event.source_key} → {target}, {event.status}, "
              f"{event.window_start}..{event.window_end} ({event.date_precision}), story {event.story_id}", file=out)
        print(f"    trigger {event.trigger!r} at {event.trigger_start}-{event.trigger_end}; rule: {event.rule}",
              file=out)
        print(f"    evidence [{event.span_start}-{event.span_end}]: {event.sentence}", file=out)
    return 0
