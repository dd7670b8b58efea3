"""The trained event detector: which CAMEO roots a sentence reports, as a spaCy `textcat_multilabel`.

The detector is a small spaCy pipeline of its own (a blank English tokenizer and one `textcat_multilabel`: a
bag of words and bigrams beside a CNN over hashed word features), trained by `make train` (`train/detector.py`)
on the train split of the real-news corpus and on team-written sentences. Its files live under the package
(`models/detector/`): the spaCy pipeline (`textcat/`) and `detector.json`, which holds the thresholds and the
calibration chosen on the dev split and what the model was trained from.

It reads a sentence as the main pipeline parsed it (`sentence_words`: lemmas, with the entities as their
types), so it runs inside that pipeline: `tacitus.components.detector` scores each sentence of a Doc, and the
event component fuses what it finds with the rules (`tacitus.components.fusion`):

    >>> from tacitus.pipeline import load_pipeline
    >>> doc = load_pipeline()("Japan pledged $27 million in emergency humanitarian aid to Turkey.")
    >>> doc._.tacitus_detections[0].scores[0][0]   # the root scored highest
    '07'

"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from .errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent / "models" / "detector"
META_FILE = "detector.json"
PIPELINE_DIR = "textcat"
ROOTS = tuple(f"{number:02d}" for number in range(1, 21))
#: The spaCy label of each root ("ROOT04").
LABELS = tuple(f"ROOT{root}" for root in ROOTS)


#: Entity types whose words the detector reads as the type ("Japan pledged aid to Turkey" → "GPE pledge aid to
#: GPE"): what a sentence reports does not depend on which state or person acts, and the model learns from a few
#: thousand sentences.
PLACEHOLDER_ENTITIES = frozenset({"GPE", "NORP", "PERSON", "ORG", "LOC", "FAC"})


def sentence_words(tokens: Iterable[Any]) -> list[str]:
    """The words the detector reads for a sentence of the main pipeline (a Span or a list of its Tokens).

    Lower-cased lemmas; an entity of `PLACEHOLDER_ENTITIES` becomes one word, its type; a number "NUM".
    Training (train/detector.py) and the component both read sentences through this function.
    """
    words: list[str] = []
    for token in tokens:
        if token.is_space:
            continue
        entity = token.ent_type_
        if entity in PLACEHOLDER_ENTITIES:
            if token.ent_iob_ == "I" and words and words[-1] == entity:
                continue
            words.append(entity)
        elif token.like_num:
            if words[-1:] != ["NUM"]:
                words.append("NUM")
        else:
            words.append((token.lemma_ or token.text).lower())
    return words or ["."]


def label_of(root: str) -> str:
    """The textcat label of a CAMEO root ("04" → "ROOT04")."""
    return f"ROOT{root}"


@dataclass(frozen=True, slots=True)
class Calibration:
    """A monotone map from a score to the share of events with that score that were right (isotonic, on dev).

    Attributes:
        edges: the upper score of each bin, ascending (the last is 1.0); none: the identity.
        values: the calibrated probability of each bin, non-decreasing.
    """

    edges: tuple[float, ...] = ()
    values: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if len(self.edges) != len(self.values):
            raise ModelError("detector calibration: edges and values must be two lists of one length")
        if list(self.edges) != sorted(self.edges) or list(self.values) != sorted(self.values):
            raise ModelError("detector calibration: edges and values must both be ascending")
        if any(not 0.0 <= x <= 1.0 for x in (*self.edges, *self.values)):
            raise ModelError("detector calibration: edges and values lie in [0, 1]")

    def __call__(self, score: float) -> float:
        if not self.values:
            return score
        # The bins were fitted to events' confidences as they are written, to three decimals: a score of
        # 0.73143 is the 0.731 of its event, inside the bin that ends at 0.731, not in the next one.
        position = min(bisect_left(self.edges, round(score, 3)), len(self.values) - 1)
        return self.values[position]

    def as_dict(self) -> dict[str, list[float]]:
        return {"edges": list(self.edges), "values": list(self.values)}


@dataclass(frozen=True, slots=True)
class Settings:
    """What the fusion of detector and rules reads from `detector.json`.

    Attributes:
        threshold: a root scored at least this adds an event where the rules found none of that root.
        root_thresholds: a threshold of its own for some roots (chosen on dev).
        main_verb_threshold: the score a root needs when no word of the sentence is one the lexicon knows for
            it, and the sentence's main verb must be the trigger.
        veto: a rule event whose sentence scores below this for every root is dropped as no event.
        root_veto: a verb-pattern rule event whose sentence scores below this for the event's own root, and at
            least `threshold` for another, is dropped.
        calibration: model score → calibrated confidence of a detector event.
        rule_calibration: the rules' confidence → calibrated confidence of a rule event.
    """

    threshold: float = 0.5
    root_thresholds: Mapping[str, float] = field(default_factory=dict)
    main_verb_threshold: float = 0.5
    veto: float = 0.0
    root_veto: float = 0.0
    calibration: Calibration = Calibration()
    rule_calibration: Calibration = Calibration()

    def threshold_for(self, root: str) -> float:
        return self.root_thresholds.get(root, self.threshold)


def _calibration(raw: Any, where: str) -> Calibration:
    if raw is None:
        return Calibration()
    if not isinstance(raw, Mapping) or not isinstance(raw.get("edges"), list) or not isinstance(raw.get("values"), list):
        raise ModelError(f"{where}: a calibration is {{'edges': [...], 'values': [...]}}")
    return Calibration(tuple(float(x) for x in raw["edges"]), tuple(float(x) for x in raw["values"]))


def read_settings(raw: Mapping[str, Any], where: str = META_FILE) -> Settings:
    """The fusion settings of a parsed `detector.json`.

    Raises:
        ModelError: a value is missing or out of range.
    """
    try:
        threshold = float(raw.get("threshold", 0.5))
        main_verb = float(raw.get("main_verb_threshold", threshold))
        veto = float(raw.get("veto", 0.0))
        root_veto = float(raw.get("root_veto", 0.0))
        roots = {str(k): float(v) for k, v in (raw.get("root_thresholds") or {}).items()}
    except (TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{where}: thresholds must be numbers ({exc})") from exc
    for name, value in [("threshold", threshold), ("main_verb_threshold", main_verb), ("veto", veto),
                        ("root_veto", root_veto), *roots.items()]:
        if not 0.0 <= value <= 1.0:
            raise ModelError(f"{where}: {name} must lie in [0, 1], got {value}")
    unknown = set(roots) - set(ROOTS)
    if unknown:
        raise ModelError(f"{where}: root_thresholds names unknown roots {sorted(unknown)}")
    return Settings(threshold, roots, main_verb, veto, root_veto, _calibration(raw.get("calibration"), where),
                    _calibration(raw.get("rule_calibration"), where))


class Detector:
    """The loaded detector: its spaCy pipeline, its settings and what it was trained from."""

    def __init__(self, nlp: Any, settings: Settings, meta: Mapping[str, Any], path: Path) -> None:
        self.nlp = nlp
        self.settings = settings
        self.meta = dict(meta)
        self.path = path
        self.name = str(meta.get("name", "tacitus-detector"))
        self.version = str(meta.get("version", "0"))

    def predict_docs(self, docs: Sequence[Any], batch_size: int = 256) -> list[dict[str, float]]:
        """The root scores of each tokenised sentence (Docs of the detector's vocabulary)."""
        textcat = self.nlp.get_pipe("textcat_multilabel")
        out = []
        for doc in textcat.pipe(docs, batch_size=batch_size):
            out.append({label[4:]: float(score) for label, score in doc.cats.items()})
        return out

    def make_doc(self, words: Sequence[str]) -> Doc:
        """A Doc of the detector's vocabulary of the given words (`sentence_words` of a sentence)."""
        return Doc(self.nlp.vocab, words=list(words))

    def score_sentences(self, sentences: Sequence[Any]) -> list[dict[str, float]]:
        """The root scores of sentences of the main pipeline (Spans with lemmas and entities)."""
        return self.predict_docs([self.make_doc(sentence_words(s)) for s in sentences])

    def to_disk(self, path: str | Path) -> None:
        """Write the detector's files (the spaCy pipeline and detector.json) to `path`."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.nlp.to_disk(path / PIPELINE_DIR)
        (path / META_FILE).write_text(json.dumps(self.meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def read_detector(path: str | Path) -> Detector:
    """Load a detector from a directory written by `Detector.to_disk` (or `make train`).

    Raises:
        ModelError: the directory lacks the model files, or they are malformed.
    """
    import spacy

    path = Path(path)
    meta_path = path / META_FILE
    if not meta_path.is_file() or not (path / PIPELINE_DIR).is_dir():
        raise ModelError(f"{path}: no trained detector here (expected {META_FILE} and {PIPELINE_DIR}/; "
                         "run `make train`)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{meta_path}: not readable JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise ModelError(f"{meta_path}: expected a JSON object")
    settings = read_settings(meta, str(meta_path))
    try:
        nlp = spacy.load(path / PIPELINE_DIR)
    except Exception as exc:  # noqa: BLE001 - spaCy raises several kinds for a damaged pipeline
        raise ModelError(f"{path / PIPELINE_DIR}: the detector's spaCy pipeline does not load ({exc})") from exc
    if "textcat_multilabel" not in nlp.pipe_names:
        raise ModelError(f"{path / PIPELINE_DIR}: the pipeline has no textcat_multilabel component")
    missing = set(LABELS) - set(nlp.get_pipe("textcat_multilabel").labels)
    if missing:
        raise ModelError(f"{path / PIPELINE_DIR}: the detector lacks the labels {sorted(missing)}")
    return Detector(nlp, settings, meta, path)


@lru_cache(maxsize=4)
def load_detector(path: str | None = None) -> Detector:
    """The detector shipped with the package (or the one at `path`), loaded once per process."""
    return read_detector(MODEL_DIR if path is None else Path(path))
