"""The grammar file (data/lexicon/grammar.yaml): word lists and code rules the components read the parse with."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .errors import DataFileError

_ROOT = re.compile(r"\d{2}")
_CODE = re.compile(r"\d{3,4}")
_SECTOR = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class SourceRecode:
    """An event of one of `codes` whose every source is a state of these sectors (None: a bare country) is coded
    `code`: a state's protest is a diplomatic one (114), a state's or an army's "strike" an attack (190)."""

    codes: frozenset[str]
    sectors: frozenset[str | None]
    code: str


@dataclass(frozen=True, slots=True)
class ProtestForce:
    """Violence of these roots by actors of these sectors against protesters (a target whose words hold one of
    `words`) is the repression of a protest, coded `code`."""

    roots: frozenset[str]
    sectors: frozenset[str | None]
    words: frozenset[str]
    code: str


@dataclass(frozen=True, slots=True)
class ProtestTarget:
    """A protest of this root that names no target aims at the government, unless its sources are excluded."""

    root: str
    excluded_sectors: frozenset[str | None]


@dataclass(frozen=True, slots=True)
class UnnamedAuthority:
    """An act of one of `codes` told in the passive with no agent ("union leaders were detained") is done by the
    unnamed authorities of the place or of the people it is done to, as an actor of `sector`."""

    codes: frozenset[str]
    sector: str


@dataclass(frozen=True, slots=True)
class Grammar:
    """The word lists and code rules of grammar.yaml; each field is the section of the same name."""

    relative_pronouns: frozenset[str]
    object_control_verbs: frozenset[str]
    opaque_entity_labels: frozenset[str]
    talk_prepositions: frozenset[str]
    boundary_nouns: frozenset[str]
    quantity_words: frozenset[str]
    clause_target_roots: frozenset[str]
    occurrence_verbs: frozenset[str]
    frame_prepositions: frozenset[str]
    opaque_marks: frozenset[str]
    place_nouns: frozenset[str]
    place_prepositions: frozenset[str]
    direction_words: frozenset[str]
    visit_codes: frozenset[str]
    repression_roots: frozenset[str]
    unnamed_source_roots: frozenset[str]
    weapon_nouns: frozenset[str]
    consequence_verbs: frozenset[str]
    domestic_sectors: frozenset[str]
    state_protest: SourceRecode
    military_strike: SourceRecode
    protest_target: ProtestTarget
    protest_force: ProtestForce
    personal_pronouns: frozenset[str]
    impersonal_pronouns: frozenset[str]
    first_person_pronouns: frozenset[str]
    pair_nouns: frozenset[str]
    light_verbs: frozenset[str]
    press_roots: frozenset[str]
    allocation_verbs: frozenset[str]
    habitual_adverbs: frozenset[str]
    running_total_phrases: frozenset[str]
    press_sectors: frozenset[str]
    member_nouns: frozenset[str]
    voice_titles: frozenset[str]
    unnamed_authority: UnnamedAuthority

    @property
    def source_recodes(self) -> tuple[tuple[str, SourceRecode], ...]:
        """The rules that recode an event by its sources, each with the words the event's rule notes it by."""
        return (("state protest", self.state_protest), ("military strike", self.military_strike))


_LABEL_SECTIONS = frozenset({"opaque_entity_labels"})
_ROOT_SECTIONS = frozenset({"clause_target_roots", "repression_roots", "unnamed_source_roots", "press_roots"})
_CODE_SECTIONS = frozenset({"visit_codes"})
_SECTOR_SECTIONS = frozenset({"domestic_sectors", "press_sectors"})
_RULE_SECTIONS = {"state_protest": ("codes", "sectors", "code"), "military_strike": ("codes", "sectors", "code"),
                  "protest_target": ("root", "excluded_sectors"),
                  "protest_force": ("roots", "sectors", "words", "code"), "unnamed_authority": ("codes", "sector")}


class _Reader:
    """Reads one grammar file, failing with the file and the line of the bad value."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        try:
            self.node = yaml.compose(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise DataFileError(path, mark.line + 1 if mark else None, str(exc)) from exc
        if not isinstance(self.node, yaml.MappingNode):
            raise DataFileError(path, None, "expected a mapping of sections at the top level")

    def fail(self, node: yaml.Node, message: str) -> DataFileError:
        return DataFileError(self.path, node.start_mark.line + 1, message)

    def sections(self) -> dict[str, yaml.Node]:
        out: dict[str, yaml.Node] = {}
        for key, value in self.node.value:
            out[key.value] = value
        names = [f.name for f in fields(Grammar)]
        unknown = [key for key in out if key not in names]
        if unknown:
            node = next(k for k, _ in self.node.value if k.value == unknown[0])
            raise self.fail(node, f"unknown section {unknown[0]!r}; the sections are: {', '.join(names)}")
        missing = [name for name in names if name not in out]
        if missing:
            raise DataFileError(self.path, None, f"missing sections: {', '.join(missing)}")
        return out

    def scalar(self, node: yaml.Node, section: str, pattern: re.Pattern[str] | None = None,
               lower: bool = False) -> str:
        # A plain `on`, `no` or `yes` is a boolean in YAML: quote it to get the word.
        if not isinstance(node, yaml.ScalarNode) or (node.tag != "tag:yaml.org,2002:str" and not node.style):
            raise self.fail(node, f"{section}: expected a word, got {node.value!r} (quote it)")
        value = node.value.strip()
        if not value or (pattern is not None and not pattern.fullmatch(value)):
            raise self.fail(node, f"{section}: {value!r} is not a valid value here")
        if lower and value != value.lower():
            raise self.fail(node, f"{section}: {value!r} must be lower case")
        return value

    def words(self, node: yaml.Node, section: str, pattern: re.Pattern[str] | None = None,
              lower: bool = True) -> frozenset[str]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise self.fail(node, f"{section}: expected a non-empty list")
        return frozenset(self.scalar(item, section, pattern, lower) for item in node.value)

    def sectors(self, node: yaml.Node, section: str) -> frozenset[str | None]:
        return frozenset(None if word == "none" else word
                         for word in self.words(node, section, re.compile(r"[A-Z]{3}|none"), lower=False))

    def rule(self, node: yaml.Node, section: str) -> dict[str, yaml.Node]:
        keys = _RULE_SECTIONS[section]
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{section}: expected a mapping with {', '.join(keys)}")
        values = {key.value: value for key, value in node.value}
        if set(values) != set(keys):
            raise self.fail(node, f"{section}: expected exactly the keys {', '.join(keys)}")
        return values


def _parse(text: str, path: str) -> Grammar:
    reader = _Reader(text, path)
    values: dict[str, object] = {}
    for section, node in reader.sections().items():
        if section in ("state_protest", "military_strike"):
            rule = reader.rule(node, section)
            values[section] = SourceRecode(reader.words(rule["codes"], f"{section}.codes", _CODE),
                                           reader.sectors(rule["sectors"], f"{section}.sectors"),
                                           reader.scalar(rule["code"], f"{section}.code", _CODE))
        elif section == "protest_target":
            rule = reader.rule(node, section)
            values[section] = ProtestTarget(reader.scalar(rule["root"], f"{section}.root", _ROOT),
                                            reader.sectors(rule["excluded_sectors"], f"{section}.excluded_sectors"))
        elif section == "protest_force":
            rule = reader.rule(node, section)
            values[section] = ProtestForce(reader.words(rule["roots"], f"{section}.roots", _ROOT),
                                           reader.sectors(rule["sectors"], f"{section}.sectors"),
                                           reader.words(rule["words"], f"{section}.words"),
                                           reader.scalar(rule["code"], f"{section}.code", _CODE))
        elif section == "unnamed_authority":
            rule = reader.rule(node, section)
            values[section] = UnnamedAuthority(reader.words(rule["codes"], f"{section}.codes", _CODE),
                                               reader.scalar(rule["sector"], f"{section}.sector", _SECTOR))
        elif section in _ROOT_SECTIONS:
            values[section] = reader.words(node, section, _ROOT)
        elif section in _CODE_SECTIONS:
            values[section] = reader.words(node, section, _CODE)
        elif section in _SECTOR_SECTIONS:
            values[section] = reader.words(node, section, _SECTOR, lower=False)
        elif section in _LABEL_SECTIONS:
            values[section] = reader.words(node, section, re.compile(r"[A-Z_]+"), lower=False)
        else:
            values[section] = reader.words(node, section)
    return Grammar(**values)


@lru_cache(maxsize=1)
def _packaged_grammar() -> Grammar:
    ref = resources.files("tacitus") / "data" / "lexicon" / "grammar.yaml"
    return _parse(ref.read_text(encoding="utf-8"), "data/lexicon/grammar.yaml")


def load_grammar(path: str | Path | None = None) -> Grammar:
    """Read and validate a grammar file; the packaged one (the default) is read once and cached.

    Raises:
        DataFileError: a section is unknown, missing or malformed; the message names the file and line.
    """
    if path is None:
        return _packaged_grammar()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read the grammar file: {exc.strerror}") from exc
    return _parse(text, str(path))
