"""The assembled pipeline: every component declares the extension it writes, and spaCy's analysis finds no gap."""

import shutil
from collections import Counter

import pytest
from spacy.language import Language

from tacitus.knowledge_files import DATA_DIR
from tacitus.registrations import COMPONENT_EXTENSIONS, COMPONENTS, DETECTOR, PARAGRAPHS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from tacitus.pipeline import load_pipeline

    return load_pipeline()


def test_pipeline_analysis_reports_no_problem(nlp):
    analysis = nlp.analyze_pipes()
    assert {name: problems for name, problems in analysis["problems"].items() if problems} == {}
    assert [n for n in nlp.pipe_names if n.startswith("tacitus_") and n != "tacitus_gazetteer"] == [
        PARAGRAPHS, *COMPONENTS[:2], DETECTOR, *COMPONENTS[2:]]
    assert nlp.pipe_names.index(PARAGRAPHS) < nlp.pipe_names.index("parser")


@pytest.mark.parametrize("name", [PARAGRAPHS, *COMPONENTS, DETECTOR])
def test_pipeline_component_assigns_its_own_extensions(name):
    assigns = {attr.removeprefix("doc._.") for attr in Language.get_factory_meta(name).assigns
               if attr.startswith("doc._.")}
    assert assigns == {ext for ext, owner in COMPONENT_EXTENSIONS.items() if owner == name}


def test_pipeline_each_extension_has_one_writer():
    writers = Counter(attr for name in [PARAGRAPHS, *COMPONENTS, DETECTOR] for attr in Language.get_factory_meta(name).assigns)
    assert {attr for attr, count in writers.items() if count > 1} == set()


def test_pipeline_components_write_what_they_declare(nlp):
    doc = nlp.make_doc("Putin will visit Japan before the end of the year.")
    for name in COMPONENT_EXTENSIONS:
        assert getattr(doc._, name) is None
    doc = nlp(doc)
    for name in COMPONENT_EXTENSIONS:
        assert getattr(doc._, name) is not None, name


def test_pipeline_runs_a_users_copy_of_the_knowledge(tmp_path):
    from tacitus.pipeline import load_pipeline

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    verbs = data / "lexicon" / "verbs.yaml"
    verbs.write_text(verbs.read_text(encoding="utf-8").replace('  - lemma: visit\n    code: "042"',
                                                               '  - lemma: visit\n    code: "043"'))
    doc = load_pipeline(data_dir=str(data))("Putin visited Japan.")
    assert [(d.code, d.source.code, d.target.code) for d in doc._.tacitus_dyads] == [("043", "RUSGOV", "JPN")]
