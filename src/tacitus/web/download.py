"""Downloads of a filtered view of events or stories as CSV, JSON lines or Parquet, streamed in constant memory.

The rows come from DuckDB in Arrow record batches of `BATCH_ROWS`; each batch is written to a small buffer that
is sent and emptied before the next is read, so a download of millions of events holds one batch at a time.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Callable, ContextManager

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from fastapi.responses import StreamingResponse

from . import queries
from .queries import EventFilter
from .responses import plain

DOWNLOAD_FORMATS = ("csv", "jsonl", "parquet")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "parquet": "application/vnd.apache.parquet"}
BATCH_ROWS = 10_000


class _Drain(io.RawIOBase):
    """A write-only file whose written bytes are taken out with `take()`."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self._parts = b"".join(self._parts), []
        return out


#: What can be downloaded: table → the function giving its SELECT, and the keys it can be sorted by.
TABLES = {"events": (queries.events_sql, queries.EVENT_SORTS), "stories": (queries.stories_sql, queries.STORY_SORTS)}


def stream_events(open_db: Callable[[], ContextManager], f: EventFilter, fmt: str, sort: str | None = None,
                  table: str = "events") -> Iterator[bytes]:
    """The events (or stories) matching `f`, in the order of their list (or `sort`), as chunks of a file in
    `fmt`."""
    if fmt not in DOWNLOAD_FORMATS:
        raise ValueError(f"format must be one of {', '.join(DOWNLOAD_FORMATS)}, got {fmt!r}")
    select = TABLES[table][0]
    with open_db() as db:
        sql, params = select(db.store.con, f, nested_as_json=fmt == "csv", sort=sort)
        batches = db.store.con.sql(sql, params=params).to_arrow_reader(BATCH_ROWS)
        sink = _Drain()
        writer = None
        for batch in batches:
            if fmt == "jsonl":
                yield "".join(json.dumps(plain(row), ensure_ascii=False) + "\n"
                              for row in batch.to_pylist()).encode()
                continue
            if writer is None:
                writer = (pacsv.CSVWriter(sink, batch.schema) if fmt == "csv"
                          else pq.ParquetWriter(sink, batch.schema))
            if fmt == "csv":
                writer.write_batch(batch)
            else:
                writer.write_table(pa.Table.from_batches([batch]))
            yield sink.take()
        if writer is None and fmt != "jsonl":  # no rows: still a valid file with the columns
            schema = batches.schema
            writer = pacsv.CSVWriter(sink, schema) if fmt == "csv" else pq.ParquetWriter(sink, schema)
        if writer is not None:
            writer.close()
            yield sink.take()


def download_response(open_db: Callable[[], ContextManager], f: EventFilter, fmt: str, sort: str | None = None,
                      table: str = "events") -> StreamingResponse:
    """A streamed download of the events (or stories) matching `f`, in the order `sort` names, named
    <table>.<fmt>.

    Raises:
        BadParameter: `sort` is not a key of the table, an actor is unknown, or the search text has no words
            (checked before anything is sent).
    """
    if fmt not in DOWNLOAD_FORMATS:
        raise ValueError(f"format must be one of {', '.join(DOWNLOAD_FORMATS)}, got {fmt!r}")
    queries.check_sort(sort, TABLES[table][1])
    with open_db() as db:
        queries.check_actors(db.store.con, f)
        if f.text:
            queries.search_clause(db.store.con, f.text)
    return StreamingResponse(stream_events(open_db, f, fmt, sort, table), media_type=MEDIA_TYPES[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{table}.{fmt}"'})
