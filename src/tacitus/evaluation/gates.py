"""Floors and pins of the evaluation gates: figures checked against floors that only ever rise, and the
sha256 of the gold files, so that an edit to a gold file fails its gate until it is re-pinned on purpose."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from pathlib import Path

from ..errors import CorpusError


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes, in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def parse_floors(text: str, where: str) -> dict[str, float]:
    """Read a floors file: a JSON object of figure names to numbers from 0 to 1.

    Raises:
        CorpusError: the text is not such an object.
    """
    try:
        floors = json.loads(text)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{where}: not JSON ({error.msg})") from error
    if not isinstance(floors, dict) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0.0 <= v <= 1.0 for v in floors.values()):
        raise CorpusError(f"{where}: expected an object of figure names to numbers from 0 to 1")
    return {str(name): float(value) for name, value in floors.items()}


def read_floors(path: Path) -> dict[str, float]:
    """The floors in a file (see `parse_floors`)."""
    return parse_floors(Path(path).read_text(encoding="utf-8"), str(path))


def below_floors(floors: Mapping[str, float], figures: Mapping[str, float]) -> list[str]:
    """The figures under their floors, described; a floor for a figure that is not measured is one too."""
    problems = []
    for name, floor in floors.items():
        if name not in figures:
            problems.append(f"{name}: a floor for a figure that is not measured")
        elif figures[name] < floor:
            problems.append(f"{name} {figures[name]:.3f} < floor {floor}")
    return problems


def lowered(floors: Mapping[str, float], previous: Mapping[str, float]) -> list[str]:
    """The floors lower than (or missing from) an earlier version of the file, described."""
    problems = []
    for name, floor in previous.items():
        if name not in floors:
            problems.append(f"{name}: the floor {floor} was removed")
        elif floors[name] < floor:
            problems.append(f"{name}: floor {floors[name]} is lower than {floor}")
    return problems


def raised(floors: Mapping[str, float], figures: Mapping[str, float]) -> dict[str, float]:
    """New floors: each figure rounded down to two decimals, where that is above its floor; never lower.

    Every figure gets a floor; floors of figures no longer measured are kept (and will fail the gate).
    """
    new = dict(floors)
    for name, value in figures.items():
        new[name] = max(new.get(name, 0.0), math.floor(round(value * 100, 6)) / 100)
    return new


def write_floors(path: Path, floors: Mapping[str, float]) -> None:
    """Write floors as a sorted JSON object, one figure a line."""
    Path(path).write_text(json.dumps(dict(sorted(floors.items())), indent=1) + "\n", encoding="utf-8")


def pin_problems(pinned: Mapping[str, str], actual: Mapping[str, str]) -> list[str]:
    """The files whose sha256 is not the pinned one (or that are pinned but not present, or the reverse)."""
    return [f"{name}: sha256 {actual.get(name)} is not the pinned {pinned.get(name)}"
            for name in sorted(set(pinned) | set(actual)) if pinned.get(name) != actual.get(name)]


def read_pins(path: Path) -> dict[str, str]:
    """The pinned sha256 digests in a JSON file ({} when there is no such file)."""
    if not Path(path).is_file():
        return {}
    pins = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(pins, dict) or not all(isinstance(v, str) for v in pins.values()):
        raise CorpusError(f"{path}: expected an object of file names to sha256 digests")
    return pins


def write_pins(path: Path, pins: Mapping[str, str]) -> None:
    """Write the pinned digests, sorted, one a line."""
    Path(path).write_text(json.dumps(dict(sorted(pins.items())), indent=1) + "\n", encoding="utf-8")
