"""The event lexicon: verb and noun patterns that map words in a parse to CAMEO codes.

The knowledge lives in `data/lexicon/verbs.yaml` and `data/lexicon/nouns.yaml` (their header comments document
the format); this module reads and validates them against the ontology.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tacitus.errors import DataFileError
from tacitus.ontology import Ontology, load_ontology

__all__ = [
    "DEFAULT_NOUN_SOURCE",
    "DEFAULT_NOUN_TARGET",
    "DEFAULT_VERB_TARGET",
    "Lexicon",
    "NounPattern",
    "VerbPattern",
    "load_lexicon",
]

DEFAULT_VERB_TARGET = ("dobj", "dative")
DEFAULT_NOUN_TARGET = ("prep:to", "prep:on", "prep:against", "prep:with", "prep:of")
DEFAULT_NOUN_SOURCE = ("poss", "prep:by", "compound", "amod")

_VERB_KEYS = frozenset({"lemma", "code", "particle", "object", "target", "note"})
_NOUN_KEYS = frozenset({"lemma", "code", "source", "target", "note"})
_VERB_ROLES = frozenset({"dobj", "dative"})
_NOUN_ROLES = frozenset({"poss", "compound", "amod"})
_WORD = re.compile(r"[a-z][a-z'-]*")
_PREP = re.compile(r"prep:([a-z]+)")


class _Loader(yaml.SafeLoader):
    """YAML 1.1 reads on/off/yes/no as booleans; here they stay words ("call on", "call off")."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A verb (optionally with a particle or a restricted object) that signals a CAMEO event.

    Attributes:
        lemma: The spaCy lemma of the verb ("visit").
        code: The CAMEO code the pattern assigns ("042").
        particle: A particle or preposition the verb must carry ("on" in "call on"), or None.
        objects: Lemmas of which the direct object must be one (for light verbs: "impose sanction"),
            or of the particle's object when `particle` is also set; empty means any object or none.
        target: Where the target actor is found, in order: "dobj", "dative" or "prep:<preposition>".
        note: Free text for the people who edit the lexicon.
    """

    lemma: str
    code: str
    particle: str | None = None
    objects: tuple[str, ...] = ()
    target: tuple[str, ...] = DEFAULT_VERB_TARGET
    note: str = ""

    @property
    def specificity(self) -> int:
        """How narrow the pattern is; the higher wins: object and particle 3, object 2, particle 1, plain 0."""
        return 2 * bool(self.objects) + bool(self.particle)


@dataclass(frozen=True, slots=True)
class NounPattern:
    """An event noun ("visit", "sanctions", "hunger strike") that signals a CAMEO event.

    Attributes:
        lemma: The spaCy lemma of the noun; a multiword lemma ("hunger strike") ends with the head noun.
        code: The CAMEO code the pattern assigns.
        source: Where the source actor is found: "poss", "compound", "amod" or "prep:<preposition>".
        target: Where the target actor is found, same item syntax as `source`.
        note: Free text for the people who edit the lexicon.
    """

    lemma: str
    code: str
    source: tuple[str, ...] = DEFAULT_NOUN_SOURCE
    target: tuple[str, ...] = DEFAULT_NOUN_TARGET
    note: str = ""

    @property
    def head(self) -> str:
        """The head noun: the last word of the lemma."""
        return self.lemma.rsplit(" ", 1)[-1]

    @property
    def modifier(self) -> str | None:
        """The words before the head ("hunger" in "hunger strike"), or None for a single word."""
        words = self.lemma.rsplit(" ", 1)
        return words[0] if len(words) == 2 else None


class Lexicon:
    """Verb and noun patterns, looked up by lemma."""

    def __init__(self, verbs: list[VerbPattern], nouns: list[NounPattern]) -> None:
        self.verbs = tuple(verbs)
        self.nouns = tuple(nouns)
        self._verbs: dict[str, list[VerbPattern]] = {}
        for pattern in verbs:
            self._verbs.setdefault(pattern.lemma, []).append(pattern)
        for patterns in self._verbs.values():
            patterns.sort(key=lambda pattern: -pattern.specificity)
        self._nouns = {pattern.lemma: pattern for pattern in nouns}
        self._nouns_by_head: dict[str, list[NounPattern]] = {}
        for pattern in sorted(nouns, key=lambda pattern: pattern.modifier is None):
            self._nouns_by_head.setdefault(pattern.head, []).append(pattern)
        self.verb_lemmas = frozenset(self._verbs)
        self.noun_lemmas = frozenset(self._nouns)
        self.noun_heads = frozenset(self._nouns_by_head)

    def verbs_for(self, lemma: str) -> list[VerbPattern]:
        """Return the patterns of a verb lemma, most specific first (see `VerbPattern.specificity`)."""
        return list(self._verbs.get(lemma, ()))

    def nouns_for(self, lemma: str) -> list[NounPattern]:
        """Return the patterns whose head noun is `lemma`, multiword ones ("hunger strike") before the plain one."""
        return list(self._nouns_by_head.get(lemma, ()))

    def noun_for(self, head_lemma: str, compound_lemma: str | None = None) -> NounPattern | None:
        """Return the best pattern for a noun and, optionally, its modifier.

        Args:
            head_lemma: The lemma of the head noun ("strike").
            compound_lemma: The lemma of the word(s) modifying it ("hunger"), if any.

        Returns:
            The multiword pattern ("hunger strike") when it exists, else the head's own pattern, else None.
        """
        if compound_lemma:
            pattern = self._nouns.get(f"{compound_lemma} {head_lemma}")
            if pattern is not None:
                return pattern
        return self._nouns.get(head_lemma)

    def __repr__(self) -> str:
        return f"Lexicon({len(self.verbs)} verb patterns, {len(self.nouns)} noun patterns)"


def load_lexicon(
    verbs_path: str | Path | None = None,
    nouns_path: str | Path | None = None,
    ontology: Ontology | None = None,
) -> Lexicon:
    """Read and validate the verb and noun pattern files.

    Args:
        verbs_path: A verbs YAML file; None reads the packaged `data/lexicon/verbs.yaml`.
        nouns_path: A nouns YAML file; None reads the packaged `data/lexicon/nouns.yaml`.
        ontology: The codes to check against; None uses the packaged CAMEO ontology.

    Returns:
        The lexicon. With all arguments left at None it is parsed once and cached.

    Raises:
        DataFileError: A file is malformed; the message names the file and the entry's line.
    """
    if verbs_path is None and nouns_path is None and ontology is None:
        return _packaged_lexicon()
    return _load(verbs_path, nouns_path, load_ontology() if ontology is None else ontology)


@functools.cache
def _packaged_lexicon() -> Lexicon:
    return _load(None, None, load_ontology())


def _load(verbs_path: str | Path | None, nouns_path: str | Path | None, ontology: Ontology) -> Lexicon:
    verbs = [_verb(entry, ontology) for entry in _entries(verbs_path, "verbs.yaml", "verbs", _VERB_KEYS)]
    nouns = [_noun(entry, ontology) for entry in _entries(nouns_path, "nouns.yaml", "nouns", _NOUN_KEYS)]
    _check_verb_overlaps(verbs)
    _check_noun_duplicates(nouns)
    return Lexicon([pattern for pattern, _ in verbs], [pattern for pattern, _ in nouns])


@dataclass(frozen=True, slots=True)
class _Entry:
    """One raw mapping from a lexicon file with where it came from."""

    values: dict[str, Any]
    path: str
    line: int

    def fail(self, message: str) -> DataFileError:
        lemma = self.values.get("lemma")
        return DataFileError(self.path, self.line, f"entry {lemma!r}: {message}" if lemma else message)


def _entries(path: str | Path | None, packaged: str, section: str, keys: frozenset[str]) -> list[_Entry]:
    if path is None:
        resource = resources.files("tacitus") / "data" / "lexicon" / packaged
        text, name = resource.read_text(encoding="utf-8"), str(resource)
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    try:
        document = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(name, mark.line + 1 if mark else None, f"not valid YAML: {error}") from None
    if not isinstance(data, dict) or set(data) != {section}:
        raise DataFileError(name, 1, f"the file must hold one top-level key, '{section}:', with a list of entries")
    items = data[section] or []
    if not isinstance(items, list):
        raise DataFileError(name, 1, f"'{section}:' must be a list of entries (lines starting with '- ')")
    section_node = next(value for key, value in document.value if key.value == section)
    entries = []
    for index, item in enumerate(items):
        line = section_node.value[index].start_mark.line + 1
        if not isinstance(item, dict):
            raise DataFileError(name, line, f"entry {index + 1} must be a mapping with at least lemma and code")
        entry = _Entry(item, name, line)
        unknown = set(item) - keys
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            raise entry.fail(f"unknown key(s) {names}; allowed keys: {', '.join(sorted(keys))}")
        entries.append(entry)
    return entries


def _common(entry: _Entry, ontology: Ontology) -> tuple[str, str, str]:
    lemma, code, note = entry.values.get("lemma"), entry.values.get("code"), entry.values.get("note", "")
    if not isinstance(lemma, str) or not lemma:
        raise entry.fail("missing 'lemma' (the spaCy lemma of the word, lower case)")
    if code is None:
        raise entry.fail("missing 'code' (a CAMEO code in quotes, e.g. code: \"042\")")
    if not isinstance(code, str):
        raise entry.fail(f"code {code!r} must be quoted text, e.g. code: \"042\" (unquoted, YAML reads a number)")
    if code not in ontology:
        raise entry.fail(f"code {code!r} is not a CAMEO code in {ontology.path}")
    if not isinstance(note, str):
        raise entry.fail("'note' must be text")
    return lemma, code, note


def _words(entry: _Entry, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = entry.values.get(key)
    if value is None:
        return default
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise entry.fail(f"'{key}' must be a word or a list of words in [brackets]")
    return tuple(items)


def _roles(entry: _Entry, key: str, default: tuple[str, ...], plain: frozenset[str]) -> tuple[str, ...]:
    roles = _words(entry, key, default)
    for role in roles:
        if role not in plain and not _PREP.fullmatch(role):
            allowed = ", ".join([*sorted(plain), "prep:<preposition>"])
            raise entry.fail(f"{key} item {role!r} is not one of {allowed}")
    if len(set(roles)) != len(roles):
        raise entry.fail(f"'{key}' lists an item twice")
    return roles


def _verb(entry: _Entry, ontology: Ontology) -> tuple[VerbPattern, _Entry]:
    lemma, code, note = _common(entry, ontology)
    if not _WORD.fullmatch(lemma):
        raise entry.fail("a verb lemma is one lower-case word; put the rest in 'particle' or 'object'")
    particle = entry.values.get("particle")
    if particle is not None and (not isinstance(particle, str) or not _WORD.fullmatch(particle)):
        raise entry.fail(f"particle {particle!r} must be one lower-case word (e.g. on, off, down)")
    objects = _words(entry, "object", ())
    for word in objects:
        if not _WORD.fullmatch(word):
            raise entry.fail(f"object {word!r} must be one lower-case lemma (singular: 'sanction', not 'sanctions')")
    if "object" in entry.values and not objects:
        raise entry.fail("'object' is an empty list; remove the key or list the object lemmas")
    target = _roles(entry, "target", DEFAULT_VERB_TARGET, _VERB_ROLES)
    return VerbPattern(lemma, code, particle, objects, target, note), entry


def _noun(entry: _Entry, ontology: Ontology) -> tuple[NounPattern, _Entry]:
    lemma, code, note = _common(entry, ontology)
    if not all(_WORD.fullmatch(word) for word in lemma.split(" ")):
        raise entry.fail("a noun lemma is lower-case words separated by single spaces, the head noun last")
    source = _roles(entry, "source", DEFAULT_NOUN_SOURCE, _NOUN_ROLES)
    target = _roles(entry, "target", DEFAULT_NOUN_TARGET, _NOUN_ROLES)
    return NounPattern(lemma, code, source, target, note), entry


def _check_verb_overlaps(verbs: list[tuple[VerbPattern, _Entry]]) -> None:
    # Two entries with the same verb and particle must not both claim an object (or both be unrestricted):
    # the coder could not tell which code to assign.
    seen: dict[tuple[str, str | None, str | None], _Entry] = {}
    for pattern, entry in verbs:
        for obj in pattern.objects or (None,):
            key = (pattern.lemma, pattern.particle, obj)
            if key in seen:
                what = f"object {obj!r}" if obj else "no object restriction"
                particle = f" with particle {pattern.particle!r}" if pattern.particle else ""
                raise entry.fail(f"{what}{particle} is already used by the entry on line {seen[key].line}")
            seen[key] = entry


def _check_noun_duplicates(nouns: list[tuple[NounPattern, _Entry]]) -> None:
    seen: dict[str, _Entry] = {}
    for pattern, entry in nouns:
        if pattern.lemma in seen:
            raise entry.fail(f"already defined on line {seen[pattern.lemma].line}")
        seen[pattern.lemma] = entry
