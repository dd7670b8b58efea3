"""Synthetic training sentences for the Tacitus event detector.

Team-written templates (``train/synthetic/*.yaml``) are filled with actors, places, dates and numbers from
``train/synthetic/fillers.yaml`` to give labelled sentences: which CAMEO events a sentence reports, with the
character spans of each event's trigger, source and target, its status and whether it is background.
Sentences with no codable event (negatives and near misses) come from the same kind of templates.

Template mini-language (inside a template's ``text``):

* ``{S:kind}``        a role slot: draws an actor of ``kind`` (state, leader, military, ...) named ``S``;
  ``{S:kind@T}`` draws it from the same country as slot ``T``; ``{S:kind/poss}`` renders the possessive
  ("France's", the span covers "France"), ``/adj`` the adjective of a country ("French").
* ``{S}``, ``{S/poss}``  the actor of slot ``S`` again (a later mention; the span is the first mention).
* ``{S|was|were}``   agreement with the number of slot ``S``; ``{S.it}``/``{S.its}`` its pronouns.
* ``{kind}``         a filler with no role: ``city``, ``pdate``, ``fdate``, ``num``, ``amount``, an actor kind,
  or any list of ``lists:`` in the fillers; ``{city@S}`` a city of slot ``S``'s country.
* ``{a}``            "a" or "an", whichever fits the next word.
* ``{(S}...{)}``     makes the text between the marks the span of role ``S`` ("{(T}the {T:country/adj}
  ambassador{)}" gives the target "the Kenyan ambassador" rather than "Kenyan").
* ``<...>``          an event trigger; the i-th trigger belongs to the i-th event.
* ``[x|y|z]``        one of the alternatives (which may hold slots and triggers; every alternative must hold
  the same number of triggers). ``[x|]`` makes ``x`` optional.

CLI: ``python train/synthetic.py --n 8000 --seed 13 -o out.jsonl``.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "synthetic"
FILLERS_FILE = "fillers.yaml"
CAMEO_TSV = HERE.parent / "src" / "tacitus" / "data" / "ontology" / "cameo.tsv"

STATUSES = ("occurred", "planned", "requested", "hypothetical", "negated")
ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
#: How often each root is drawn, roughly how often news reports it (statements, consultations, conflict most).
ROOT_WEIGHTS = {
    "01": 10, "02": 7, "03": 7, "04": 11, "05": 7, "06": 4, "07": 5, "08": 4, "09": 2.5, "10": 4,
    "11": 9, "12": 4, "13": 4, "14": 5, "15": 2.5, "16": 3, "17": 9, "18": 8, "19": 9, "20": 2,
}
NEGATIVE_SHARE = 0.40
#: Share of the positives drawn from background (historical) templates.
BACKGROUND_SHARE = 0.04
#: Share of sentences that open with a wire-style dateline ("KABUL (Reuters) — ").
DATELINE_SHARE = 0.06
#: Share of sentences opening with an actor that get a discourse lead-in ("Meanwhile, ").
LEAD_IN_SHARE = 0.10
#: Share of sentences with no attribution of their own that get a closing comment (", a move likely to ...").
TAIL_SHARE = 0.07
#: Negatives a political comment can close (for the others, "a move likely to ..." would read oddly).
TAIL_CATEGORIES = ("politics", "forecast", "election")
DATE_KINDS = ("date", "pdate", "fdate", "hdate", "weekday", "month", "year")
NUMBER_KINDS = ("num", "bignum", "amount", "percent")
PLACE_KINDS = ("city", "capital", "country_place", "region")
TEMPLATE_KEYS = {"id", "code", "status", "text", "events", "background", "weight"}
EVENT_KEYS = {"code", "status", "source", "target", "background"}
NEGATIVE_KEYS = {"id", "category", "text", "weight"}
SLOT_NAME = re.compile(r"^[A-Z][A-Z0-9]?$")


#: The C YAML parser when PyYAML has it (several times faster), else the pure-Python safe loader.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TemplateError(ValueError):
    """A data file or a template in it is malformed; the message names the file and the template."""


# --------------------------------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True)
class EventSpan:
    """One labelled event of a sentence: CAMEO code, status and character spans (end exclusive)."""

    root: str
    code: str
    status: str
    trigger: tuple[int, int]
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    background: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of the event."""
        return {
            "root": self.root,
            "code": self.code,
            "status": self.status,
            "trigger": list(self.trigger),
            "source": list(self.source) if self.source else None,
            "target": list(self.target) if self.target else None,
            "background": self.background,
        }


@dataclass(frozen=True, slots=True)
class Example:
    """One generated sentence with its events (none for a negative) and the template it came from."""

    text: str
    events: tuple[EventSpan, ...]
    kind: str = "synthetic"
    template: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON-lines form: text, events, kind."""
        return {"text": self.text, "events": [e.as_dict() for e in self.events], "kind": self.kind}


# ------------------------------------------------------------------------------------------- template syntax


@dataclass(frozen=True, slots=True)
class Lit:
    """Literal text of a template."""

    text: str


@dataclass(frozen=True, slots=True)
class Slot:
    """A ``{...}`` slot; ``spec`` is the text between the braces."""

    spec: str


@dataclass(frozen=True, slots=True)
class Trig:
    """A ``<...>`` trigger around the nodes of ``body``."""

    body: tuple


@dataclass(frozen=True, slots=True)
class Alt:
    """A ``[x|y]`` choice between sequences of nodes."""

    options: tuple


def parse_template(text: str) -> tuple:
    """Parse a template string into a tuple of nodes (Lit, Slot, Trig, Alt); raises ValueError if malformed."""
    nodes, pos = _parse_seq(text, 0, stop="")
    if pos != len(text):
        raise ValueError(f"unexpected {text[pos]!r} at {pos}")
    return nodes


def _parse_seq(text: str, pos: int, stop: str) -> tuple[tuple, int]:
    """Parse nodes from ``pos`` until a character of ``stop`` (not consumed) or the end."""
    nodes: list = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            nodes.append(Lit("".join(buf)))
            buf.clear()

    while pos < len(text):
        ch = text[pos]
        if ch in stop:
            break
        if ch == "{":
            end = text.find("}", pos)
            if end < 0:
                raise ValueError(f"unclosed '{{' at {pos}")
            flush()
            spec = text[pos + 1 : end].strip()
            if not spec or any(c in spec for c in "{[<>]"):
                raise ValueError(f"bad slot {{{spec}}} at {pos}")
            nodes.append(Slot(spec))
            pos = end + 1
        elif ch == "<":
            flush()
            body, pos = _parse_seq(text, pos + 1, stop=">|]")
            if pos >= len(text) or text[pos] != ">":
                raise ValueError(f"unclosed '<' in {text!r}")
            if _count_triggers(body):
                raise ValueError("nested triggers")
            nodes.append(Trig(body))
            pos += 1
        elif ch == "[":
            flush()
            options = []
            pos += 1
            while True:
                option, pos = _parse_seq(text, pos, stop="|]>")
                options.append(option)
                if pos >= len(text) or text[pos] == ">":
                    raise ValueError(f"unclosed '[' in {text!r}")
                pos += 1
                if text[pos - 1] == "]":
                    break
            if len(options) < 2:
                raise ValueError(f"alternation with one option (use [x|] for optional) in {text!r}")
            nodes.append(Alt(tuple(options)))
        elif ch in "]>|}":
            raise ValueError(f"unexpected {ch!r} at {pos}")
        else:
            buf.append(ch)
            pos += 1
    flush()
    return tuple(nodes), pos


def _count_triggers(nodes: Iterable) -> int:
    """Number of triggers every rendering of ``nodes`` holds; ValueError if alternatives disagree."""
    total = 0
    for node in nodes:
        if isinstance(node, Trig):
            total += 1 + _count_triggers(node.body)
        elif isinstance(node, Alt):
            counts = {_count_triggers(option) for option in node.options}
            if len(counts) != 1:
                raise ValueError("alternatives hold different numbers of triggers")
            total += counts.pop()
    return total


def _slots(nodes: Iterable) -> Iterable[str]:
    """Every slot spec in ``nodes``, in order, through all alternatives."""
    for node in nodes:
        if isinstance(node, Slot):
            yield node.spec
        elif isinstance(node, Trig):
            yield from _slots(node.body)
        elif isinstance(node, Alt):
            for option in node.options:
                yield from _slots(option)


@dataclass(frozen=True, slots=True)
class SlotSpec:
    """A parsed slot: role name (or None), kind (or None for a re-mention), anchor role, form, agreement."""

    role: str | None
    kind: str | None
    anchor: str | None = None
    form: str = "name"
    agree: tuple[str, str] | None = None
    pronoun: str | None = None
    group: str | None = None


FORMS = ("name", "poss", "adj")
PRONOUNS = ("it", "its", "them", "It", "Its")


@functools.lru_cache(maxsize=None)
def parse_slot(spec: str) -> SlotSpec:
    """Parse the text between braces; raises ValueError when it is not one of the documented forms."""
    if spec == ")":
        return SlotSpec(role=None, kind=None, group="close")
    if spec.startswith("("):
        if not SLOT_NAME.match(spec[1:]):
            raise ValueError(f"bad span group {{{spec}}}")
        return SlotSpec(role=spec[1:], kind=None, group="open")
    if "|" in spec:
        role, *words = spec.split("|")
        if not SLOT_NAME.match(role) or len(words) != 2:
            raise ValueError(f"bad agreement slot {{{spec}}}")
        return SlotSpec(role=role, kind=None, agree=(words[0], words[1]))
    if "." in spec:
        role, pron = spec.split(".", 1)
        if not SLOT_NAME.match(role) or pron not in PRONOUNS:
            raise ValueError(f"bad pronoun slot {{{spec}}}")
        return SlotSpec(role=role, kind=None, pronoun=pron)
    form = "name"
    if "/" in spec:
        spec, form = spec.split("/", 1)
        if form not in FORMS:
            raise ValueError(f"unknown form /{form}")
    anchor = None
    if "@" in spec:
        spec, anchor = spec.split("@", 1)
        if not SLOT_NAME.match(anchor):
            raise ValueError(f"bad anchor @{anchor}")
    if ":" in spec:
        role, kind = spec.split(":", 1)
        if not SLOT_NAME.match(role):
            raise ValueError(f"bad role name {role!r}")
        return SlotSpec(role=role, kind=kind, anchor=anchor, form=form)
    if SLOT_NAME.match(spec):
        return SlotSpec(role=spec, kind=None, anchor=anchor, form=form)
    return SlotSpec(role=None, kind=spec, anchor=anchor, form=form)


# ------------------------------------------------------------------------------------------------- fillers


@dataclass(frozen=True, slots=True)
class Country:
    """A country: names ("the United States", "the U.S."), adjectives, capital, cities, name pool."""

    names: tuple[str, ...]
    adjs: tuple[str, ...]
    capital: str
    cities: tuple[str, ...]
    pool: str
    seats: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """A drawn actor: its text, grammatical number ("sg"/"pl"), pronoun and country (None for IGOs)."""

    text: str
    number: str
    pron: str
    country: Country | None
    adj: str | None = None


@dataclass(frozen=True)
class Fillers:
    """Everything templates fill slots with."""

    countries: tuple[Country, ...]
    names: dict[str, tuple[str, ...]]
    actor_forms: dict[str, tuple[tuple[str, str], ...]]
    igos: tuple[tuple[str, str], ...]
    lists: dict[str, tuple[str, ...]]

    def kinds(self) -> set[str]:
        """Every filler kind a slot may name."""
        return (set(self.actor_forms) | {"igo", "country"} | set(self.lists) | set(DATE_KINDS)
                | set(NUMBER_KINDS) | set(PLACE_KINDS) | {"a"})


def _need(mapping: Any, key: str, kind: type, where: str) -> Any:
    """``mapping[key]``, checked to be of ``kind``; TemplateError naming ``where`` otherwise."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise TemplateError(f"{where}: missing {key!r}")
    value = mapping[key]
    if not isinstance(value, kind):
        raise TemplateError(f"{where}: {key!r} should be {kind.__name__}, not {type(value).__name__}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A string or a nonempty list of strings, as a tuple; TemplateError otherwise."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise TemplateError(f"{where}: expected a string or a list of strings, got {value!r}")


def _read_yaml(path: Path) -> Any:
    """The parsed YAML of ``path``; TemplateError naming the file when it does not parse."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise TemplateError(f"{path.name}: not valid YAML: {exc}") from exc


def load_fillers(path: Path) -> Fillers:
    """Read and validate the fillers file."""
    data = _read_yaml(path)
    where = path.name
    countries = []
    for name, entry in _need(data, "countries", dict, where).items():
        at = f"{where}: country {name!r}"
        entry = entry if isinstance(entry, dict) else {}
        names = (name, *(_strings(entry["also"], at) if "also" in entry else ()))
        countries.append(Country(
            names=names,
            adjs=_strings(_need(entry, "adj", (str, list), at), at),
            capital=_need(entry, "capital", str, at),
            cities=_strings(_need(entry, "cities", list, at), at),
            pool=_need(entry, "names", str, at),
            seats=_strings(entry["seats"], at) if "seats" in entry else (),
            groups=_strings(entry["groups"], at) if "groups" in entry else (),
        ))
    names = {k: _strings(v, f"{where}: names {k!r}") for k, v in _need(data, "names", dict, where).items()}
    for country in countries:
        if country.pool not in names:
            raise TemplateError(f"{where}: country {country.names[0]!r} uses unknown name pool {country.pool!r}")
    actor_forms = {}
    for kind, forms in _need(data, "actors", dict, where).items():
        at = f"{where}: actors {kind!r}"
        if not isinstance(forms, list) or not forms:
            raise TemplateError(f"{at}: expected a list of 'form | sg/pl' strings")
        parsed = []
        for form in forms:
            text, _, number = str(form).rpartition("|")
            number = number.strip()
            if not text or number not in ("sg", "pl", "he"):
                raise TemplateError(f"{at}: {form!r} should end with '| sg', '| pl' or '| he'")
            parsed.append((text.strip(), number))
        actor_forms[kind] = tuple(parsed)
    igos = []
    for form in _need(data, "igos", list, where):
        text, _, number = str(form).rpartition("|")
        if not text or number.strip() not in ("sg", "pl", "he"):
            raise TemplateError(f"{where}: igo {form!r} should end with '| sg', '| pl' or '| he'")
        igos.append((text.strip(), number.strip()))
    lists = {k: _strings(v, f"{where}: lists {k!r}") for k, v in _need(data, "lists", dict, where).items()}
    missing = [k for k in (*DATE_KINDS, *NUMBER_KINDS, "region") if k not in lists]
    if missing:
        raise TemplateError(f"{where}: lists lacks {', '.join(missing)}")
    return Fillers(tuple(countries), names, actor_forms, tuple(igos), lists)


# ----------------------------------------------------------------------------------------------- templates


@dataclass(frozen=True, slots=True)
class EventSpec:
    """What a template says about one of its events."""

    code: str
    status: str
    source: str | None
    target: str | None
    background: bool


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed, validated template; ``events`` is empty for a negative."""

    id: str
    nodes: tuple
    events: tuple[EventSpec, ...]
    root: str | None
    category: str | None
    weight: float
    background: bool
    file: str
    text: str = ""
    lead_in: bool = False
    date_lead_in: bool = False
    tail: bool = False


@functools.lru_cache(maxsize=4)
def load_codes(path: Path = CAMEO_TSV) -> frozenset[str]:
    """The CAMEO codes of the ontology table."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return frozenset(row[0] for row in rows if row and row[0] != "code")


def _event_specs(entry: dict, roles: list[str], codes: frozenset[str], where: str) -> tuple[EventSpec, ...]:
    """The events of a template entry, from ``events:`` or from its top-level code/status."""
    raw = entry.get("events")
    if raw is None:
        raw = [{"code": entry.get("code"), "status": entry.get("status", "occurred")}]
    if not isinstance(raw, list) or not raw:
        raise TemplateError(f"{where}: 'events' should be a nonempty list")
    specs = []
    for i, event in enumerate(raw):
        at = f"{where} event {i + 1}"
        if not isinstance(event, dict):
            raise TemplateError(f"{at}: expected a mapping")
        unknown = set(event) - EVENT_KEYS
        if unknown:
            raise TemplateError(f"{at}: unknown keys {sorted(unknown)}")
        code = str(event.get("code") or "")
        if code not in codes or len(code) < 3:
            raise TemplateError(f"{at}: {code!r} is not a 3- or 4-digit CAMEO code")
        status = event.get("status", "occurred")
        if status not in STATUSES:
            raise TemplateError(f"{at}: unknown status {status!r}")
        source = event.get("source", "S" if "S" in roles else None)
        target = event.get("target", "T" if "T" in roles else None)
        for role in (source, target):
            if role is not None and role not in roles:
                raise TemplateError(f"{at}: role {role!r} is not a slot of the text")
        specs.append(EventSpec(code, status, source, target,
                               bool(event.get("background", entry.get("background", False)))))
    return tuple(specs)


def _defined(nodes: tuple, where: str) -> list[str]:
    """Role names ``nodes`` define; a role may be defined once per path (again in another alternative)."""
    roles: list[str] = []

    def add(found: Iterable[str]) -> None:
        for role in found:
            if role in roles:
                raise TemplateError(f"{where}: slot {role} defined twice")
            roles.append(role)

    for node in nodes:
        if isinstance(node, Slot):
            try:
                spec = parse_slot(node.spec)
            except ValueError as exc:
                raise TemplateError(f"{where}: {exc}") from exc
            if spec.role and spec.kind:
                add([spec.role])
        elif isinstance(node, Trig):
            add(_defined(node.body, where))
        elif isinstance(node, Alt):
            union: list[str] = []
            for option in node.options:
                union += [r for r in _defined(option, where) if r not in union]
            add(union)
    return roles


def _check_groups(nodes: tuple, where: str) -> None:
    """Span groups {(S}...{)} open and close within one sequence (not across alternatives or triggers)."""
    depth = 0
    for node in nodes:
        if isinstance(node, Slot) and node.spec.startswith("(") or isinstance(node, Slot) and node.spec == ")":
            depth += 1 if node.spec.startswith("(") else -1
            if depth < 0 or depth > 1:
                raise TemplateError(f"{where}: unbalanced or nested span group")
        elif isinstance(node, (Trig, Alt)):
            for seq in (node.body,) if isinstance(node, Trig) else node.options:
                _check_groups(seq, where)
    if depth:
        raise TemplateError(f"{where}: unclosed span group")


def _check_slots(nodes: tuple, kinds: set[str], where: str) -> list[str]:
    """Validate every slot of a template; return the role names it defines."""
    roles = _defined(nodes, where)
    _check_groups(nodes, where)
    kinds_of: dict[str, str] = {}
    for spec_text in _slots(nodes):
        spec = parse_slot(spec_text)
        if spec.kind is not None and spec.kind not in kinds:
            raise TemplateError(f"{where}: unknown filler kind {spec.kind!r} in {{{spec_text}}}")
        if spec.role and spec.kind and kinds_of.setdefault(spec.role, spec.kind) != spec.kind:
            raise TemplateError(f"{where}: slot {spec.role} defined with two kinds")
        if spec.group == "close":
            continue
        used = [r for r in (spec.anchor, None if spec.kind else spec.role) if r]
        if spec.anchor and spec.anchor == spec.role:
            raise TemplateError(f"{where}: slot {spec.role} is anchored to itself")
        for role in used:
            if role not in roles:
                raise TemplateError(f"{where}: slot {role} is used but never defined")
    return roles


def _parse_entry(entry: Any, index: int, file: str, codes: frozenset[str], kinds: set[str],
                 negative: bool) -> Template:
    """One validated template from one YAML entry."""
    where = f"{file}: template {index + 1}"
    if not isinstance(entry, dict):
        raise TemplateError(f"{where}: expected a mapping, got {entry!r}")
    where = f"{file}: template {entry.get('id', index + 1)!s}"
    unknown = set(entry) - (NEGATIVE_KEYS if negative else TEMPLATE_KEYS)
    if unknown:
        raise TemplateError(f"{where}: unknown keys {sorted(unknown)}")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise TemplateError(f"{where}: missing 'text'")
    try:
        nodes = parse_template(text)
        triggers = _count_triggers(nodes)
    except ValueError as exc:
        raise TemplateError(f"{where}: {exc}: {text!r}") from exc
    roles = _check_slots(nodes, kinds, where)
    weight = entry.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or weight <= 0:
        raise TemplateError(f"{where}: weight should be a positive number")
    ident = str(entry.get("id", f"{file}:{index + 1}"))
    if negative:
        if triggers:
            raise TemplateError(f"{where}: a negative has no triggers")
        category = entry.get("category")
        if not isinstance(category, str):
            raise TemplateError(f"{where}: a negative needs a 'category'")
        return _with_flags(Template(ident, nodes, (), None, category, float(weight), False, file, text))
    events = _event_specs(entry, roles, codes, where)
    if triggers != len(events):
        raise TemplateError(f"{where}: {triggers} trigger(s) <...> for {len(events)} event(s)")
    background = all(e.background for e in events)
    return _with_flags(Template(ident, nodes, events, events[0].code[:2], None, float(weight), background, file,
                                text))


def _with_flags(template: Template) -> Template:
    """The template with its lead-in flags worked out once."""
    return dataclasses.replace(template, lead_in=_takes_lead_in(template),
                               date_lead_in=_past_without_date(template), tail=_takes_tail(template))


def _takes_tail(template: Template) -> bool:
    """Whether a closing comment fits: the text ends with a plain period and says nothing of who reported it."""
    last = template.nodes[-1]
    attributed = re.search(r"\b(?:said|says|reported|according|warned|told|insisted|announced)\b", template.text)
    return (isinstance(last, Lit) and last.text.endswith(".") and not last.text.endswith(("”.", '".'))
            and not attributed and not template.background
            and (template.category is None or template.category in TAIL_CATEGORIES))


def load_templates(path: Path, codes: frozenset[str], kinds: set[str]) -> list[Template]:
    """Read and validate one templates file (``templates:`` and/or ``negatives:`` lists)."""
    data = _read_yaml(path)
    if not isinstance(data, dict) or not ({"templates", "negatives"} & set(data)):
        raise TemplateError(f"{path.name}: expected a mapping with 'templates' and/or 'negatives'")
    unknown = set(data) - {"templates", "negatives"}
    if unknown:
        raise TemplateError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    out = []
    for key in ("templates", "negatives"):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise TemplateError(f"{path.name}: {key!r} should be a list")
        out += [_parse_entry(e, i, path.name, codes, kinds, key == "negatives") for i, e in enumerate(entries)]
    return out


@dataclass(frozen=True)
class Bank:
    """The fillers and every template, ready to generate from."""

    fillers: Fillers
    templates: tuple[Template, ...]

    def positives(self, root: str, background: bool) -> list[Template]:
        """The positive templates of a root, current or background."""
        return self._groups.get((root, background), [])

    def negatives(self) -> list[Template]:
        """The templates with no event."""
        return self._groups.get((None, False), [])

    @functools.cached_property
    def _groups(self) -> dict[tuple[str | None, bool], list[Template]]:
        groups: dict[tuple[str | None, bool], list[Template]] = {}
        for template in self.templates:
            groups.setdefault((template.root, template.background), []).append(template)
        return groups

    def positive_weights(self, root: str) -> list[float]:
        """Draw weights of ``positives(root, False)``."""
        return self._positive_weights[root]

    @functools.cached_property
    def _positive_weights(self) -> dict[str, list[float]]:
        return {root: [_positive_weight(t) for t in self.positives(root, False)] for root in ROOTS}

    @functools.cached_property
    def negative_weights(self) -> list[float]:
        """Draw weights of ``negatives()``: those naming countries or actors boosted."""
        actor_kinds = set(self.fillers.actor_forms) | {"igo", *_PLACE_OR_ACTOR}
        return [t.weight * (ACTOR_NEGATIVE_BOOST if _names_actor(t, actor_kinds) else 1.0)
                for t in self.negatives()]


def load_bank(data_dir: Path = DATA_DIR) -> Bank:
    """Load and validate the fillers and every template file of ``data_dir``."""
    fillers = load_fillers(data_dir / FILLERS_FILE)
    codes = load_codes()
    kinds = fillers.kinds()
    templates: list[Template] = []
    for path in sorted(data_dir.glob("*.yaml")):
        if path.name != FILLERS_FILE:
            templates += load_templates(path, codes, kinds)
    ids = [t.id for t in templates]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise TemplateError(f"duplicate template ids: {', '.join(dupes)}")
    missing = [r for r in ROOTS if not any(t.root == r and not t.background for t in templates)]
    if missing:
        raise TemplateError(f"no templates for roots {', '.join(missing)}")
    return Bank(fillers, tuple(templates))


# ------------------------------------------------------------------------------------------------ drawing


def _article(word: str) -> str:
    """'a' or 'an' for the word that follows."""
    w = word.lstrip("\"'“(")
    if not w:
        return "a"
    head = re.match(r"[A-Za-z0-9.$€£-]+", w)
    token = head.group(0) if head else w
    if token[0].isdigit():
        num = token.replace(",", "")
        return "an" if num.startswith("8") or num.split(".")[0] in ("11", "18") or \
            re.match(r"^(11|18)\d{3}$", num.split(".")[0]) else "a"
    if token[0] in "$€£":
        return "a"
    plain = token.rstrip(".")
    if len(plain) > 1 and plain.replace(".", "").isupper():
        return "an" if plain[0] in "AEFHILMNORSX" else "a"
    low = token.lower()
    if low.startswith(("uni", "use", "usu", "ut", "eu", "one", "once", "u.s", "ukr", "ugan", "urug", "uran", "ura")):
        return "a"
    if low.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"


def _possessive(text: str, number: str) -> str:
    """The possessive ending for ``text``."""
    return "'" if text.endswith("s") and (number == "pl" or text.startswith("the ")) else "'s"


class Drawer:
    """Draws fillers for one sentence with one random generator."""

    def __init__(self, fillers: Fillers, rng: random.Random) -> None:
        self.f = fillers
        self.rng = rng
        self.used: set[str] = set()

    def country(self, avoid: set[int], conflict: bool = False) -> Country:
        """A random country not in ``avoid`` (ids); for armed groups, half the time one with named groups."""
        pool = self.f.countries
        if conflict and self.rng.random() < 0.5:
            pool = tuple(c for c in pool if c.groups) or pool
        while True:
            country = self.rng.choice(pool)
            if id(country) not in avoid:
                return country

    def person(self, country: Country | None) -> str:
        """An invented surname fitting the country's name pool."""
        pool = country.pool if country else self.rng.choice(sorted(self.f.names))
        return self.rng.choice(self.f.names[pool])

    def actor(self, kind: str, country: Country | None) -> Actor:
        """An actor of ``kind`` (from ``country`` when it has one)."""
        if kind == "igo":
            text, number = self.rng.choice(self.f.igos)
            return self._finish(text, number, None)
        if kind == "country":
            assert country is not None
            return Actor(self.rng.choice(country.names), "sg", "it", country, self.rng.choice(country.adjs))
        form, number = self.rng.choice(self.f.actor_forms[kind])
        return self._finish(form, number, country)

    def _finish(self, form: str, number: str, country: Country | None) -> Actor:
        """Fill the placeholders of an actor form: {country} {adj} {capital} {name} {city}."""
        adj = self.rng.choice(country.adjs) if country else None
        values = {
            "country": self.rng.choice(country.names) if country else "",
            "adj": adj or "",
            "capital": country.capital if country else "",
            "city": self.rng.choice(country.cities) if country else "",
            "name": self.person(country),
            "seat": (self.rng.choice(country.seats) if country and country.seats
                     else f"the {adj} presidency" if adj else ""),
            "group": self.rng.choice(country.groups) if country and country.groups else "rebel fighters",
        }
        values["country_poss"] = values["country"] + _possessive(values["country"], "sg")
        values["a"] = "\x00"
        text = form.replace("{country}'s", "{country_poss}").format(**values)
        text = re.sub("\x00 (\\S+)", lambda m: _article(m.group(1)) + " " + m.group(1), text)
        pron = "he" if number == "he" else ("they" if number == "pl" else "it")
        if number == "he":
            pron = self.rng.choice(("he", "she"))
        return Actor(text, "pl" if number == "pl" else "sg", pron, country, adj)

    def filler(self, kind: str, country: Country | None) -> str:
        """A filler with no role: a date, number, place or list item, not repeating one of this sentence."""
        value = self._filler(kind, country)
        for _ in range(8):
            if value not in self.used:
                break
            value = self._filler(kind, country)
        self.used.add(value)
        return value

    def _filler(self, kind: str, country: Country | None) -> str:
        """One draw of a filler."""
        if kind == "city":
            c = country or self.rng.choice(self.f.countries)
            return self.rng.choice((c.capital, *c.cities))
        if kind == "capital":
            return (country or self.rng.choice(self.f.countries)).capital
        if kind == "country_place":
            c = country or self.rng.choice(self.f.countries)
            return c.names[0]
        if kind in self.f.actor_forms or kind in ("igo", "country"):
            return self.actor(kind, country or self.rng.choice(self.f.countries)).text
        return self.rng.choice(self.f.lists[kind])


# ---------------------------------------------------------------------------------------------- rendering


@dataclass
class _Render:
    """Pieces of a sentence being rendered: (text, role or None, marker)."""

    pieces: list[tuple[str, str | None, str]] = field(default_factory=list)


def _pron(actor: Actor, which: str) -> str:
    """The pronoun ``which`` ("it", "its", "It", "Its") of an actor."""
    forms = {
        "it": {"it": "it", "they": "they", "he": "he", "she": "she"},
        "its": {"it": "its", "they": "their", "he": "his", "she": "her"},
        "them": {"it": "it", "they": "them", "he": "him", "she": "her"},
    }
    word = forms[which.lower()][actor.pron]
    return word.capitalize() if which[0].isupper() else word


def _draw_roles(nodes: tuple, drawer: Drawer, fillers: Fillers) -> dict[str, Actor]:
    """Draw an actor for every role slot: distinct countries unless anchored with @."""
    actors: dict[str, Actor] = {}
    used: set[int] = set()
    specs = [parse_slot(s) for s in _slots(nodes)]
    for spec in specs:
        if not (spec.role and spec.kind) or spec.anchor or spec.role in actors:
            continue
        actors[spec.role] = _role_actor(spec, None, drawer, used)
    for spec in specs:
        if spec.role and spec.kind and spec.anchor and spec.role not in actors:
            anchor = actors.get(spec.anchor)
            country = anchor.country if anchor and anchor.country else drawer.country(used)
            actors[spec.role] = _role_actor(spec, country, drawer, used)
    return actors


def _role_actor(spec: SlotSpec, country: Country | None, drawer: Drawer, used: set[int]) -> Actor:
    """The actor of one role slot; places (city, country_place, region) become actors too."""
    kind = spec.kind or ""
    if country is None:
        country = drawer.country(used, conflict=kind == "rebels")
        used.add(id(country))
    if kind in PLACE_KINDS or kind in drawer.f.lists:
        return Actor(drawer.filler(kind, country), "sg", "it", country)
    return drawer.actor(kind, country)


def _render_nodes(nodes: tuple, out: _Render, actors: dict[str, Actor], drawer: Drawer) -> None:
    """Append the pieces of ``nodes`` to ``out``."""
    for node in nodes:
        if isinstance(node, Lit):
            out.pieces.append((node.text, None, ""))
        elif isinstance(node, Trig):
            out.pieces.append(("", None, "open"))
            _render_nodes(node.body, out, actors, drawer)
            out.pieces.append(("", None, "close"))
        elif isinstance(node, Alt):
            _render_nodes(drawer.rng.choice(node.options), out, actors, drawer)
        else:
            _render_slot(parse_slot(node.spec), out, actors, drawer)


def _render_slot(spec: SlotSpec, out: _Render, actors: dict[str, Actor], drawer: Drawer) -> None:
    """Append the pieces of one slot."""
    if spec.kind == "a":
        out.pieces.append(("", None, "article"))
        return
    if spec.group:
        out.pieces.append(("", spec.role, "g" + spec.group))
        return
    if spec.role is None:
        anchor = actors[spec.anchor].country if spec.anchor else None
        if spec.form == "adj" and spec.kind == "country":
            country = anchor or drawer.rng.choice(drawer.f.countries)
            out.pieces.append((drawer.rng.choice(country.adjs), None, ""))
            return
        text = drawer.filler(spec.kind or "", anchor)
        if spec.form == "poss":
            text += _possessive(text, "sg")
        out.pieces.append((text, None, ""))
        return
    actor = actors[spec.role]
    if spec.agree:
        out.pieces.append((spec.agree[0] if actor.number == "sg" else spec.agree[1], None, ""))
    elif spec.pronoun:
        out.pieces.append((_pron(actor, spec.pronoun), None, ""))
    elif spec.form == "adj":
        out.pieces.append((actor.adj or actor.text, spec.role, ""))
    elif spec.form == "poss":
        out.pieces.append((actor.text, spec.role, ""))
        out.pieces.append((_possessive(actor.text, actor.number), None, ""))
    else:
        out.pieces.append((actor.text, spec.role, ""))


def _resolve_articles(pieces: list[tuple[str, str | None, str]]) -> list[tuple[str, str | None, str]]:
    """Replace article markers by 'a'/'an' for the next word."""
    out = []
    for i, (text, role, mark) in enumerate(pieces):
        if mark == "article":
            following = "".join(p[0] for p in pieces[i + 1 :]).lstrip()
            text, mark = _article(following), ""
        out.append((text, role, mark))
    return out


_ABBREV = re.compile(r"(?:\b[A-Z]\.|\bNo\.|\bMr\.|\bMrs\.|\bDr\.|\bSt\.|\bGen\.|\bCol\.|\bLt\.|\bSgt\.)$")


def _assemble(pieces: list[tuple[str, str | None, str]]) -> tuple[str, dict[str, tuple[int, int]],
                                                                    list[tuple[int, int]]]:
    """Join pieces; return the normalized text, first span of every role and every trigger span."""
    buf: list[str] = []
    pos = 0
    roles: dict[str, tuple[int, int]] = {}
    triggers: list[tuple[int, int]] = []
    opened: int | None = None
    groups: dict[str, tuple[int, int]] = {}
    group: tuple[str, int] | None = None
    for text, role, mark in pieces:
        if mark == "open":
            opened = pos
        elif mark == "close":
            triggers.append((opened or 0, pos))
            opened = None
        elif mark == "gopen":
            group = (role or "", pos)
        elif mark == "gclose" and group:
            groups.setdefault(group[0], (group[1], pos))
            group = None
        if text:
            if role and role not in roles:
                roles[role] = (pos, pos + len(text))
            buf.append(text)
            pos += len(text)
    raw = "".join(buf)
    roles.update(groups)
    text, remap = _normalize(raw)
    roles = {r: _trim(text, remap[s], remap[e]) for r, (s, e) in roles.items()}
    triggers = [_trim(text, remap[s], remap[e]) for s, e in triggers]
    return _capitalize(text), roles, triggers


def _normalize(raw: str) -> tuple[str, list[int]]:
    """Collapse runs of spaces, drop spaces before punctuation and at the ends; map old offsets to new."""
    drop = [False] * len(raw)
    for i, ch in enumerate(raw):
        if ch != " ":
            continue
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        prev_kept = next((raw[j] for j in range(i - 1, -1, -1) if not drop[j]), "")
        if nxt in (" ", "", ",", ".", ";", ":", "?", "!", ")") or prev_kept in ("", " ", "("):
            drop[i] = True
    # "U.S.." where an abbreviation ends the sentence
    for i, ch in enumerate(raw):
        if ch == "." and next((raw[j] for j in range(i - 1, -1, -1) if not drop[j]), "") == ".":
            drop[i] = True
    # ",," or ", ." left by empty options
    for i, ch in enumerate(raw):
        if ch == "," and not drop[i]:
            nxt = next((raw[j] for j in range(i + 1, len(raw)) if not drop[j] and raw[j] != " "), "")
            if nxt in (",", ".", ""):
                drop[i] = True
                for j in range(i + 1, len(raw)):
                    if raw[j] == " ":
                        drop[j] = drop[j] or nxt == ""
                    else:
                        break
    remap = []
    out: list[str] = []
    for i, ch in enumerate(raw):
        remap.append(len(out))
        if not drop[i]:
            out.append(ch)
    remap.append(len(out))
    text = "".join(out).rstrip()
    remap = [min(r, len(text)) for r in remap]
    return text, remap


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to exclude surrounding spaces and a trailing comma."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    return start, end


def _capitalize(text: str) -> str:
    """Upper-case the first letter of the text and of each sentence in it (not after abbreviations)."""
    chars = list(text)
    for match in re.finditer(r"(?:^[\"“']?|[.!?][\"”']?\s+[\"“']?)([a-z])", text):
        start = match.start(1)
        before = text[: match.start()]
        if match.start() > 0 and _ABBREV.search(before + text[match.start()]):
            continue
        chars[start] = chars[start].upper()
    return "".join(chars)


def _dateline(drawer: Drawer) -> str:
    """A wire-style dateline: "KABUL (Reuters) — ", "Nairobi, June 3 (AFP) - "."""
    rng = drawer.rng
    country = rng.choice(drawer.f.countries)
    city = rng.choice((country.capital, *country.cities))
    agency = drawer.filler("agency", None)
    if rng.random() < 0.5:
        place = city.upper()
    else:
        place = f"{city}, {rng.choice(drawer.f.lists['month'])} {rng.choice(drawer.f.lists['day'])}"
    return f"{place} ({agency}) {rng.choice(('—', '-', '–'))} "


def _takes_lead_in(template: Template) -> bool:
    """Whether a lead-in fits: the text opens with an actor slot and ends like a sentence (not a headline)."""
    first, last = template.nodes[0], template.nodes[-1]
    if not isinstance(first, Slot) or not isinstance(last, Lit) or not last.text.endswith("."):
        return False
    spec = parse_slot(first.spec)
    return spec.kind not in (None, "a", *DATE_KINDS, *NUMBER_KINDS) and template.category not in (
        "byline", "chrome", "caption")


def _past_without_date(template: Template) -> bool:
    """A current, occurred event whose text names no date: "On Monday, " may lead it in."""
    dated = any(parse_slot(spec).kind in DATE_KINDS for spec in _slots(template.nodes))
    present = re.search(r"\b(?:is|are|am)\b|\|(?:is|are|has|have)\b", template.text)
    return bool(template.events) and not dated and not present and all(
        e.status == "occurred" and not e.background for e in template.events)


def render(template: Template, fillers: Fillers, rng: random.Random) -> Example:
    """One example from one template, now and then behind a dateline."""
    drawer = Drawer(fillers, rng)
    actors = _draw_roles(template.nodes, drawer, fillers)
    out = _Render()
    if template.lead_in and rng.random() < LEAD_IN_SHARE:
        kind = "date_lead_in" if template.date_lead_in and rng.random() < 0.5 else "lead_in"
        out.pieces.append((drawer.filler(kind, None) + " ", None, ""))
    _render_nodes(template.nodes, out, actors, drawer)
    if template.tail and rng.random() < TAIL_SHARE:
        text_, role, mark = out.pieces[-1]
        out.pieces[-1] = (text_[:-1], role, mark)
        out.pieces.append((", " + drawer.filler("tail", None) + ".", None, ""))
    text, roles, triggers = _assemble(_resolve_articles(out.pieces))
    if template.category not in ("byline", "chrome", "caption") and rng.random() < DATELINE_SHARE:
        prefix = _dateline(drawer)
        shift = len(prefix)
        text = prefix + text
        roles = {r: (s + shift, e + shift) for r, (s, e) in roles.items()}
        triggers = [(s + shift, e + shift) for s, e in triggers]
    events = tuple(
        EventSpan(
            root=spec.code[:2], code=spec.code, status=spec.status, trigger=trigger,
            source=roles.get(spec.source) if spec.source else None,
            target=roles.get(spec.target) if spec.target else None,
            background=spec.background,
        )
        for spec, trigger in zip(template.events, triggers)
    )
    return Example(text=text, events=events, template=template.id)


# --------------------------------------------------------------------------------------------- generation


def _weighted(rng: random.Random, items: list[Template]) -> Template:
    """One template, by weight."""
    return rng.choices(items, weights=[t.weight for t in items], k=1)[0]


#: Negatives that name countries or political actors are drawn this much more often than the others, so that
#: a country name is no cue for an event.
ACTOR_NEGATIVE_BOOST = 3.0
_PLACE_OR_ACTOR = ("country", "country_place", "capital", "city")


def _names_actor(template: Template, actor_kinds: set[str]) -> bool:
    """Whether a template names a country, a place or a political actor."""
    return any(parse_slot(spec).kind in actor_kinds for spec in _slots(template.nodes))


def _pick_negative(bank: Bank, rng: random.Random) -> Template:
    """A negative template, by weight."""
    return rng.choices(bank.negatives(), weights=bank.negative_weights, k=1)[0]


#: Templates with an event that did not (yet) happen are drawn this much more often, so that planned,
#: requested, hypothetical and negated events are not swamped by the occurred ones.
UNREALIS_BOOST = 1.6


def _positive_weight(template: Template) -> float:
    """The draw weight of a positive template."""
    unrealis = any(e.status != "occurred" for e in template.events)
    return template.weight * (UNREALIS_BOOST if unrealis else 1.0)


def _pick(bank: Bank, rng: random.Random, negative_share: float = NEGATIVE_SHARE) -> Template:
    """The template of the next sentence: a negative or a positive of a root drawn by weight."""
    if rng.random() < negative_share:
        return _pick_negative(bank, rng)
    if rng.random() < BACKGROUND_SHARE:
        background = [t for t in bank.templates if t.background]
        if background:
            return _weighted(rng, background)
    roots = list(ROOT_WEIGHTS)
    root = rng.choices(roots, weights=[ROOT_WEIGHTS[r] for r in roots], k=1)[0]
    items = bank.positives(root, False)
    return rng.choices(items, weights=bank.positive_weights(root), k=1)[0]


@functools.lru_cache(maxsize=1)
def default_bank() -> Bank:
    """The bank of ``train/synthetic/``, loaded once per process."""
    return load_bank(DATA_DIR)


def generate(n: int, seed: int, bank: Bank | None = None,
             negative_share: float = NEGATIVE_SHARE) -> list[Example]:
    """``n`` distinct labelled sentences, the same for the same seed; about ``negative_share`` have no event."""
    if not 0.0 <= negative_share <= 1.0:
        raise ValueError(f"negative_share should be between 0 and 1, not {negative_share}")
    bank = bank or default_bank()
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[Example] = []
    attempts = 0
    while len(out) < n:
        attempts += 1
        if attempts > 50 * n + 1000:
            raise RuntimeError(f"could only make {len(out)} distinct sentences of {n}")
        example = render(_pick(bank, rng, negative_share), bank.fillers, rng)
        if example.text in seen:
            continue
        seen.add(example.text)
        out.append(example)
    return out


def summary(examples: list[Example]) -> str:
    """Counts of a generated set: sentences, negative share, events per root and per status."""
    events = [e for ex in examples for e in ex.events]
    negatives = sum(1 for ex in examples if not ex.events)
    roots = {r: sum(1 for e in events if e.root == r) for r in ROOTS}
    statuses = {s: sum(1 for e in events if e.status == s) for s in STATUSES}
    return "\n".join([
        f"sentences {len(examples)}, without events {negatives} ({negatives / max(len(examples), 1):.1%}), "
        f"events {len(events)}, background {sum(e.background for e in events)}",
        "roots    " + " ".join(f"{r}:{n}" for r, n in roots.items()),
        "statuses " + " ".join(f"{s}:{n}" for s, n in statuses.items()),
    ])


def describe(bank: Bank) -> str:
    """Template counts: events per root and status (background apart), negatives per category."""
    columns = (*STATUSES, "background")
    counts = {root: dict.fromkeys(columns, 0) for root in ROOTS}
    for template in bank.templates:
        for event in template.events:
            counts[event.code[:2]]["background" if event.background else event.status] += 1
    lines = ["root " + " ".join(f"{c:>12}" for c in columns) + "    templates"]
    for root in ROOTS:
        n = sum(1 for t in bank.templates if t.root == root)
        lines.append(f"{root}   " + " ".join(f"{counts[root][c]:>12}" for c in columns) + f"    {n:>9}")
    negatives = bank.negatives()
    categories: dict[str, int] = {}
    for template in negatives:
        categories[template.category or ""] = categories.get(template.category or "", 0) + 1
    lines.append(f"positive templates {sum(1 for t in bank.templates if t.root)}, "
                 f"with two events {sum(1 for t in bank.templates if len(t.events) > 1)}, "
                 f"negative templates {len(negatives)}: "
                 + ", ".join(f"{k} {v}" for k, v in sorted(categories.items(), key=lambda kv: -kv[1])))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """CLI: write ``--n`` examples for ``--seed`` as JSON lines to ``-o`` (stdout by default)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--with-template", action="store_true", help="add each line's template id")
    parser.add_argument("--negative-share", type=float, default=NEGATIVE_SHARE,
                        help=f"share of sentences with no event (default {NEGATIVE_SHARE})")
    parser.add_argument("--stats", action="store_true", help="print counts per root and status to stderr")
    parser.add_argument("--describe", action="store_true",
                        help="validate the data files, print template counts and exit")
    args = parser.parse_args(argv)
    try:
        if args.describe:
            print(describe(default_bank()))
            return 0
        examples = generate(args.n, args.seed, negative_share=args.negative_share)
    except TemplateError as exc:  # a bad data file: one line naming it, no traceback
        print(f"synthetic.py: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    if args.stats:
        sys.stderr.write(summary(examples) + "\n")
    lines = []
    for example in examples:
        record = example.as_dict()
        if args.with_template:
            record["template"] = example.template
        lines.append(json.dumps(record, ensure_ascii=False))
    body = "\n".join(lines) + "\n"
    if args.output:
        args.output.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
