"""Names typed where actor codes are expected: "Japan" → JPN, "Russia" → RUS, "UN" → IGOUNO; and for a name that
names nothing known ("Japn"), the nearest names ("did you mean Japan (JPN)?").

The knowledge base's country, organisation and group names (with their aliases and demonyms) resolve to the keys
the event database uses; a code (JPN, IGOUNO, or a code with a sector after a known code, JPNGOV) is taken as it
is, upper-cased. Anything else is unknown: `suggest` finds the closest names and codes with `difflib`.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

from ..knowledge import load_knowledge

#: How close (difflib's ratio, 0–1) a known name must be to what was typed to be suggested.
SUGGEST_CUTOFF = 0.7
MAX_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A known actor close to an unknown name: its usual name and its key."""

    name: str
    key: str

    def __str__(self) -> str:
        return f"{self.name} ({self.key})"


@functools.lru_cache(maxsize=4096)
def resolve_actor(text: str) -> str:
    """The actor key `text` names: a country's ISO3 code, an organisation's or group's CAMEO code, or `text` itself
    upper-cased when it names nothing known (a code such as JPN or JPNGOV)."""
    text = text.strip()
    knowledge = load_knowledge()
    country = knowledge.country(text)
    if country is not None:
        return country.iso3
    for found in (knowledge.organisation(text), knowledge.group(text)):
        if found is not None and getattr(found, "code", None):
            return found.code
    return text.upper()


@functools.lru_cache(maxsize=1)
def _known() -> tuple[dict[str, Suggestion], tuple[str, ...], frozenset[str]]:
    """Every known name and alias (lower-cased) → its actor; the known codes, longest first; the sector codes
    (GOV, MIL, …) that follow a code."""
    knowledge = load_knowledge()
    names: dict[str, Suggestion] = {}
    codes: list[str] = []
    sectors = {item.sector for item in (*knowledge.groups, *knowledge.agencies, *knowledge.holders,
                                        *knowledge.titles.values()) if item.sector}
    for country in knowledge.countries:
        codes += [country.iso3, country.cameo]
        for name in (country.name, *country.aliases):
            names.setdefault(name.lower(), Suggestion(country.name, country.iso3))
    for found in (*knowledge.organisations, *knowledge.groups):
        if found.code:
            codes.append(found.code)
            for name in (found.name, *found.aliases):
                names.setdefault(name.lower(), Suggestion(found.name, found.code))
    return (names, tuple(sorted({c.upper() for c in codes if c}, key=len, reverse=True)),
            frozenset(code for sector in sectors for code in _chunks(sector.upper())))


def _chunks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def is_known(text: str, keys: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether `text` names a known actor, is a known code, starts with one (a sector after it: JPNGOV), or is
    one of `keys` (the actor keys of the database)."""
    text = text.strip()
    key = resolve_actor(text)
    if key != text.upper() or key in keys:
        return True
    names, codes, sectors = _known()
    if text.lower() in names:
        return True
    for code in codes:
        rest = key[len(code):]
        if key.startswith(code) and len(rest) % 3 == 0 and all(part in sectors for part in _chunks(rest)):
            return True
    return False


def suggest(text: str, keys: frozenset[str] | set[str] = frozenset(), *, limit: int = MAX_SUGGESTIONS
            ) -> list[Suggestion]:
    """The known actors whose name, alias or code is closest to `text` (best first), at most `limit`."""
    names, codes, _ = _known()
    typed = text.strip()
    out: dict[str, Suggestion] = {}
    for match in difflib.get_close_matches(typed.lower(), list(names), n=limit * 3, cutoff=SUGGEST_CUTOFF):
        out.setdefault(names[match].key, names[match])
    by_code = {s.key: s for s in names.values()}
    if typed.upper() == typed:  # typed as a code: the codes near it too
        for match in difflib.get_close_matches(typed, sorted(set(codes) | set(keys)), n=limit, cutoff=SUGGEST_CUTOFF):
            out.setdefault(match, by_code.get(match, Suggestion(match, match)))
    return list(out.values())[:limit]
