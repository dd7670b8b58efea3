"""Actor and place knowledge: countries, organisations, armed groups, state bodies, office holders, titles, places.

The knowledge lives in `data/actors/*.tsv`, `data/actors/titles.yaml` and `data/places/gazetteer.tsv` (their
header comments document the columns); this module reads and validates them and answers lookups.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .cities import Cities, CityRules, load_cities, load_city_rules
from .errors import DataFileError
from .regions import Descriptions, load_descriptions

DATA_DIR = Path(__file__).resolve().parent / "data"

SECTORS = frozenset(
    "GOV MIL COP OPP REB CVL BUS MED JUD LEG ELI IGO NGO REF LAB EDU HLH REL SPY IMG UAF CRM AGR ENV".split()
)
OFFICES = (
    "head_of_state", "head_of_government", "foreign_minister", "minister", "legislator", "judge", "military",
    "police", "diplomat", "official", "opposition", "business", "media", "religious", "other",
)
#: The offices of the office-holders table, most senior first.
HOLDER_OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister")
ORGANISATION_KINDS = ("IGO", "NGO")
PLACE_KINDS = ("capital", "city", "province", "territory", "region", "sea")

_ISO3 = re.compile(r"[A-Z]{3}")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class Country:
    """A state or commonly coded entity (Taiwan, Palestine, Kosovo, Hong Kong)."""

    iso3: str
    cameo: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    lat: float
    lon: float

    def actor_code(self, sector: str | None = None) -> str:
        """The CAMEO-style code of the country's actors of a sector: ("GOV") → "JPNGOV"; None → "JPN"."""
        return f"{self.cameo}{sector or ''}"


@dataclass(frozen=True, slots=True)
class Organisation:
    """An international (IGO) or non-governmental (NGO) organisation; `members` are ISO3 codes."""

    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """A named armed or political group (or a state force news names on its own: SDF, IDF)."""

    code: str
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str


@dataclass(frozen=True, slots=True)
class Agency:
    """A state body news names by its own name: a ministry, force, service, legislature or seat ("the Pentagon")."""

    code: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str


@dataclass(frozen=True, slots=True)
class OfficeHolder:
    """One term of a person in a head-of-state, head-of-government, foreign, defence or interior minister office."""

    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    sector: str
    start: date
    end: date | None

    def in_office(self, on: date) -> bool:
        """Whether the term covers the day `on` (both the first and the last day count)."""
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Title:
    """A person's title phrase (lowercase, as in titles.yaml) with the sector and office it implies."""

    phrase: str
    sector: str
    office: str


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry; `country` is None for regions and seas shared by several countries."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    lat: float
    lon: float


# -- normalising names -------------------------------------------------------------------------------------------
def _fold_accents(text: str) -> str:
    if text.isascii():  # most names: no accents to take off (NFKD leaves ASCII as it is)
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    """The lookup form of a name: no accents, periods, possessive, surrounding quotes or leading "the"."""
    text = _fold_accents(unicodedata.normalize("NFKC", text).translate(_QUOTES)).replace(".", "")
    text = " ".join(text.split()).strip(" \"',;:")
    text = re.sub(r"'s$", "", text).rstrip("'")
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)


def _case_sensitive(key: str) -> bool:
    """Short acronyms (US, UK, WHO, DPRK, LeT) match only in their own case, so "us" is never the US."""
    return sum(c.isupper() for c in key) >= 2 and len(key.replace(" ", "")) <= 5


def _title_key(text: str) -> str:
    text = _fold_accents(text.translate(_QUOTES)).lower().replace(".", "").replace("-", " ")
    return " ".join(text.split())


class _Names:
    """Names and aliases → entries; one name may not name two different entries (unless `shared`)."""

    def __init__(self, path: Path, shared: bool = False) -> None:
        self._path = path
        self._shared = shared
        self._table: dict[str, list[tuple[str, Any, str]]] = {}

    def add(self, text: str, key: str, value: Any, how: str, line: int) -> None:
        norm = _normalise(text)
        if not norm:
            return
        entries = self._table.setdefault(norm if _case_sensitive(norm) else norm.casefold(), [])
        if any(k == key for k, _, _ in entries):
            return
        if entries and not self._shared:
            raise DataFileError(str(self._path), line,
                                f"{text!r} names both {entries[0][0]} and {key}; keep it on one line only")
        entries.append((key, value, how))

    def find(self, text: str) -> list[tuple[str, Any, str]]:
        norm = _normalise(text)
        if not norm:
            return []
        return self._table.get(norm) or self._table.get(norm.casefold()) or []

    def first(self, text: str) -> tuple[Any, str] | None:
        found = self.find(text)
        return (found[0][1], found[0][2]) if found else None


# -- reading files -----------------------------------------------------------------------------------------------
def _read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data line of a TSV file with exactly `columns` as its header."""
    if not path.is_file():
        raise DataFileError(str(path), None, "file not found; every knowledge file must be present")
    header_seen = False
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if not header_seen:
                if tuple(cells) != columns:
                    raise DataFileError(str(path), number, f"header must be {' TAB '.join(columns)}")
                header_seen = True
                continue
            if len(cells) != len(columns):
                raise DataFileError(str(path), number, f"{len(cells)} tab-separated columns, expected "
                                    f"{len(columns)} ({', '.join(columns)}); keep empty cells as empty tabs")
            yield number, dict(zip(columns, cells))
    if not header_seen:
        raise DataFileError(str(path), None, "no header line")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _required(path: Path, line: int, row: dict[str, str], column: str) -> str:
    if not row[column]:
        raise DataFileError(str(path), line, f"column {column!r} is empty")
    return row[column]


def _iso3(path: Path, line: int, code: str, known: dict[str, Country] | None = None) -> str:
    if not _ISO3.fullmatch(code):
        raise DataFileError(str(path), line, f"bad country code {code!r}: expected 3 uppercase letters (ISO3)")
    if known is not None and code not in known:
        raise DataFileError(str(path), line, f"unknown country code {code!r}: add it to countries.tsv first")
    return code


def _coordinate(path: Path, line: int, value: str, limit: float, axis: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise DataFileError(str(path), line, f"{axis} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise DataFileError(str(path), line, f"{axis} {number} outside -{limit:g}..{limit:g}")
    return number


def _sector(path: Path, line: int, code: str) -> str:
    if code not in SECTORS:
        raise DataFileError(str(path), line, f"unknown sector {code!r}; use one of {' '.join(sorted(SECTORS))}")
    return code


def _date(path: Path, line: int, value: str, column: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(str(path), line, f"{column} {value!r} is not a YYYY-MM-DD date") from None


# -- the knowledge base ------------------------------------------------------------------------------------------
class Knowledge:
    """Countries, organisations, groups, office holders, titles and places, read from a data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.countries: tuple[Country, ...] = ()
        self.organisations: tuple[Organisation, ...] = ()
        self.groups: tuple[Group, ...] = ()
        self.agencies: tuple[Agency, ...] = ()
        self.holders: tuple[OfficeHolder, ...] = ()
        self.titles: dict[str, Title] = {}
        self.former_words: frozenset[str] = frozenset()
        self.group_sectors: dict[str, str] = {}
        self.places: tuple[Place, ...] = ()
        self._load_countries(self.data_dir / "actors" / "countries.tsv")
        self._load_organisations(self.data_dir / "actors" / "igos.tsv")
        self._load_groups(self.data_dir / "actors" / "groups.tsv")
        self._load_agencies(self.data_dir / "actors" / "agencies.tsv")
        self._load_titles(self.data_dir / "actors" / "titles.yaml")
        self._load_holders(self.data_dir / "actors" / "office_holders.tsv")
        self.descriptions: Descriptions = load_descriptions(self.data_dir / "actors" / "regions.yaml", self._by_code)
        self._load_places(self.data_dir / "places" / "gazetteer.tsv")
        self.city_rules: CityRules = load_city_rules(self.data_dir / "places" / "cities.yaml")

    # -- loading --------------------------------------------------------------------------------------------------
    def _load_countries(self, path: Path) -> None:
        columns = ("iso3", "cameo", "name", "aliases", "demonyms", "capitals", "seats", "lat", "lon")
        self._by_code: dict[str, Country] = {}
        self._country_names = _Names(path)
        for line, row in _read_tsv(path, columns):
            iso3 = _iso3(path, line, row["iso3"])
            if iso3 in self._by_code:
                raise DataFileError(str(path), line, f"duplicate country {iso3}")
            country = Country(
                iso3, _iso3(path, line, row["cameo"]), _required(path, line, row, "name"), _split(row["aliases"]),
                _split(row["demonyms"]), _split(row["capitals"]), _split(row["seats"]),
                _coordinate(path, line, row["lat"], 90, "lat"), _coordinate(path, line, row["lon"], 180, "lon"),
            )
            self._by_code[iso3] = country
            named = [(country.name, "name")] + [(a, "alias") for a in country.aliases]
            named += [(d, "demonym") for d in country.demonyms] + [(c, "capital") for c in country.capitals]
            named += [(s, "seat") for s in country.seats]
            for text, how in named:
                self._country_names.add(text, iso3, country, how, line)
        self.countries = tuple(self._by_code.values())

    def _load_organisations(self, path: Path) -> None:
        self._organisation_names = _Names(path)
        organisations: dict[str, Organisation] = {}
        for line, row in _read_tsv(path, ("code", "name", "aliases", "kind", "members")):
            code = _required(path, line, row, "code")
            if code in organisations:
                raise DataFileError(str(path), line, f"duplicate organisation code {code}")
            if row["kind"] not in ORGANISATION_KINDS:
                raise DataFileError(str(path), line, f"kind {row['kind']!r} must be IGO or NGO")
            members = tuple(_iso3(path, line, m, self._by_code) for m in _split(row["members"]))
            org = Organisation(code, _required(path, line, row, "name"), _split(row["aliases"]), row["kind"], members)
            organisations[code] = org
            for text in (org.name, *org.aliases):
                self._organisation_names.add(text, code, org, "name", line)
        self.organisations = tuple(organisations.values())

    def _load_groups(self, path: Path) -> None:
        self._group_names = _Names(path)
        groups = []
        for line, row in _read_tsv(path, ("code", "name", "aliases", "country", "sector")):
            country = _iso3(path, line, row["country"], self._by_code) if row["country"] else None
            group = Group(_required(path, line, row, "code"), _required(path, line, row, "name"),
                          _split(row["aliases"]), country, _sector(path, line, row["sector"]))
            if self._group_names.find(group.name):
                raise DataFileError(str(path), line, f"duplicate group {group.name!r}")
            for text in (group.name, *group.aliases):
                self._group_names.add(text, group.name, group, "name", line)
            groups.append(group)
        self.groups = tuple(groups)

    def _load_agencies(self, path: Path) -> None:
        self._agency_names = _Names(path)
        agencies = []
        for line, row in _read_tsv(path, ("code", "name", "aliases", "country", "sector")):
            country = self._by_code[_iso3(path, line, _required(path, line, row, "country"), self._by_code)]
            agency = Agency(_required(path, line, row, "code"), _required(path, line, row, "name"),
                            _split(row["aliases"]), country.iso3, _sector(path, line, row["sector"]))
            if agency.code != country.actor_code(agency.sector):
                raise DataFileError(str(path), line, f"code {agency.code} must be the country's code and the "
                                    f"sector: {country.actor_code(agency.sector)}")
            if self._agency_names.find(agency.name):
                raise DataFileError(str(path), line, f"duplicate agency {agency.name!r}")
            for text in (agency.name, *agency.aliases):
                taken = (self._country_names.first(text) or self._organisation_names.first(text)
                         or self._group_names.first(text))
                if taken is not None:
                    raise DataFileError(str(path), line, f"{text!r} already names {getattr(taken[0], 'name', '')}"
                                        " in another actors file; keep it in one file only")
                self._agency_names.add(text, agency.name, agency, "name", line)
            agencies.append(agency)
        self.agencies = tuple(agencies)

    def _load_titles(self, path: Path) -> None:
        if not path.is_file():
            raise DataFileError(str(path), None, "file not found; every knowledge file must be present")
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise DataFileError(str(path), mark.line + 1 if mark else None, f"not valid YAML: {error}") from None
        sections = dict(_mapping(path, root, "the file"))
        for name in sections:
            if name not in ("titles", "groups", "former"):
                raise DataFileError(str(path), None, f"unknown section {name!r}; expected titles, groups and former")
        former = sections.get("former")
        if former is not None and not isinstance(former, yaml.SequenceNode):
            raise DataFileError(str(path), former.start_mark.line + 1, "former: expected a list of words")
        self.former_words = frozenset(_scalar(path, node).lower() for node in (former.value if former else ()))
        for phrase, node in _mapping(path, sections.get("titles"), "titles"):
            entry = dict(_mapping(path, node, phrase))
            line = node.start_mark.line + 1
            if set(entry) != {"sector", "office"}:
                raise DataFileError(str(path), line, f"title {phrase!r} needs exactly sector and office")
            office = _scalar(path, entry["office"])
            if office not in OFFICES:
                raise DataFileError(str(path), line, f"office {office!r} of {phrase!r} not in {', '.join(OFFICES)}")
            key = _title_key(phrase)
            if key in self.titles:
                raise DataFileError(str(path), line, f"duplicate title {phrase!r}")
            self.titles[key] = Title(key, _sector(path, line, _scalar(path, entry["sector"])), office)
        for noun, node in _mapping(path, sections.get("groups"), "groups"):
            key = " ".join(noun.lower().split())
            if key in self.group_sectors:
                raise DataFileError(str(path), node.start_mark.line + 1, f"duplicate group noun {noun!r}")
            self.group_sectors[key] = _sector(path, node.start_mark.line + 1, _scalar(path, node))

    def _load_holders(self, path: Path) -> None:
        columns = ("name", "aliases", "country", "office", "sector", "start", "end")
        self._holder_names = _Names(path, shared=True)
        seen: set[tuple[str, str, str, date]] = set()
        holders = []
        for line, row in _read_tsv(path, columns):
            if row["office"] not in HOLDER_OFFICES:
                raise DataFileError(str(path), line, f"office {row['office']!r} not in {', '.join(HOLDER_OFFICES)}")
            start = _date(path, line, _required(path, line, row, "start"), "start")
            end = _date(path, line, row["end"], "end") if row["end"] else None
            if end is not None and end < start:
                raise DataFileError(str(path), line, f"end {end} before start {start}")
            holder = OfficeHolder(_required(path, line, row, "name"), _split(row["aliases"]),
                                  _iso3(path, line, row["country"], self._by_code), row["office"],
                                  _sector(path, line, row["sector"]), start, end)
            term = (holder.name, holder.country, holder.office, start)
            if term in seen:
                raise DataFileError(str(path), line, f"duplicate term of {holder.name} ({holder.office}, {start})")
            seen.add(term)
            for text in (holder.name, *holder.aliases):
                self._holder_names.add(text, f"{holder.name}/{holder.office}/{start}", holder, "name", line)
            holders.append(holder)
        self.holders = tuple(holders)

    def _load_places(self, path: Path) -> None:
        self._place_names = _Names(path)
        places: dict[str, Place] = {}
        for line, row in _read_tsv(path, ("name", "aliases", "country", "kind", "lat", "lon")):
            name = _required(path, line, row, "name")
            if _normalise(name).casefold() in places:
                raise DataFileError(str(path), line, f"duplicate place {name!r}")
            if row["kind"] not in PLACE_KINDS:
                raise DataFileError(str(path), line, f"kind {row['kind']!r} not in {', '.join(PLACE_KINDS)}")
            country = _iso3(path, line, row["country"], self._by_code) if row["country"] else None
            place = Place(name, _split(row["aliases"]), country, row["kind"],
                          _coordinate(path, line, row["lat"], 90, "lat"),
                          _coordinate(path, line, row["lon"], 180, "lon"))
            places[_normalise(name).casefold()] = place
            for text in (place.name, *place.aliases):
                self._place_names.add(text, place.name, place, "name", line)
        self.places = tuple(places.values())

    # -- lookups --------------------------------------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        """The country a name, alias, demonym, capital or seat of government refers to ("the Kremlin" → RUS)."""
        found = self._country_names.first(text)
        return found[0] if found else None

    def country_by_code(self, iso3: str) -> Country | None:
        """The country with this ISO3 code."""
        return self._by_code.get(iso3)

    def how_named(self, text: str) -> str | None:
        """How `text` names its country: "name", "alias", "demonym", "capital" or "seat"; None if it does not."""
        found = self._country_names.first(text)
        return found[1] if found else None

    def organisation(self, text: str) -> Organisation | None:
        """The IGO or NGO a name or abbreviation refers to ("G7", "Group of Seven", "U.N.")."""
        found = self._organisation_names.first(text)
        return found[0] if found else None

    def group(self, text: str) -> Group | None:
        """The armed or political group a name refers to ("Hamas", "ISIL", "Houthis")."""
        found = self._group_names.first(text)
        return found[0] if found else None

    def agency(self, text: str) -> Agency | None:
        """The state body a name refers to ("the State Department", "USTR", "the Tatmadaw", "the Knesset")."""
        found = self._agency_names.first(text)
        return found[0] if found else None

    def office_holders(self, name: str, on: date | None) -> list[OfficeHolder]:
        """Terms of office of the persons `name` may refer to, the most senior office first.

        Args:
            name: a full name, an alias or surname, possibly with a title ("Prime Minister Abe").
            on: keep only terms covering this day; None keeps every term.
        """
        _, _, bare = self.split_title(name)
        terms = [holder for _, holder, _ in self._holder_names.find(bare or name)]
        if on is not None:
            terms = [holder for holder in terms if holder.in_office(on)]
        return sorted(terms, key=lambda h: (HOLDER_OFFICES.index(h.office), -h.start.toordinal()))

    def person_known(self, name: str) -> bool:
        """Whether any office holder, at any time, has this name or alias."""
        return bool(self.office_holders(name, None))

    def title(self, text: str) -> Title | None:
        """The longest title phrase that ends `text` ("Ukrainian President" → president)."""
        words = _title_key(text).split()
        for start in range(len(words)):
            title = self.titles.get(" ".join(words[start:]))
            if title is not None:
                return title
        return None

    def split_title(self, text: str) -> tuple[str | None, Title | None, str]:
        """Split a mention into (qualifier, title, name).

        The title is the earliest, then longest, title phrase in the text: "Ukrainian President Petro Poroshenko"
        → ("Ukrainian", president, "Petro Poroshenko"); "President of Armenia" → ("Armenia", president, "");
        a text without a title → (None, None, text). A word of titles.yaml `former` before it makes any title an
        elite's: "former vice president Machar" → (None, former vice president (ELI), "Machar").
        """
        tokens = text.split()
        for start in range(len(tokens)):
            for end in range(len(tokens), start, -1):
                title = self.titles.get(_title_key(" ".join(tokens[start:end])))
                if title is None:
                    continue
                if start and tokens[start - 1].lower().rstrip("-") in self.former_words \
                        and title.phrase.split()[0] not in self.former_words:
                    # "former vice president Riek Machar": whoever held an office is an elite now
                    title, start = Title(f"{tokens[start - 1].lower()} {title.phrase}", "ELI", "other"), start - 1
                qualifier = " ".join(tokens[:start]) or None
                name = " ".join(tokens[end:])
                if qualifier is None and name.lower().startswith("of "):
                    qualifier, name = name[3:].strip() or None, ""
                return qualifier, title, name
        return None, None, text.strip()

    def group_sector(self, lemma: str) -> str | None:
        """The sector a common noun for a collective actor implies ("troops" → MIL, "protesters" → CVL)."""
        key = " ".join(lemma.lower().split())
        return self.group_sectors.get(key) or (self.group_sectors.get(key[:-1]) if key.endswith("s") else None)

    def place(self, text: str) -> Place | None:
        """The gazetteer place a name or alias refers to ("Kiev", "Crimea", "South China Sea")."""
        found = self._place_names.first(text)
        return found[0] if found else None

    def cities(self) -> Cities:
        """The GeoNames cities behind the gazetteer (read on the first call, then shared by the process)."""
        return load_cities(self.city_rules.min_population, self.city_rules.min_alias_length,
                           frozenset(self._by_code))

    def ruler_patterns(self) -> list[dict[str, str]]:
        """Exact-case phrase patterns for spaCy's EntityRuler, each with an `id` naming what it resolves to.

        Countries (names, aliases) are GPE "country:ISO3", seats of government ORG "country:ISO3", demonyms
        NORP "country:ISO3", organisations ORG "igo:CODE"/"ngo:CODE", groups ORG "group:NAME", state bodies
        ORG "agency:NAME", capitals and
        cities GPE "place:NAME" (also in capitals, for datelines), other places LOC "place:NAME". A text
        belongs to the first of these that claims it.
        """
        patterns: list[dict[str, str]] = []
        seen: set[str] = set()

        def add(label: str, texts: tuple[str, ...], ident: str, upper: bool = False) -> None:
            for text in texts:
                variants = [text, text.replace("'", "\u2019"), _fold_accents(text)]
                if upper and len(text) >= 4:
                    variants.append(text.upper())
                for variant in variants:
                    if variant not in seen:
                        seen.add(variant)
                        patterns.append({"label": label, "pattern": variant, "id": ident})

        for c in self.countries:
            add("GPE", (c.name, *c.aliases), f"country:{c.iso3}")
        for c in self.countries:
            add("ORG", c.seats, f"country:{c.iso3}")
        for c in self.countries:
            add("NORP", c.demonyms, f"country:{c.iso3}")
        for org in self.organisations:
            add("ORG", (org.name, *org.aliases), f"{org.kind.lower()}:{org.code}")
        for group in self.groups:
            add("ORG", (group.name, *group.aliases), f"group:{group.name}")
        for agency in self.agencies:
            add("ORG", (agency.name, *agency.aliases), f"agency:{agency.name}")
        for place in self.places:
            town = place.kind in ("capital", "city")
            add("GPE" if town else "LOC", (place.name, *place.aliases), f"place:{place.name}", upper=town)
        return patterns


def _mapping(path: Path, node: Any, what: str) -> Iterator[tuple[str, Any]]:
    """(key, value node) pairs of a YAML mapping node, refusing duplicate keys."""
    if not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1 if node is not None else None
        raise DataFileError(str(path), line, f"{what} must be a mapping")
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = _scalar(path, key_node)
        if key in seen:
            raise DataFileError(str(path), key_node.start_mark.line + 1, f"duplicate key {key!r} in {what}")
        seen.add(key)
        yield key, value_node


def _scalar(path: Path, node: Any) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise DataFileError(str(path), node.start_mark.line + 1, "expected a plain non-empty value")
    return str(node.value).strip()


@functools.lru_cache(maxsize=1)
def _packaged_knowledge() -> Knowledge:
    return Knowledge(DATA_DIR)


def load_knowledge(data_dir: str | Path | None = None) -> Knowledge:
    """Read and validate the knowledge files; the packaged ones (the default) are read once and cached.

    Args:
        data_dir: a directory laid out like the package's `data/` (actors/*.tsv, actors/titles.yaml,
            places/gazetteer.tsv); None for the packaged files.

    Raises:
        DataFileError: a file is missing or malformed; the message names the file and line.
    """
    if data_dir is None:
        return _packaged_knowledge()
    return Knowledge(Path(data_dir))
