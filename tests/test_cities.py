"""The cities of GeoNames behind the gazetteer (tacitus.cities) and their rules file, data/places/cities.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.cities import City, Cities, city_key, load_city_rules
from tacitus.errors import DataFileError
from tacitus.knowledge import load_knowledge

RULES = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data" / "places" / "cities.yaml"


@pytest.fixture(scope="module")
def cities() -> Cities:
    return load_knowledge().cities()


# -- the rules file -----------------------------------------------------------------------------------------------
def test_cities_rules_file_loads() -> None:
    rules = load_city_rules(RULES)
    assert rules.min_population == 15000 and rules.untagged_min_population >= rules.min_population


@pytest.mark.parametrize("name", ["Of", "Mobile", "Reading", "Nice", "Bath", "Victoria", "Jackson", "Florence",
                                  "Male"])
def test_cities_rules_common_words_include_the_known_collisions(name: str) -> None:
    assert load_city_rules(RULES).is_common_word(name)


@pytest.mark.parametrize("name", ["Nantes", "Kharkiv", "El Geneina", "Maiduguri"])
def test_cities_rules_real_city_names_are_not_common_words(name: str) -> None:
    assert not load_city_rules(RULES).is_common_word(name)


@pytest.mark.parametrize(
    ("text", "message"),
    [("min_population: 15000\nuntagged_min_population: 1\nmin_alias_length: 4\n", "keys"),
     ("min_population: 100\nuntagged_min_population: 1\nmin_alias_length: 4\ncommon_words: []\n", "at least"),
     ("min_population: x\nuntagged_min_population: 1\nmin_alias_length: 4\ncommon_words: []\n", "whole number"),
     ("min_population: 15000\nuntagged_min_population: 1\nmin_alias_length: 4\ncommon_words: [Bath, bath]\n",
      "more than once"),
     ("min_population: 15000\nuntagged_min_population: 1\nmin_alias_length: 4\ncommon_words: Bath\n", "list"),
     ("min_population: [\n", "not valid YAML")],
)
def test_cities_rules_validation(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cities.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_city_rules(path)


def test_cities_rules_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        load_city_rules(tmp_path / "cities.yaml")


# -- the table ------------------------------------------------------------------------------------------------------
def test_cities_key_folds_accents_case_and_hyphens() -> None:
    assert city_key("Khān Yūnis") == city_key("khan-yunis") == "khan yunis"


def test_cities_table_is_loaded_once_and_is_large(cities: Cities) -> None:
    assert load_knowledge().cities() is cities
    assert len(cities) > 30000


@pytest.mark.parametrize(
    ("name", "country"),
    [("Nantes", "FRA"), ("El Geneina", "SDN"), ("Geneina", "SDN"), ("Kharkiv", "UKR"), ("Kharkov", "UKR"),
     ("Khan Younis", "PSE"), ("El Fasher", "SDN"), ("Maiduguri", "NGA"), ("Pokrovsk", "UKR"), ("Mosul", "IRQ")],
)
def test_cities_names_and_alternate_names_find_the_city(cities: Cities, name: str, country: str) -> None:
    city = cities.find(name)[0]
    assert city.country == country and -90 <= city.lat <= 90 and -180 <= city.lon <= 180


def test_cities_most_populous_first_unless_a_country_is_preferred(cities: Cities) -> None:
    assert cities.find("Reading")[0].country == "GBR"
    assert cities.best("Reading", prefer=["USA"]).country == "USA"
    assert cities.best("Reading", prefer=["JPN"]).country == "GBR"


def test_cities_codes_and_other_scripts_are_not_names(cities: Cities) -> None:
    assert cities.find("ALV") == () and cities.find("Москва") == ()


def test_cities_best_of_an_unknown_name_is_none(cities: Cities) -> None:
    assert cities.best("Atlantis-under-the-Sea") is None


def test_cities_city_is_frozen() -> None:
    city = City("Nantes", "FRA", 47.2, -1.55, 325070)
    with pytest.raises(AttributeError):
        city.name = "Lyon"  # type: ignore[misc]


def test_cities_of_city_objects_finds_them_most_populous_first() -> None:
    lyon, small = City("Lyon", "FRA", 45.75, 4.85, 500000), City("Lyon", "USA", 31.0, -90.0, 20000)
    table = Cities({"lyon": (lyon, small)})
    assert table.find("LYON") == (lyon, small) and table.best("Lyon", ["USA"]) == small and len(table) == 2


def test_cities_table_is_not_walked_by_the_garbage_collector(cities: Cities) -> None:
    import gc

    gc.collect()
    found = cities._by_key[city_key("Nantes")]
    assert not gc.is_tracked(found) and not gc.is_tracked(found[0])
