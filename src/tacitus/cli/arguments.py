"""Argument types shared by the commands: each refuses a bad value with argparse's one-line usage error (exit 2)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from ..errors import InputError
from ..sources import PUBLISHED_YEARS as YEARS


def iso_date(value: str) -> str:
    """A YYYY-MM-DD date within `YEARS`."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None
    if day.year not in YEARS:
        raise argparse.ArgumentTypeError(f"expected a year from {YEARS[0]} to {YEARS[-1]}, got {value!r}")
    return day.isoformat()


def positive_int(value: str) -> int:
    """A whole number of at least 1."""
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return int(value)


def positive_float(value: str) -> float:
    """A number greater than 0 ("2.5")."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number, got {value!r}")
    return number


def non_negative_int(value: str) -> int:
    """A whole number of at least 0."""
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {value!r}")
    return int(value)


def root_code(value: str) -> str:
    """A CAMEO root code, 01 to 20 ("4" is read as 04)."""
    if not value.isdigit() or not 1 <= int(value) <= 20:
        raise argparse.ArgumentTypeError(f"a CAMEO root code is 01 to 20, got {value!r}")
    return f"{int(value):02d}"


def port(value: str) -> int:
    """A TCP port, 1 to 65535."""
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 1 to 65535, got {value!r}")
    return int(value)


def writable_path(value: str) -> Path:
    """Check that a file can be created at `value`, with a one-line `InputError` that says why not."""
    path = Path(value)
    if path.is_dir():
        raise InputError(f"{value} is a directory; give a file path to write to")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {value}: the directory {path.parent} does not exist")
    return path


def open_output(value: str) -> TextIO:
    """Open `value` for writing text, or raise a one-line `InputError` (missing directory, a directory,
    permission denied)."""
    path = writable_path(value)
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {value}: {exc.strerror or exc}") from None
