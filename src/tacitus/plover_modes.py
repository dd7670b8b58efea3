"""PLOVER modes and contexts of CAMEO codes (`data/ontology/plover_modes.yaml`): how an event was done and what it
is about, for the POLECAT export.

`load_plover_modes()` reads and validates the file once; `PloverModes.of(code, plover)` gives an event's
`PloverDetail`: the mode of the longest prefix of its code that has one (only when the event keeps its code's
own PLOVER type: an announced attack coded THREATEN takes no ASSAULT mode), and the context of the longest
prefix that has one.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from .errors import DataFileError
from .ontology import load_ontology, longest_prefix


@dataclass(frozen=True, slots=True)
class PloverDetail:
    """An event's PLOVER mode (None where none is known) and contexts (empty where none is known)."""

    mode: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PloverModes:
    """The modes and contexts by CAMEO code prefix."""

    modes: Mapping[str, str]
    contexts: Mapping[str, tuple[str, ...]]

    def of(self, code: str, plover: str | None = None) -> PloverDetail:
        """The mode and context of an event of CAMEO `code` coded as PLOVER type `plover` (None: the code's own)."""
        ontology = load_ontology()
        own = ontology.get(code).plover if code in ontology else None  # the POLECAT export's SQL does the same
        mode = longest_prefix(self.modes, code) if plover is None or plover == own else None
        return PloverDetail(mode, longest_prefix(self.contexts, code) or ())


def load_plover_modes(path: str | Path | None = None) -> PloverModes:
    """Read and validate a modes file (None: the packaged one, read once).

    Raises:
        DataFileError: the file is malformed, names a code CAMEO does not have, or a mode or context it does
            not declare.
    """
    if path is None:
        return _packaged()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


@functools.cache
def _packaged() -> PloverModes:
    resource = resources.files("tacitus") / "data" / "ontology" / "plover_modes.yaml"
    return _parse(resource.read_text(encoding="utf-8"), str(resource))


def _parse(text: str, path: str) -> PloverModes:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(path, None, f"not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or set(raw) != {"modes", "contexts", "codes"}:
        raise DataFileError(path, None, "expected the sections modes, contexts and codes")
    known_modes, known_contexts = set(raw["modes"] or []), set(raw["contexts"] or [])
    ontology = load_ontology()
    modes: dict[str, str] = {}
    contexts: dict[str, tuple[str, ...]] = {}
    for code, entry in (raw["codes"] or {}).items():
        if not isinstance(code, str) or code not in ontology:
            raise DataFileError(path, None, f"codes: {code!r} is not a CAMEO code (write it as a quoted string)")
        if not isinstance(entry, dict) or not entry or set(entry) - {"mode", "context"}:
            raise DataFileError(path, None, f"codes.{code}: expected mode and/or context")
        mode, context = entry.get("mode"), entry.get("context")
        if mode is not None:
            if mode not in known_modes:
                raise DataFileError(path, None, f"codes.{code}: mode {mode!r} is not one of the modes listed")
            modes[code] = mode
        if context is not None:
            if not isinstance(context, list) or not context or set(context) - known_contexts:
                raise DataFileError(path, None, f"codes.{code}: context must be a list of the contexts listed")
            contexts[code] = tuple(context)
    return PloverModes(modes, contexts)
