"""The CAMEO event ontology: every code with its label, root, quad class, Goldstein score and PLOVER type.

The knowledge lives in `data/ontology/cameo.tsv`; this module reads and validates it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

from tacitus.errors import DataFileError

T = TypeVar("T")

__all__ = ["PLOVER_TYPES", "QUAD_CLASSES", "CameoCode", "Ontology", "load_ontology"]

COLUMNS = ("code", "label", "root", "quad_class", "goldstein", "plover")

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code.

    Attributes:
        code: The code as text, leading zeros kept ("042", "0841", "19").
        label: A short English name of the event.
        root: The 2-digit root code ("04" for "042").
        quad_class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
        goldstein: The Goldstein conflict-cooperation score, -10.0 to +10.0.
        plover: The PLOVER event type, or None where PLOVER drops the code.
    """

    code: str
    label: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None

    @property
    def is_root(self) -> bool:
        """True for the 20 two-digit root codes."""
        return len(self.code) == 2

    def as_dict(self) -> dict[str, object]:
        """Return the code as a plain dict (for JSON output)."""
        return {
            "code": self.code,
            "label": self.label,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
        }


class Ontology:
    """The set of CAMEO codes, looked up by code text."""

    def __init__(self, codes: list[CameoCode], path: str = "<memory>") -> None:
        self._codes = {entry.code: entry for entry in codes}
        self.path = path

    def get(self, code: str) -> CameoCode:
        """Return the entry for a CAMEO code.

        Args:
            code: The code as text, e.g. "042" (not the integer 42: leading zeros matter).

        Raises:
            KeyError: The code is not in the ontology.
        """
        try:
            return self._codes[code]
        except (KeyError, TypeError):
            hint = " (codes are strings: write \"042\", not 42)" if not isinstance(code, str) else ""
            raise KeyError(
                f"unknown CAMEO code {code!r}{hint}; known codes are listed in {self.path}"
            ) from None

    def roots(self) -> list[CameoCode]:
        """Return the 2-digit root codes ("01" … "20") in order."""
        return [entry for entry in self if entry.is_root]

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(sorted(self._codes.values(), key=lambda entry: entry.code))

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"Ontology({len(self)} codes from {self.path})"


def longest_prefix(table: Mapping[str, T], code: str) -> T | None:
    """The value of the longest prefix of a CAMEO `code` (at least its root) that `table` holds, else None."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Read and validate a CAMEO ontology file.

    Args:
        path: A TSV file with the columns code, label, root, quad_class, goldstein, plover.
            None reads the packaged `data/ontology/cameo.tsv` (parsed once, then cached).

    Raises:
        DataFileError: The file is malformed; the message names the line.
    """
    if path is None:
        return _packaged_ontology()
    path = Path(path)
    return _parse(path.read_text(encoding="utf-8"), str(path))


@functools.cache
def _packaged_ontology() -> Ontology:
    resource = resources.files("tacitus") / "data" / "ontology" / "cameo.tsv"
    return _parse(resource.read_text(encoding="utf-8"), str(resource))


def _parse(text: str, path: str) -> Ontology:
    codes: dict[str, CameoCode] = {}
    lines: dict[str, int] = {}
    header_seen = False
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(field.strip() for field in fields) != COLUMNS:
                raise DataFileError(path, line_no, f"header must be the tab-separated columns {', '.join(COLUMNS)}")
            header_seen = True
            continue
        entry = _parse_row(fields, path, line_no)
        if entry.code in codes:
            raise DataFileError(path, line_no, f"code {entry.code} already defined on line {lines[entry.code]}")
        codes[entry.code] = entry
        lines[entry.code] = line_no
    if not header_seen:
        raise DataFileError(path, None, "no header row; the file is empty")
    for code, entry in codes.items():
        if not entry.is_root and entry.root not in codes:
            raise DataFileError(path, lines[code], f"code {code} belongs to root {entry.root}, which has no row")
        if len(code) == 4 and code[:3] not in codes:
            raise DataFileError(path, lines[code], f"code {code} needs its 3-digit parent {code[:3]}")
    return Ontology(list(codes.values()), path)


def _parse_row(fields: list[str], path: str, line_no: int) -> CameoCode:
    if len(fields) != len(COLUMNS):
        raise DataFileError(path, line_no, f"expected {len(COLUMNS)} tab-separated columns, found {len(fields)}")
    code, label, root, quad_text, goldstein_text, plover = (field.strip() for field in fields)
    if not code.isdigit() or len(code) not in (2, 3, 4):
        raise DataFileError(path, line_no, f"code {code!r} must be 2, 3 or 4 digits")
    if not 1 <= int(code[:2]) <= 20:
        raise DataFileError(path, line_no, f"code {code} must start with a root between 01 and 20")
    if root != code[:2]:
        raise DataFileError(path, line_no, f"root {root!r} must be the first two digits of code {code}")
    if not label:
        raise DataFileError(path, line_no, f"code {code} has no label")
    if quad_text not in {str(quad) for quad in QUAD_CLASSES}:
        raise DataFileError(path, line_no, f"quad_class {quad_text!r} must be 1, 2, 3 or 4")
    try:
        goldstein = float(goldstein_text)
    except ValueError:
        raise DataFileError(path, line_no, f"goldstein {goldstein_text!r} is not a number") from None
    if not -10.0 <= goldstein <= 10.0:
        raise DataFileError(path, line_no, f"goldstein {goldstein} must lie between -10 and 10")
    if plover and plover not in PLOVER_TYPES:
        known = ", ".join(sorted(PLOVER_TYPES))
        raise DataFileError(path, line_no, f"unknown PLOVER type {plover!r}; use one of {known} or leave it empty")
    return CameoCode(code, label, root, int(quad_text), goldstein, plover or None)
