"""The detector component: the trained detector's root scores for each sentence of a Doc.

It writes `doc._.tacitus_detections`, one `SentenceScores` per sentence; the event component reads them to add
the events its patterns miss and to drop rule events of sentences the detector is sure report none
(`tacitus.components.fusion`). Its state is the trained model: `to_disk` writes it beside the pipeline and
`from_disk` reads it back, so a pipeline saved with `nlp.to_disk` carries its detector.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ..detector import Detector, load_detector, read_detector
from .base import Component
from .mentions import sentences_of

MODEL_SUBDIR = "detector"


@dataclass(frozen=True, slots=True)
class SentenceScores:
    """The detector's scores for one sentence.

    Attributes:
        start, end: the sentence's token span [start, end).
        scores: (root, score) for every CAMEO root, highest first.
    """

    start: int
    end: int
    scores: tuple[tuple[str, float], ...]

    def score(self, root: str) -> float:
        return next((p for r, p in self.scores if r == root), 0.0)

    @property
    def top(self) -> float:
        """The highest score of any root (how sure the detector is that the sentence reports an event)."""
        return self.scores[0][1] if self.scores else 0.0


class DetectorComponent(Component):
    """Write `doc._.tacitus_detections`: the trained detector's root scores, sentence by sentence."""

    def __init__(self, name: str, data_dir: str | None = None, model_dir: str | None = None) -> None:
        self.model_dir = model_dir
        super().__init__(name, data_dir)

    def configure(self, files) -> None:
        self.detector: Detector = load_detector(self.model_dir)

    def __call__(self, doc: Doc) -> Doc:
        sentences = [s for s in sentences_of(doc) if len(s) > 0]
        predicted = self.detector.score_sentences(sentences) if sentences else []
        doc._.tacitus_detections = [
            SentenceScores(s.start, s.end, tuple(sorted(scores.items(), key=lambda item: (-item[1], item[0]))))
            for s, scores in zip(sentences, predicted, strict=True)]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the knowledge files and the detector's model to `path`."""
        super().to_disk(path, exclude=exclude)
        target = Path(path) / MODEL_SUBDIR
        if target.exists():
            shutil.rmtree(target)
        self.detector.to_disk(target)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DetectorComponent:
        """Rebuild the component from what `to_disk` wrote to `path`."""
        super().from_disk(path, exclude=exclude)
        self.model_dir = str(Path(path) / MODEL_SUBDIR)
        self.detector = read_detector(self.model_dir)
        return self
