"""Descriptions that stand for a state (tacitus.regions) and their file, data/actors/regions.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.knowledge import load_knowledge
from tacitus.regions import Descriptions, description_key, load_descriptions


@pytest.fixture(scope="module")
def descriptions() -> Descriptions:
    return load_knowledge().descriptions


@pytest.mark.parametrize(
    ("words", "noun", "state", "fits"),
    [(["central", "African"], "country", "CAF", True), (["central", "African"], "country", "KEN", False),
     (["Horn", "of", "Africa"], "nation", "ETH", True), (["Gulf"], "state", "QAT", True),
     ([], "kingdom", "SAU", True), ([], "kingdom", "FRA", False), ([], "island nation", "LKA", True),
     (["South", "American"], "country", "VEN", True), (["South", "American"], "country", "MEX", False),
     (["war-torn", "Balkan"], "country", "BIH", True), (["oil-rich", "Gulf"], "emirate", "QAT", True),
     (["Himalayan"], "kingdom", "BTN", True), (["Himalayan"], "kingdom", "NPL", False)],
)
def test_regions_descriptions_fit_their_states(descriptions: Descriptions, words: list[str], noun: str, state: str,
                                               fits: bool) -> None:
    found = descriptions.fitting(words, noun)
    assert (found is None or state in found) is fits


def test_regions_a_bare_country_fits_any_state(descriptions: Descriptions) -> None:
    assert descriptions.fitting([], "country") is None and descriptions.fitting(["impoverished"], "nation") is None


@pytest.mark.parametrize("word", ["host", "neighbouring", "other", "third"])
def test_regions_an_unknown_word_fits_no_state(descriptions: Descriptions, word: str) -> None:
    assert descriptions.fitting([word], "country") == frozenset()


def test_regions_the_noun_ends_the_phrase(descriptions: Descriptions) -> None:
    assert descriptions.noun(["the", "island", "nation"]) == ("island nation", 2)
    assert descriptions.noun(["Gulf", "state"]) == ("state", 1) and descriptions.noun(["Gulf", "coast"]) is None


def test_regions_key_reads_hyphens_as_spaces() -> None:
    assert description_key("Oil-Rich  Gulf") == "oil rich gulf"


@pytest.mark.parametrize(
    ("text", "message"),
    [("nouns: {country: any}\n", "sections"),
     ("nouns: {country: any}\ndescriptors: {gulf: [QQQ]}\n", "unknown country code"),
     ("nouns: {country: any}\ndescriptors: {gulf: [qat]}\n", "bad country code"),
     ("nouns: {country: any}\ndescriptors: {gulf: []}\n", "list of ISO3"),
     ("nouns: {country: any}\ndescriptors: {any: [gulf], gulf: [QAT]}\n", "twice"),
     ("nouns: {country: any}\ndescriptors: {oil-rich: [QAT], oil rich: [QAT]}\n", "twice"),
     ("nouns: [\n", "not valid YAML")],
)
def test_regions_validation(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "regions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_descriptions(path, {"QAT", "JPN"})


def test_regions_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        load_descriptions(tmp_path / "regions.yaml", {"QAT"})
