from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.modality import load_modality


def test_modality_packaged_file_loads():
    modality = load_modality()
    assert modality.status_of_word("intend", "verbs") == "planned"
    assert modality.status_of_word("possibility", "nouns") == "hypothetical"
    assert modality.status_of_word("refuse", "verbs") == "negated"
    assert modality.status_of_word("urge", "verbs") == "requested"
    assert modality.status_of_modal("will") == "planned"
    assert modality.status_of_modal("may") == "hypothetical"
    assert "say" in modality.reporting
    assert "14" in modality.targetless_roots
    assert modality.victim_target_codes == {"018"}
    assert modality.perpetrator_target_codes == {"111"}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "modality.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
planned: {verbs: [plan]}
requested: {verbs: [ask]}
hypothetical: {verbs: [consider]}
negated: {verbs: [refuse]}
"""


def test_modality_minimal_file_loads(tmp_path):
    assert load_modality(_write(tmp_path, GOOD)).status_of_word("plan", "verbs") == "planned"


@pytest.mark.parametrize("text, message", [
    (GOOD + "surprise: {verbs: [x]}\n", "unknown sections"),
    (GOOD.replace("planned: {verbs: [plan]}", "planned: {adverbs: [x]}"), "unknown kinds"),
    (GOOD.replace("[refuse]", "refuse"), "expected a list"),
    (GOOD.replace("planned: {verbs: [plan]}\n", ""), "missing section"),
    (GOOD + "targetless_roots: [14]\n", "two-digit"),
    (GOOD + "victim_target_codes: [18]\n", "victim_target_codes"),
    (GOOD + "perpetrator_target_codes: [111]\n", "perpetrator_target_codes"),
    (GOOD + "plover_planned: {5: THREATEN}\n", "plover_planned"),
    (GOOD + "plover_planned: {4: threaten}\n", "plover_planned"),
    ("planned: [\n", r"."),
])
def test_modality_bad_file_is_rejected(tmp_path, text, message):
    with pytest.raises(DataFileError, match=message):
        load_modality(_write(tmp_path, text))


def test_modality_sections_land_in_their_fields():
    modality = load_modality()
    assert modality.threat_code("163") == "1312" and modality.threat_code("190") == "1384"
    assert modality.threat_code("042") == "130"
    assert "hold" in modality.carrier_verbs and "discuss" not in modality.carrier_verbs
    assert "launch" in modality.support_verbs
    assert modality.is_reciprocal("040") and not modality.is_reciprocal("163")
    assert modality.plover_frame("offered") == "AGREE" and modality.plover_frame("refused") == "REJECT"
    assert modality.plover_of_planned(4) == "THREATEN" and modality.plover_of_planned(2) == "AGREE"
    assert modality.plover_of_planned(1) is None  # a planned visit stays CONSULT


@pytest.mark.parametrize(("text", "plover"), [
    ("NATO said on Wednesday it would tighten the naval blockade of Serbia.", "THREATEN"),
    ("Japan will provide $5 million in aid to Haiti.", "AGREE"),
    ("Putin will visit Japan in December.", "CONSULT"),
    ("NATO tightened the naval blockade of Serbia on Wednesday.", "COERCE"),  # done: the act's own type
])
def test_an_announced_act_is_coded_in_plover_as_the_announcement(text, plover):
    import tacitus

    [event] = tacitus.code_text(text, published="2015-05-16").events
    assert event.plover == plover
