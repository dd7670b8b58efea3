"""Names typed where actor codes are expected: "Japan" → JPN, "Russia" → RUS, "UN" → IGOUNO.

The knowledge base's country, organisation and group names (with their aliases and demonyms) resolve to the keys
the event database uses; anything else is taken as a code, upper-cased.
"""

from __future__ import annotations

import functools

from ..knowledge import load_knowledge


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
