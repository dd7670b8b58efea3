"""Floors that only rise and sha256 pins."""

from __future__ import annotations

import pytest

from tacitus.errors import CorpusError
from tacitus.evaluation import gates


def test_gates_below_floors():
    assert gates.below_floors({"a": 0.5, "b": 0.5}, {"a": 0.49, "b": 0.5}) == ["a 0.490 < floor 0.5"]


def test_gates_floor_for_an_unmeasured_figure_fails():
    assert gates.below_floors({"gone": 0.1}, {}) == ["gone: a floor for a figure that is not measured"]


def test_gates_raised_rounds_down_and_never_lowers():
    assert gates.raised({"a": 0.6, "b": 0.2}, {"a": 0.5, "b": 0.4567, "c": 0.29}) == {"a": 0.6, "b": 0.45, "c": 0.29}


def test_gates_lowered_and_removed_floors_are_reported():
    assert gates.lowered({"a": 0.4}, {"a": 0.5, "b": 0.1}) == ["a: floor 0.4 is lower than 0.5",
                                                              "b: the floor 0.1 was removed"]


@pytest.mark.parametrize("text", ["[0.5]", '{"a": 1.5}', '{"a": "0.5"}', '{"a": true}', "not json"])
def test_gates_bad_floors_file(text):
    with pytest.raises(CorpusError):
        gates.parse_floors(text, "floors.json")


def test_gates_pins(tmp_path):
    path = tmp_path / "sha256.json"
    gates.write_pins(path, {"gold.jsonl": "abc"})
    assert gates.read_pins(path) == {"gold.jsonl": "abc"}
    assert gates.pin_problems({"gold.jsonl": "abc"}, {"gold.jsonl": "abd"}) == [
        "gold.jsonl: sha256 abd is not the pinned abc"]
    assert gates.read_pins(tmp_path / "none.json") == {}


def test_gates_sha256_file(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    assert gates.sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
