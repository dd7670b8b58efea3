"""The grammar file (data/lexicon/grammar.yaml) and its loader: every section checked, bad values named by line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.grammar import load_grammar

PACKAGED = (resources.files("tacitus") / "data" / "lexicon" / "grammar.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "grammar.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_grammar_packaged_file_loads_once():
    grammar = load_grammar()
    assert grammar is load_grammar()
    assert {"ask", "urge"} <= grammar.object_control_verbs
    assert "million" in grammar.quantity_words and "$" in grammar.quantity_words
    assert grammar.clause_target_roots == frozenset({"02", "10", "11", "12", "13"})
    assert grammar.unnamed_source_roots == frozenset({"18", "19", "20"})
    assert {"bomb", "air strike"} <= grammar.weapon_nouns and "earthquake" not in grammar.weapon_nouns
    assert {"members", "leaders", "supporters"} <= grammar.member_nouns
    assert grammar.unnamed_authority.codes == frozenset({"173", "174"}) and grammar.unnamed_authority.sector == "COP"


def test_grammar_code_rules():
    grammar = load_grammar()
    assert (grammar.state_protest.codes, grammar.state_protest.code) == (frozenset({"140", "141"}), "114")
    assert grammar.state_protest.sectors == frozenset({"GOV", None})
    assert (grammar.military_strike.codes, grammar.military_strike.code) == (frozenset({"143"}), "190")
    assert grammar.military_strike.sectors == frozenset({"MIL", None})
    assert grammar.protest_target.excluded_sectors == frozenset({"GOV", "MIL", None})
    assert (grammar.protest_force.roots, grammar.protest_force.code) == (frozenset({"18", "19"}), "175")
    assert "protesters" in grammar.protest_force.words and grammar.protest_force.sectors == frozenset({"COP", "MIL"})


def test_grammar_a_copy_of_the_file_loads_the_same(tmp_path):
    assert load_grammar(_write(tmp_path, PACKAGED)) == load_grammar()


@pytest.mark.parametrize("old, new, message", [
    ('frame_prepositions: [for, of, "on",', "frame_prepositions: [for, of, on,", r":\d+: frame_prepositions: .*quote"),
    ('clause_target_roots: ["02",', 'clause_target_roots: ["2",', r":\d+: clause_target_roots: '2' is not a valid value"),
    ('  code: "114"', '  code: "11x"', r"state_protest.code: '11x' is not a valid value"),
    ("relative_pronouns: [which,", "relative_pronouns: [Which,", r"must be lower case"),
    ("domestic_sectors: [CVL,", "domestic_sectors: [cvl,", r"domestic_sectors: 'cvl' is not a valid value"),
    ("place_nouns: [city,", "place_noun: [city,", r"unknown section 'place_noun'"),
    ('visit_codes: ["042", "043", "044"]', "visit_codes: []", r"visit_codes: expected a non-empty list"),
    ('unnamed_source_roots: ["18",', 'unnamed_source_roots: ["1",', r"unnamed_source_roots: '1' is not a valid value"),
    ("weapon_nouns: [bomb,", "weapon_nouns: [Bomb,", r"weapon_nouns: 'Bomb' must be lower case"),
    ("  sector: COP", "  sector: police", r"unnamed_authority.sector: 'police' is not a valid value"),
    ("member_nouns: [member,", "member_nouns: [Member,", r"member_nouns: 'Member' must be lower case"),
])
def test_grammar_a_bad_value_names_the_file_and_line(tmp_path, old, new, message):
    assert old in PACKAGED
    path = _write(tmp_path, PACKAGED.replace(old, new, 1))
    with pytest.raises(DataFileError, match=message) as raised:
        load_grammar(path)
    assert str(path) in str(raised.value)


def test_grammar_a_bad_line_number_is_the_line_of_the_value(tmp_path):
    text = PACKAGED.replace('frame_prepositions: [for, of, "on",', "frame_prepositions: [for, of, on,")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("frame_prepositions:"))
    with pytest.raises(DataFileError) as raised:
        load_grammar(_write(tmp_path, text))
    assert raised.value.line == line


def test_grammar_missing_section(tmp_path):
    text = "\n".join(row for row in PACKAGED.splitlines() if not row.startswith("talk_prepositions:"))
    with pytest.raises(DataFileError, match="missing sections: talk_prepositions"):
        load_grammar(_write(tmp_path, text))


def test_grammar_rule_with_unknown_keys(tmp_path):
    text = PACKAGED.replace('  root: "14"', '  root: "14"\n  roots: ["14"]')
    with pytest.raises(DataFileError, match="protest_target: expected exactly the keys root, excluded_sectors"):
        load_grammar(_write(tmp_path, text))


def test_grammar_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="cannot read the grammar file"):
        load_grammar(tmp_path / "nope.yaml")
