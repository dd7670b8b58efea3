"""What every Tacitus component shares: the knowledge of a data directory, to_disk/from_disk, an error handler."""

import shutil

import pytest
from hand_docs import WILL_NOT_VISIT, country, make_doc, mention

from tacitus.components.events import EventCoder
from tacitus.components.roles import RoleResolver
from tacitus.knowledge_files import DATA_DIR, knowledge_version
from tacitus.model import Actor


def _visit_doc():
    doc = make_doc(WILL_NOT_VISIT)
    doc._.tacitus_coref = [mention(doc, 0, Actor("Putin", "Vladimir Putin", "RUS", "GOV", "RUSGOV"), kind="person"),
                           mention(doc, 4, country("JPN"))]
    return doc


def _user_copy(tmp_path):
    """A copy of the packaged knowledge in which "visit" is a host's visit (043), not a visit made (042)."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    verbs = data / "lexicon" / "verbs.yaml"
    text = verbs.read_text(encoding="utf-8")
    assert '  - lemma: visit\n    code: "042"' in text
    verbs.write_text(text.replace('  - lemma: visit\n    code: "042"', '  - lemma: visit\n    code: "043"'))
    return data


def test_component_reads_the_knowledge_of_a_data_dir(tmp_path):
    events = EventCoder("tacitus_events", str(_user_copy(tmp_path)))
    assert [c.code for c in events(_visit_doc())._.tacitus_candidates] == ["043"]
    assert [c.code for c in EventCoder("tacitus_events")(_visit_doc())._.tacitus_candidates] == ["042"]


def test_component_to_disk_writes_its_knowledge_and_from_disk_reads_it_back(tmp_path):
    EventCoder("tacitus_events", str(_user_copy(tmp_path))).to_disk(tmp_path / "saved")
    assert knowledge_version(tmp_path / "saved" / "data") == knowledge_version(tmp_path / "data")
    restored = EventCoder("tacitus_events").from_disk(tmp_path / "saved")
    assert [c.code for c in restored(_visit_doc())._.tacitus_candidates] == ["043"]


def test_component_failure_goes_to_its_error_handler():
    seen = []
    roles = RoleResolver("tacitus_roles")
    assert roles.get_error_handler().__name__ == "raise_error"
    roles.set_error_handler(lambda name, component, docs, exc: seen.append((name, len(docs), type(exc).__name__)))
    doc = make_doc(WILL_NOT_VISIT)  # no candidates: the earlier components did not run
    assert list(roles.pipe([doc])) == []
    assert seen == [("tacitus_roles", 1, "TypeError")]


def test_component_raises_by_default():
    with pytest.raises(TypeError):
        list(RoleResolver("tacitus_roles").pipe([make_doc(WILL_NOT_VISIT)]))
