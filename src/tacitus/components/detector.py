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
from spacy.util import minibatch

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
        return self._score([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Score the sentences of `batch_size` Docs at a time in one call of the model (a sentence's scores do not
        depend on the others'; one call per Doc spends as much time in the layers' overhead as in their maths).
        A batch that fails is scored again Doc by Doc, each failure going to the error handler."""
        for batch in minibatch(docs, size=batch_size):
            try:
                scored = self._score(batch)
            except Exception:  # noqa: BLE001 - find the Doc that fails, as the base class does
                yield from super().pipe(batch, batch_size)
                continue
            yield from scored

    def _score(self, docs: list[Doc]) -> list[Doc]:
        sentences = [[s for s in sentences_of(doc) if len(s) > 0] for doc in docs]
        flat = [s for of_doc in sentences for s in of_doc]
        predicted = iter(self.detector.score_sentences(flat) if flat else [])
        for doc, of_doc in zip(docs, sentences, strict=True):
            doc._.tacitus_detections = [
                SentenceScores(s.start, s.end, tuple(sorted(scores.items(), key=lambda item: (-item[1], item[0]))))
                for s, scores in zip(of_doc, predicted)]
        return docs

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
