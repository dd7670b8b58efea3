"""Modality cues (data/lexicon/modality.yaml): the words that make an event planned, requested, hypothetical or negated."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import DataFileError
from .ontology import longest_prefix

_STATUS_SECTIONS = ("planned", "requested", "hypothetical", "negated")
_KINDS = ("verbs", "nouns", "adjectives", "modals", "marks", "negators")


@dataclass(frozen=True, slots=True)
class Modality:
    """Cue words per status and kind, plus reporting verbs and the roots that need no target."""

    cues: dict[str, dict[str, frozenset[str]]]
    reporting: frozenset[str]
    targetless_roots: frozenset[str]
    reciprocal_codes: frozenset[str] = frozenset()
    plover_frames: dict[str, frozenset[str]] = field(default_factory=dict)
    plover_planned: dict[int, str] = field(default_factory=dict)
    support_verbs: frozenset[str] = frozenset()
    carrier_verbs: frozenset[str] = frozenset()
    place_target_roots: frozenset[str] = frozenset()
    untargeted_weapons: frozenset[str] = frozenset()
    untargeted_weapon_code: str = "150"
    threat_codes: dict[str, str] = field(default_factory=dict)
    victim_target_codes: frozenset[str] = frozenset()
    perpetrator_target_codes: frozenset[str] = frozenset()

    def threat_code(self, code: str) -> str:
        """The CAMEO code of a threat to do `code` ("163" → "1312", "19x" → "1384")."""
        return longest_prefix(self.threat_codes, code) or "130"

    def plover_frame(self, cue: str | None) -> str | None:
        """The PLOVER type of the speech act framing an event ("offered to …" → AGREE), if any."""
        if not cue:
            return None
        forms = word_forms(cue, cue)
        for plover, words in self.plover_frames.items():
            if forms & words:
                return plover
        return None

    def plover_of_planned(self, quad_class: int) -> str | None:
        """The PLOVER type of an announced act of this CAMEO quad class (a threat, a commitment), if it has one."""
        return self.plover_planned.get(quad_class)

    def is_reciprocal(self, code: str) -> bool:
        """Whether actors named together as the subject do this to each other ("X and Y held talks")."""
        return any(code.startswith(prefix) for prefix in self.reciprocal_codes)

    def status_of_word(self, lemma: str | set[str], kind: str) -> str | None:
        """The status a governing word of this kind ("verbs", "nouns", "adjectives") signals, if any.

        `lemma` may be a set of candidate forms (see `word_forms`), for when the lemmatizer errs.
        """
        forms = {lemma} if isinstance(lemma, str) else lemma
        for status in ("negated", "requested", "hypothetical", "planned"):
            if forms & self.cues[status].get(kind, frozenset()):
                return status
        return None

    def status_of_modal(self, word: str) -> str | None:
        """The status an auxiliary ("will", "may") signals, if any."""
        for status in ("hypothetical", "planned", "requested"):
            if word in self.cues[status].get("modals", ()):
                return status
        return None

    def is_negator(self, word: str) -> bool:
        return word in self.cues["negated"].get("negators", ())

    def is_conditional_mark(self, word: str) -> bool:
        return word in self.cues["hypothetical"].get("marks", ())


def _words(path: str, section: str, value: object) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(path, None, f"{section}: expected a list of words")
    return frozenset(v.strip().lower() for v in value)


def _roots(path: str, section: str, roots: object) -> list[str]:
    if not isinstance(roots, list) or not all(isinstance(r, str) and len(r) == 2 and r.isdigit() for r in roots):
        raise DataFileError(path, None, f"{section}: expected two-digit CAMEO roots as strings")
    return roots


def _threat_codes(path: str, raw: object) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(
            isinstance(k, str) and k.isdigit() and isinstance(v, str) and v.startswith("13") for k, v in raw.items()):
        raise DataFileError(path, None, "threat_codes: expected quoted code prefixes mapped to quoted 13x codes")
    return dict(raw)


def load_modality(path: str | Path | None = None) -> Modality:
    """Load and validate the modality cue file (the packaged one by default).

    Raises:
        DataFileError: unknown sections or kinds, or values that are not lists of words.
    """
    if path is None:
        return _default_modality()
    return _parse(Path(path).read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=1)
def _default_modality() -> Modality:
    ref = resources.files("tacitus") / "data" / "lexicon" / "modality.yaml"
    return _parse(ref.read_text(encoding="utf-8"), "data/lexicon/modality.yaml")


def _parse(text: str, path: str) -> Modality:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(path, getattr(getattr(exc, "problem_mark", None), "line", None), str(exc)) from exc
    if not isinstance(raw, dict):
        raise DataFileError(path, None, "expected a mapping at the top level")
    unknown = set(raw) - set(_STATUS_SECTIONS) - {"reporting", "targetless_roots", "reciprocal_codes",
                                                   "plover_frames", "plover_planned", "support_verbs",
                                                   "threat_codes",
                                                   "carrier_verbs", "place_target_roots",
                                                   "untargeted_weapons", "victim_target_codes",
                                                   "perpetrator_target_codes"}
    if unknown:
        raise DataFileError(path, None, f"unknown sections: {sorted(unknown)}")
    cues: dict[str, dict[str, frozenset[str]]] = {}
    for status in _STATUS_SECTIONS:
        section = raw.get(status)
        if not isinstance(section, dict):
            raise DataFileError(path, None, f"missing section {status!r}")
        bad = set(section) - set(_KINDS)
        if bad:
            raise DataFileError(path, None, f"{status}: unknown kinds {sorted(bad)}; allowed: {list(_KINDS)}")
        cues[status] = {kind: _words(path, f"{status}.{kind}", words) for kind, words in section.items()}
    reporting = raw.get("reporting") or {}
    if set(reporting) - {"verbs"}:
        raise DataFileError(path, None, "reporting: only 'verbs' is allowed")
    roots = _roots(path, "targetless_roots", raw.get("targetless_roots") or [])
    reciprocal = raw.get("reciprocal_codes") or []
    if not all(isinstance(r, str) and r.isdigit() and 2 <= len(r) <= 4 for r in reciprocal):
        raise DataFileError(path, None, "reciprocal_codes: expected CAMEO code prefixes as strings")
    frames_raw = raw.get("plover_frames") or {}
    if not isinstance(frames_raw, dict):
        raise DataFileError(path, None, "plover_frames: expected a mapping of PLOVER type → cue words")
    frames = {str(k).upper(): _words(path, f"plover_frames.{k}", v) for k, v in frames_raw.items()}
    planned_raw = raw.get("plover_planned") or {}
    if (not isinstance(planned_raw, dict) or not all(k in (1, 2, 3, 4) for k in planned_raw)
            or not all(isinstance(v, str) and v.isupper() for v in planned_raw.values())):
        raise DataFileError(path, None, "plover_planned: expected a mapping of quad class (1–4) → PLOVER type")
    victim_codes = raw.get("victim_target_codes") or []
    if not all(isinstance(c, str) and c.isdigit() and 3 <= len(c) <= 4 for c in victim_codes):
        raise DataFileError(path, None, "victim_target_codes: expected CAMEO codes as strings")
    perpetrator_codes = raw.get("perpetrator_target_codes") or []
    if not all(isinstance(c, str) and c.isdigit() and 3 <= len(c) <= 4 for c in perpetrator_codes):
        raise DataFileError(path, None, "perpetrator_target_codes: expected CAMEO codes as strings")
    weapons = raw.get("untargeted_weapons") or {}
    if not isinstance(weapons, dict) or set(weapons) - {"objects", "code"}:
        raise DataFileError(path, None, "untargeted_weapons: expected 'objects' and 'code'")
    return Modality(
        cues=cues,
        reporting=_words(path, "reporting.verbs", reporting.get("verbs", [])),
        targetless_roots=frozenset(roots),
        reciprocal_codes=frozenset(reciprocal),
        plover_frames=frames,
        plover_planned={int(k): v for k, v in planned_raw.items()},
        support_verbs=_words(path, "support_verbs", raw.get("support_verbs") or []),
        carrier_verbs=_words(path, "carrier_verbs", raw.get("carrier_verbs") or []),
        threat_codes=_threat_codes(path, raw.get("threat_codes") or {}),
        place_target_roots=frozenset(_roots(path, "place_target_roots", raw.get("place_target_roots") or [])),
        untargeted_weapons=_words(path, "untargeted_weapons.objects", weapons.get("objects") or []),
        untargeted_weapon_code=str(weapons.get("code", "150")),
        victim_target_codes=frozenset(victim_codes),
        perpetrator_target_codes=frozenset(perpetrator_codes),
    )


def word_forms(lemma: str, text: str) -> set[str]:
    """The lemma and plausible base forms of an inflected word ("hopes" → hope, though spaCy may say "hop")."""
    lower = text.lower()
    forms = {lemma.lower(), lower}
    for suffix, repl in (("ies", "y"), ("es", ""), ("es", "e"), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.add(lower[: -len(suffix)] + repl)
    return forms
