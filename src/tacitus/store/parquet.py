"""Write an event database's documents and events as a Hive-partitioned Parquet dataset (`tacitus run --out DIR`).

The dataset is a snapshot of the database after the run, written beside DIR and swapped in at the end, so a reader
never sees a half-written dataset and a rerun replaces it rather than adding to it.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from .db import Store

#: table → the date whose year partitions it; rows without that date go to year=0.
PARTITIONS = {"documents": "published", "events": "window_start"}
_ORDER = {"documents": "doc_id", "events": "doc_id, event_id"}  # rows in a stable order: equal runs, equal files
MANIFEST = "_tacitus.json"
FORMAT = "tacitus-parquet/1"


@dataclass(frozen=True, slots=True)
class ParquetSummary:
    """What `write_parquet` wrote: the directory, rows per table, and the run the snapshot follows."""

    path: str
    documents: int
    events: int
    run_id: int | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _is_ours(path: Path) -> bool:
    return (path / MANIFEST).is_file()


def write_parquet(store: Store, out: str | Path, run_id: int | None = None) -> ParquetSummary:
    """Write `documents` and `events` under `out` as `TABLE/year=YYYY/data_0.parquet`, replacing an earlier one.

    Args:
        store: the database to snapshot.
        out: the dataset directory; it must be missing, empty, or an earlier Tacitus dataset.
        run_id: the run the snapshot follows, recorded in `out/_tacitus.json`.

    Raises:
        StoreError: `out` holds something else, or cannot be written.
    """
    target = Path(out)
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not _is_ours(target))):
        raise StoreError(f"{target} exists and is not a Tacitus Parquet dataset; give an empty or new --out directory")
    staging = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        staging.mkdir(parents=True)
        counts = {table: _copy(store.con, table, date_column, staging / table)
                  for table, date_column in PARTITIONS.items()}
        manifest = {"format": FORMAT, "run_id": run_id, "partitioning": "hive",
                    "partitions": {table: f"year = year({column}), 0 when it is null"
                                   for table, column in PARTITIONS.items()}, "rows": counts}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _swap(staging, target)
    except (OSError, duckdb.Error) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"{target}: cannot write the Parquet dataset: {str(error).splitlines()[0]}") from None
    return ParquetSummary(str(target), counts["documents"], counts["events"], run_id)


def _copy(con: duckdb.DuckDBPyConnection, table: str, date_column: str, directory: Path) -> int:
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if rows == 0:
        # COPY … PARTITION_BY writes no file for no rows; one empty file keeps the schema readable.
        directory.mkdir()
        con.execute(f"COPY (SELECT *, 0::INTEGER AS year FROM {table} LIMIT 0) TO '{directory / 'empty.parquet'}' "
                    "(FORMAT parquet)")
        return 0
    # Undated rows go to year=0 rather than a null partition, which pandas cannot read back.
    con.execute(f"COPY (SELECT *, coalesce(year({date_column}), 0)::INTEGER AS year FROM {table} "
                f"ORDER BY year, {_ORDER[table]}) TO '{directory}' (FORMAT parquet, PARTITION_BY (year))")
    return rows


def _swap(staging: Path, target: Path) -> None:
    if target.exists():
        retired = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.old")
        target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(target)
