"""What the evaluation gates share in the test suite: the committed version of a floors file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tacitus.evaluation.gates import parse_floors

REPO = Path(__file__).resolve().parents[1]


def committed_floors(path: Path) -> dict[str, float]:
    """The floors of `path` as committed at HEAD; skips the test when git or the committed file is unavailable."""
    relative = path.resolve().relative_to(REPO).as_posix()
    try:
        shown = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=REPO, capture_output=True, text=True,
                               timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"git is not available to read the committed {relative}: {error}")
    if shown.returncode != 0:
        pytest.skip(f"no committed {relative} to compare with: {shown.stderr.strip()}")
    return parse_floors(shown.stdout, f"HEAD:{relative}")
