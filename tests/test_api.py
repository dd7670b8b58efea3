"""The public surface of the package."""

import tacitus


def test_api_all_is_complete_and_importable():
    public = {name for name in dir(tacitus) if not name.startswith("_")} | set(tacitus._LAZY)
    modules = {"errors", "model", "coder", "registrations", "pipeline", "knowledge", "cities", "regions", "ontology", "lexicon", "voices", "when",
               "clean", "sources", "modality", "outlets", "formats", "components", "cli", "scoring", "context",
               "store", "annotations", "web", "pagemeta", "published", "headline", "grammar", "knowledge_files",
               "version", "evaluation", "detector", "sections", "plover_modes"}
    assert set(tacitus.__all__) >= public - modules
    for name in tacitus.__all__:
        assert getattr(tacitus, name) is not None


def test_api_model_is_frozen_with_as_dict():
    import dataclasses

    actor = tacitus.Actor("Japan", "Japan", "JPN", None, "JPN")
    assert actor.as_dict()["code"] == "JPN"
    try:
        actor.code = "RUS"
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("Actor must be frozen")
