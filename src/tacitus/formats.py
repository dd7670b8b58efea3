"""Output formats: the one list of every command's formats, and the writers of `tacitus code`'s (jsonl, one event
per line; documents; csv; a terminal table).

Event lines (jsonl, csv) carry their document's `DOCUMENT_FIELDS`, so that an event says how it was dated.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from .model import Article, Event

#: `tacitus code`: events as they are coded (the writers below).
CODE_FORMATS = ("jsonl", "documents", "csv", "table")
#: `tacitus export`: a table of the event database as a file (tacitus.store.export).
EXPORT_FORMATS = ("parquet", "csv", "jsonl", "gdelt", "polecat")
#: `tacitus events|stories|dyads|actors|commitments|documents`: query results (tacitus.cli.query).
QUERY_FORMATS = ("table", "csv", "jsonl")
#: `tacitus show`: one document.
SHOW_FORMATS = ("text", "json")

CSV_COLUMNS = (
    "doc_id", "event_id", "code", "root", "label", "quad_class", "goldstein", "plover", "status",
    "source_text", "source_name", "source_country", "source_sector", "source_code",
    "target_text", "target_name", "target_country", "target_sector", "target_code",
    "source_participants", "target_participants",
    "date_start", "date_end", "date_precision", "date_text",
    "location_name", "location_country", "location_lat", "location_lon",
    "sentence", "span_start", "span_end", "trigger", "rule", "confidence", "background",
    "source_country_source", "target_country_source", "other_mentions",
)
#: The document's fields on each event line: the publication date and where it came from.
DOCUMENT_FIELDS = ("published", "published_source")


def flat_event(event: Event) -> dict[str, Any]:
    """An event as a CSV row: the columns of `CSV_COLUMNS` from `Event.as_row` (a multilateral actor's
    participants as their codes, separated by spaces)."""
    row = event.as_row()
    for role in ("source", "target"):
        participants = row[f"{role}_participants"]
        row[f"{role}_participants"] = " ".join(participants) if participants else ""
    out = {column: row[column] for column in CSV_COLUMNS}
    out["other_mentions"] = json.dumps(row["other_mentions"], ensure_ascii=False)  # a list, as JSON in one cell
    return out


def write(articles: Iterable[Article], out: TextIO, fmt: str) -> list[Article]:
    """Write articles in a format, streaming where the format allows; returns the articles seen."""
    if fmt not in CODE_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(CODE_FORMATS)}")
    seen: list[Article] = []
    if fmt == "table":
        seen = list(articles)
        write_table(seen, out)
        return seen
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=(*CSV_COLUMNS, *DOCUMENT_FIELDS))
        writer.writeheader()
    for article in articles:
        seen.append(article)
        document = {name: getattr(article.document, name) for name in DOCUMENT_FIELDS}
        if fmt == "documents":
            out.write(json.dumps(article.as_dict(), ensure_ascii=False) + "\n")
        elif fmt == "jsonl":
            for event in article.events:
                out.write(json.dumps({**event.as_dict(), **document}, ensure_ascii=False) + "\n")
        else:
            for event in article.events:
                writer.writerow({**flat_event(event), **document})
        out.flush()
    return seen


def _actor_cell(actor) -> str:
    if actor is None:
        return "—"
    return f"{actor.code} ({actor.text})" if actor.text and actor.text != actor.code else actor.code


def write_table(articles: list[Article], out: TextIO) -> None:
    """A readable table of events per document, for a terminal."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=max(120, Console().width if out.isatty() else 160), soft_wrap=False)
    for article in articles:
        document = article.document
        heading = document.title or document.source
        dated = (f"{document.published} ({document.published_source})" if document.published
                 else "no publication date")
        meta = " · ".join(filter(None, [document.outlet, dated, document.page and f"p. {document.page}"]))
        if document.status != "coded":
            console.print(f"[bold]{heading}[/bold]  [red]{document.status}: {document.reason}[/red]")
            continue
        table = Table(title=f"{heading}\n{meta}", title_justify="left", show_lines=False,
                      expand=False)
        for column in ("code", "label", "status", "source", "target", "date", "where", "trigger", "conf"):
            table.add_column(column, overflow="fold")
        for event in article.events:
            when = event.date
            span = when.start or "…"
            if when.end and when.end != when.start:
                span = f"{when.start or '…'}..{when.end}"
            status = f"{event.status} (background)" if event.background else event.status
            table.add_row(event.code, event.label, status, _actor_cell(event.source),
                          _actor_cell(event.target), f"{span} ({when.precision})",
                          event.location.name if event.location else "", event.trigger, f"{event.confidence:.2f}")
        if not article.events:
            table.add_row("", "no political events", "", "", "", "", "", "", "")
        console.print(table)
