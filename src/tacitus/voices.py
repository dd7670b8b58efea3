"""Whose voice a page is: the government a web address belongs to (data/pages/government_domains.tsv).

A release on a government's own site speaks for that government, so the coreference component reads its
unquoted "we" and "our" as that state's government:

    >>> government_of("https://af.usembassy.gov/statement-on-the-attack/")
    'USA'
    >>> government_of("https://www.gov.uk/government/news/x") , government_of("https://www.voanews.com/a/x.html")
    ('GBR', None)
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from .errors import DataFileError

_HEADER = ["suffix", "country"]
_SUFFIX = re.compile(r"[a-z]{2,}(\.[a-z]{2,})*")
_ISO3 = re.compile(r"[A-Z]{3}")
_ARCHIVED = re.compile(r"/(https?://.+)$")


@lru_cache(maxsize=1)
def _default() -> dict[str, str]:
    ref = resources.files("tacitus") / "data" / "pages" / "government_domains.tsv"
    return _parse(ref.read_text(encoding="utf-8"), "data/pages/government_domains.tsv")


def load_government_domains(path: str | Path | None = None) -> dict[str, str]:
    """Map domain suffixes ("gov", "gov.uk") to the ISO3 code of the government they belong to.

    Raises:
        DataFileError: a bad header, column count, suffix or country code, or a suffix listed twice.
    """
    if path is None:
        return _default()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


def _parse(text: str, path: str) -> dict[str, str]:
    table: dict[str, str] = {}
    rows = [(number, line) for number, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]
    if not rows:
        raise DataFileError(path, None, "empty file")
    for number, line in rows:
        cells = next(csv.reader([line], delimiter="\t"))
        if number == rows[0][0]:
            if cells != _HEADER:
                raise DataFileError(path, number, f"header must be {_HEADER}, got {cells}")
            continue
        if len(cells) != 2:
            raise DataFileError(path, number, f"expected 2 columns, got {len(cells)}")
        suffix, country = cells
        if not _SUFFIX.fullmatch(suffix):
            raise DataFileError(path, number, f"suffix must be lower-case domain labels, got {suffix!r}")
        if not _ISO3.fullmatch(country):
            raise DataFileError(path, number, f"country must be an ISO 3166 alpha-3 code, got {country!r}")
        if suffix in table:
            raise DataFileError(path, number, f"suffix {suffix!r} is listed twice")
        table[suffix] = country
    return table


def government_of(url: str | None) -> str | None:
    """The ISO3 code of the government whose domain `url` is on (the longest matching suffix), else None; for an
    archive's copy of a page, the domain of the page it copies."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        archived = _ARCHIVED.search(parts.path)  # an archive's copy: "…/web/2013/http://egypt.usembassy.gov/…"
        if archived:
            parts = urlsplit(archived.group(1))
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = host.split(".")
    table = load_government_domains()
    for start in range(1, len(labels)):  # never the whole host: "gov" alone is no site
        country = table.get(".".join(labels[start:]))
        if country is not None:
            return country
    return None
