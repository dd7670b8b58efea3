"""The map's data: events per country where they happened, keyed for the world-atlas shapes (ISO 3166-1 numeric)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import duckdb

from ..errors import DataFileError
from ..knowledge import load_knowledge
from ..store.aggregates import PLACE_GRAINS
from .queries import EventFilter, _rows, _where, counted_cells

ISO_NUMERIC = Path(__file__).resolve().parent / "iso_numeric.tsv"


@functools.cache
def iso_numeric(path: Path = ISO_NUMERIC) -> dict[str, str]:
    """ISO3 → ISO 3166-1 numeric code ("JPN" → "392"), the id of a country's shape in world-atlas; "" for a
    country without one (matched by name).

    Raises:
        DataFileError: the file is malformed (a bad code, a duplicate, a country the gazetteer does not know).
    """
    known = {c.iso3 for c in load_knowledge().countries}
    codes: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [(n, line) for n, line in enumerate(lines, 1) if line and not line.startswith("#")]
    if not rows or rows[0][1].split("\t") != ["iso3", "numeric"]:
        raise DataFileError(str(path), rows[0][0] if rows else None, "the header must be: iso3, numeric")
    for n, line in rows[1:]:
        fields = line.split("\t")
        if len(fields) != 2:
            raise DataFileError(str(path), n, f"expected 2 tab-separated columns, got {len(fields)}")
        iso3, numeric = fields
        if iso3 not in known:
            raise DataFileError(str(path), n, f"{iso3} is not a country of actors/countries.tsv")
        if iso3 in codes:
            raise DataFileError(str(path), n, f"duplicate country {iso3}")
        if numeric and not (len(numeric) == 3 and numeric.isdigit()):
            raise DataFileError(str(path), n, f"{numeric!r} is not a 3-digit ISO 3166-1 numeric code")
        codes[iso3] = numeric
    return codes


def country_totals(con: duckdb.DuckDBPyConnection, f: EventFilter) -> list[dict[str, Any]]:
    """Events per country where they happened (the event location's country), busiest first: iso3, name, the
    shape's numeric id, centre (for countries too small to have a shape), events and mean Goldstein."""
    cells = counted_cells(con, f, PLACE_GRAINS, table="place_counts")
    if cells is not None:  # from the stored counts (tacitus.store.aggregates)
        rows = _rows(con, f"""
            SELECT c.location_country AS iso3, {cells.sums(only=("events", "goldstein_mean"))}
            FROM place_counts c WHERE {cells.where} AND c.location_country IS NOT NULL
            GROUP BY ALL HAVING sum({cells.measure('events')}) > 0 ORDER BY events DESC, iso3""", cells.params)
    else:
        where = _where(con, f, "e.location_country IS NOT NULL")
        rows = _rows(con, f"""
            SELECT e.location_country AS iso3, count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean
            FROM {where.from_sql} {where.sql()} GROUP BY ALL ORDER BY events DESC, iso3""", where.params)
    countries = {c.iso3: c for c in load_knowledge().countries}
    numeric = iso_numeric()
    out = []
    for row in rows:
        country = countries.get(row["iso3"])
        if country is None:
            continue  # a code the packaged gazetteer no longer knows: no shape, no centre
        out.append({**row, "name": country.name, "numeric": numeric.get(country.iso3, ""),
                    "lat": country.lat, "lon": country.lon})
    return out
