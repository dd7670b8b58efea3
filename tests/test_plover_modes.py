"""The PLOVER modes and contexts file (data/ontology/plover_modes.yaml): it loads, is validated, and gives the
longest prefix's mode and context."""

from __future__ import annotations

import pytest

from tacitus.errors import DataFileError
from tacitus.plover_modes import PloverDetail, load_plover_modes

GOOD = """modes: [visit, heavy-weapons]
contexts: [military]
codes:
  "042": {mode: visit}
  "19": {context: [military]}
  "195": {mode: heavy-weapons}
"""


def test_the_packaged_file_loads_and_reads_by_longest_prefix():
    modes = load_plover_modes()
    assert modes.of("042") == PloverDetail("visit", ())
    assert modes.of("1952") == PloverDetail("heavy-weapons", ("military",))  # 195's, the longest prefix
    assert modes.of("173") == PloverDetail("arrest", ("legal",))
    assert modes.of("010") == PloverDetail()


def test_a_mode_belongs_to_the_codes_own_type():
    modes = load_plover_modes()
    assert modes.of("195", "ASSAULT").mode == "heavy-weapons"
    assert modes.of("195", "THREATEN") == PloverDetail(None, ("military",))


def test_a_file_of_its_own_reads_the_same_way(tmp_path):
    path = tmp_path / "modes.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_plover_modes(path).of("1951") == PloverDetail("heavy-weapons", ("military",))


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace('"042"', "42"), "not a CAMEO code"),
    (GOOD.replace('"042"', '"049"'), "not a CAMEO code"),
    (GOOD.replace("{mode: visit}", "{mode: walk}"), "not one of the modes"),
    (GOOD.replace("[military]}", "[sports]}"), "context must be a list"),
    (GOOD.replace("{mode: visit}", "{how: visit}"), "expected mode and/or context"),
    (GOOD.replace("contexts: [military]\n", ""), "sections"),
    ("codes: [\n", "not valid YAML"),
])
def test_a_bad_file_is_refused_naming_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "modes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_plover_modes(path)
