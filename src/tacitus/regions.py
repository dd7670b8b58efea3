"""Descriptions that stand for a state ("the central African country", "the Gulf state", "the kingdom"): which
states each fits, read from `data/actors/regions.yaml`.

`Descriptions.fitting(words, noun)` answers with the states a description fits, or None when a word of it is
unknown (then the phrase is left unresolved: "the host country" names another state than the story's).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError

ANY = "any"
_ISO3 = re.compile(r"[A-Z]{3}")


def description_key(text: str) -> str:
    """The lookup form of a description's words: lowercase, hyphens as spaces ("oil-rich" → "oil rich")."""
    return " ".join(text.lower().replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class Descriptions:
    """Nouns that stand for a state and the words that describe one, each with the states it fits (None: any)."""

    nouns: dict[str, frozenset[str] | None]
    descriptors: dict[str, frozenset[str] | None]

    def noun(self, words: list[str]) -> tuple[str, int] | None:
        """The state noun that ends `words` ("island nation", "country") and how many words it takes."""
        for size in (2, 1):
            if len(words) >= size and description_key(" ".join(words[-size:])) in self.nouns:
                return description_key(" ".join(words[-size:])), size
        return None

    def fitting(self, words: list[str], noun: str) -> frozenset[str] | None:
        """The states a description fits; None for "any state"; an empty set when a word is unknown.

        Args:
            words: the words before the noun ("central", "African"); hyphens are read as spaces.
            noun: a key of `nouns` ("country", "island nation").
        """
        fits = self.nouns[noun]
        tokens = description_key(" ".join(words)).split()
        start = 0
        while start < len(tokens):
            for end in range(len(tokens), start, -1):
                phrase = " ".join(tokens[start:end])
                if phrase in self.descriptors:
                    states = self.descriptors[phrase]
                    if states is not None:
                        fits = states if fits is None else fits & states
                    start = end
                    break
            else:
                return frozenset()
        return fits


def _states(path: Path, node: Any, what: str, known: Container[str]) -> frozenset[str] | None:
    if node == ANY:
        return None
    if not isinstance(node, list) or not node:
        raise DataFileError(str(path), None, f"{what} must be `any` or a list of ISO3 codes")
    for code in node:
        if not isinstance(code, str) or not _ISO3.fullmatch(code):
            raise DataFileError(str(path), None, f"{what}: bad country code {code!r} (3 uppercase letters)")
        if code not in known:
            raise DataFileError(str(path), None, f"{what}: unknown country code {code!r}; add it to countries.tsv")
    return frozenset(node)


def load_descriptions(path: Path, known: Container[str]) -> Descriptions:
    """Read and validate `data/actors/regions.yaml` against the known ISO3 codes.

    Raises:
        DataFileError: the file is missing or malformed; the message names the file and the entry.
    """
    if not path.is_file():
        raise DataFileError(str(path), None, "file not found; every knowledge file must be present")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(str(path), mark.line + 1 if mark else None, f"not valid YAML: {error}") from None
    if not isinstance(data, dict) or set(data) != {"nouns", "descriptors"}:
        raise DataFileError(str(path), None, "expected exactly the sections nouns and descriptors")
    nouns: dict[str, frozenset[str] | None] = {}
    descriptors: dict[str, frozenset[str] | None] = {}
    for section, table in (("nouns", nouns), ("descriptors", descriptors)):
        entries = data[section]
        if not isinstance(entries, dict) or not entries:
            raise DataFileError(str(path), None, f"{section} must be a mapping")
        for name, states in entries.items():
            if section == "descriptors" and name == ANY:
                if not isinstance(states, list) or not all(isinstance(w, str) for w in states):
                    raise DataFileError(str(path), None, "descriptors.any must be a list of words")
                for word in states:
                    _add(path, descriptors, description_key(word), None, f"descriptors.any: {word}")
                continue
            key = description_key(str(name))
            _add(path, table, key, _states(path, states, f"{section}.{name}", known), f"{section}.{name}")
    return Descriptions(nouns, descriptors)


def _add(path: Path, table: dict, key: str, states: frozenset[str] | None, what: str) -> None:
    if not key:
        raise DataFileError(str(path), None, f"{what}: empty name")
    if key in table:
        raise DataFileError(str(path), None, f"{what}: {key!r} is listed twice")
    table[key] = states
