"""Non-political contexts (data/lexicon/context.yaml): sentences and documents that are sports reports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import DataFileError

_SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b(?!\s*(?:percent|%|vote|votes|majority|ruling|decision))")


@dataclass(frozen=True, slots=True)
class SportsCues:
    """Compiled sports cue patterns."""

    strong: re.Pattern[str]
    weak: re.Pattern[str]

    def is_sports(self, sentence: str) -> bool:
        """One strong cue, or two weak ones (a score like "2-1" counts as weak) make a sports sentence."""
        lower = sentence.lower()
        if self.strong.search(lower):
            return True
        weak = len(set(self.weak.findall(lower))) + (1 if _SCORE.search(lower) else 0)
        return weak >= 2


def _pattern(words: list[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w.lower()) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def load_context(path: str | Path | None = None) -> SportsCues:
    """Load and validate the context cue file (the packaged one by default).

    Raises:
        DataFileError: missing sections or values that are not lists of words.
    """
    if path is None:
        return _default()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _default() -> SportsCues:
    ref = resources.files("tacitus") / "data" / "lexicon" / "context.yaml"
    return _parse(ref.read_text(encoding="utf-8"), "data/lexicon/context.yaml")


def _parse(text: str, path: str) -> SportsCues:
    raw = yaml.safe_load(text)
    sports = raw.get("sports") if isinstance(raw, dict) else None
    if not isinstance(sports, dict) or set(sports) != {"strong", "weak"}:
        raise DataFileError(path, None, "expected a 'sports' section with exactly 'strong' and 'weak' lists")
    for key in ("strong", "weak"):
        words = sports[key]
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataFileError(path, None, f"sports.{key}: expected a non-empty list of words")
    return SportsCues(_pattern(sports["strong"]), _pattern(sports["weak"]))
