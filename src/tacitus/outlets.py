"""News outlets and their home country (data/actors/outlets.tsv): whose "government" an untitled story means."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import DataFileError

_HEADER = ["outlet", "aliases", "country"]


def _key(name: str) -> str:
    return " ".join(name.lower().replace("the ", " ").split())


@lru_cache(maxsize=1)
def _default() -> dict[str, str]:
    ref = resources.files("tacitus") / "data" / "actors" / "outlets.tsv"
    return _parse(ref.read_text(encoding="utf-8"), "data/actors/outlets.tsv")


def load_outlets(path: str | Path | None = None) -> dict[str, str]:
    """Map normalised outlet names and aliases to ISO3 country codes.

    Raises:
        DataFileError: bad header, wrong column count, bad country code, or a name given to two countries.
    """
    if path is None:
        return _default()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


def _parse(text: str, path: str) -> dict[str, str]:
    table: dict[str, str] = {}
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t"))
        if not header_seen:
            if cells != _HEADER:
                raise DataFileError(path, number, f"header must be {_HEADER}, got {cells}")
            header_seen = True
            continue
        if len(cells) != 3:
            raise DataFileError(path, number, f"expected 3 columns, got {len(cells)}")
        outlet, aliases, country = cells
        if not (len(country) == 3 and country.isalpha() and country.isupper()):
            raise DataFileError(path, number, f"country must be an ISO 3166 alpha-3 code, got {country!r}")
        for name in [outlet, *filter(None, aliases.split("|"))]:
            key = _key(name)
            if table.get(key, country) != country:
                raise DataFileError(path, number, f"{name!r} is already given to {table[key]}")
            table[key] = country
    if not header_seen:
        raise DataFileError(path, None, "empty file")
    return table


def outlet_country(outlet: str | None) -> str | None:
    """The home country of a known outlet, else None."""
    if not outlet:
        return None
    return load_outlets().get(_key(outlet))
