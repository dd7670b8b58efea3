"""Article-level figures: record precision/recall/F1, field by field, per root, errors by cause, reliability.

`evaluate(gold, predictions)` scores predictions (from the coder, or a second annotation) against the gold
articles; matching and causes are defined in `matching`. Field figures:

- **detection**: one-to-one pairs of the same root and dyad (`matching.detects`), status and date ignored;
  background records are set aside as in the record-level match.
- **actors**: on pairs of the same root from a sentence that reports the gold event (`matching.finds`),
  whoever the coder says did it: source country, target country (none = none); a sector counts only
  where that actor's country is right. A mutual event is read in the direction that agrees best.
- **status**, **date**, **place**: on the detection pairs. The date counts where the gold gives a date
  window and is right when the predicted window lies within (or equals) it (`records.date_within`). The
  place counts where the gold gives one: its country, and its name (the same after case and space
  folding, or one contained in the other as whole words: "Kherson" for "Kherson region").
- **publication date** and **headline**, per article: over the articles whose gold gives one, right, none
  found, or wrong; over the others, none found (right) or something given (wrong). Headlines are compared
  after Unicode, case, quote, dash and space folding and without surrounding punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..scoring import Counts
from .corpus import GoldArticle
from .matching import CAUSES, Error, detects, finds, match_article, pair_greedily
from .records import EventRecord, Party, Prediction, date_within, is_mutual

ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
#: Upper edges of the confidence bins of the reliability table (the first bin starts at 0).
CONFIDENCE_EDGES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})


@dataclass(frozen=True, slots=True)
class Tally:
    """How many of `total` cases were right."""

    right: int = 0
    total: int = 0

    @property
    def share(self) -> float:
        """right / total (1.0 when there is nothing to count)."""
        return self.right / self.total if self.total else 1.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.right + other.right, self.total + other.total)


@dataclass(frozen=True, slots=True)
class Metadata:
    """One metadata field over articles: where the gold gives a value, right/none/wrong; elsewhere none/wrong."""

    right: int = 0
    missing: int = 0
    wrong: int = 0
    absent_none: int = 0
    absent_wrong: int = 0

    @property
    def given(self) -> int:
        """Articles whose gold gives a value."""
        return self.right + self.missing + self.wrong

    @property
    def share(self) -> float:
        """Share right over the articles whose gold gives a value (1.0 when none does)."""
        return self.right / self.given if self.given else 1.0

    def __add__(self, other: Metadata) -> Metadata:
        return Metadata(self.right + other.right, self.missing + other.missing, self.wrong + other.wrong,
                        self.absent_none + other.absent_none, self.absent_wrong + other.absent_wrong)


@dataclass(frozen=True, slots=True)
class MetadataError:
    """A publication date or headline not found, or found wrong, for one article."""

    article: str
    field: str
    gold: str | None
    predicted: str | None


@dataclass(frozen=True, slots=True)
class RootRow:
    """One line of the per-root table: gold records, predictions and matches of a root."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def counts(self) -> Counts:
        return Counts(self.matched, self.predicted - self.matched, self.gold - self.matched)

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall


@dataclass(frozen=True, slots=True)
class Bin:
    """A confidence bin of the reliability table: predictions in (low, high] and how many matched."""

    low: float
    high: float
    predictions: int
    correct: int

    @property
    def share(self) -> float:
        return self.correct / self.predictions if self.predictions else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every figure of one run.

    Attributes:
        articles: articles scored.
        records: record-level true positives, false positives (false events) and false negatives (misses).
        detection: the same on root and dyad only.
        set_aside: predictions matched to background records (neither right nor wrong).
        fields: per field ("status", "date", "place country", "source country" …) how many were right.
        published: the publication dates found.
        headline: the headlines found.
        roots: the per-root table, "01" … "20".
        errors: every miss and false event with its cause, in article order.
        reliability: the confidence bins (empty when the predictions carry no confidence).
        not_coded: ids of articles the coder rejected or failed on.
        metadata_errors: every publication date and headline not right, in article order.
        scored: (rule, confidence, matched) of every prediction with a confidence that was not set aside:
            what the reliability table bins, and what a calibration is fitted to.
    """

    articles: int
    records: Counts
    detection: Counts
    set_aside: int
    fields: dict[str, Tally]
    published: Metadata
    headline: Metadata
    roots: dict[str, RootRow]
    errors: tuple[Error, ...]
    reliability: tuple[Bin, ...] = ()
    not_coded: tuple[str, ...] = field(default_factory=tuple)
    metadata_errors: tuple[MetadataError, ...] = field(default_factory=tuple)
    scored: tuple[tuple[str, float, bool], ...] = field(default_factory=tuple)

    def causes(self) -> dict[str, tuple[int, int]]:
        """(misses, false events) per cause, every cause listed."""
        misses = Counter(e.cause for e in self.errors if e.missed)
        false = Counter(e.cause for e in self.errors if not e.missed)
        return {cause: (misses[cause], false[cause]) for cause in CAUSES}

    def figures(self) -> dict[str, float]:
        """The figures the gate's floors apply to."""
        return {
            "record_precision": self.records.precision,
            "record_recall": self.records.recall,
            "record_f1": self.records.f1,
            "detection_recall": self.detection.recall,
            "published_right": self.published.share,
            "headline_right": self.headline.share,
        }


def normalise_headline(text: str) -> str:
    """A headline as compared: NFKC, case-folded, straight quotes, plain dashes, single spaces, no surrounding
    punctuation."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(folded.split()).strip(" .,;:!?-'\"")


def _same_place_name(gold: str, predicted: str) -> bool:
    g, p = (" ".join(name.casefold().split()) for name in (gold, predicted))
    if not g or not p:
        return False
    shorter, longer = sorted((g, p), key=len)
    return re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def _metadata(gold: str | None, predicted: str | None, same: Callable[[str, str], bool]) -> Metadata:
    if gold is None:
        return Metadata(absent_none=int(predicted is None), absent_wrong=int(predicted is not None))
    if predicted is None:
        return Metadata(missing=1)
    return Metadata(right=1) if same(gold, predicted) else Metadata(wrong=1)


def _same_headline(gold: str, predicted: str) -> bool:
    return normalise_headline(gold) == normalise_headline(predicted)


def _article_metadata(article: GoldArticle, prediction: Prediction) -> tuple[Metadata, Metadata, list[MetadataError]]:
    """The publication date's and the headline's outcome for one article, and the ones not right."""
    published = _metadata(article.published, prediction.published, str.__eq__)
    headline = _metadata(article.headline, prediction.headline, _same_headline)
    wrong = [MetadataError(article.id, name, gold, found)
             for name, outcome, gold, found in (
                 ("publication date", published, article.published, prediction.published),
                 ("headline", headline, article.headline, prediction.headline))
             if not (outcome.right or outcome.absent_none)]
    return published, headline, wrong


def _oriented(gold: EventRecord, predicted: EventRecord) -> tuple[Party, Party | None]:
    """The predicted (source, target), swapped when the event is mutual and the swap agrees better."""
    straight = (predicted.source, predicted.target)
    if predicted.target is None or not is_mutual(gold, predicted):
        return straight
    swapped = (predicted.target, predicted.source)

    def agree(parties: tuple[Party, Party | None]) -> int:
        return (parties[0].key == gold.source.key) + ((parties[1] and parties[1].key) == gold.target_key)

    return swapped if agree(swapped) > agree(straight) else straight


def _actor_fields(pairs: Sequence[tuple[EventRecord, EventRecord]]) -> dict[str, Tally]:
    tallies = {name: Tally() for name in ("source country", "target country", "source sector", "target sector")}
    for gold, predicted in pairs:
        p_source, p_target = _oriented(gold, predicted)
        for role, g, p in (("source", gold.source, p_source), ("target", gold.target, p_target)):
            country_right = (g and g.key) == (p and p.key)
            tallies[f"{role} country"] += Tally(int(country_right), 1)
            if country_right and g is not None:
                tallies[f"{role} sector"] += Tally(int(g.sector == p.sector), 1)
    return tallies


def _detection(news: list[EventRecord], history: list[EventRecord],
               predicted: Sequence[EventRecord]) -> tuple[list[tuple[EventRecord, EventRecord]], int]:
    pairs = [(news[i], predicted[j]) for i, j in pair_greedily(news, predicted, detects)]
    used = {id(p) for _, p in pairs}
    left = [p for p in predicted if id(p) not in used]
    return pairs, len(pair_greedily(history, left, detects))


def _detected_fields(pairs: Sequence[tuple[EventRecord, EventRecord]]) -> dict[str, Tally]:
    tallies = {name: Tally() for name in ("status", "date", "place country", "place name")}
    for gold, predicted in pairs:
        tallies["status"] += Tally(int(gold.status == predicted.status), 1)
        if gold.dated:
            tallies["date"] += Tally(int(date_within(gold, predicted)), 1)
        if gold.place_country is not None:
            tallies["place country"] += Tally(int(gold.place_country == predicted.place_country), 1)
        if gold.place_name:
            tallies["place name"] += Tally(int(_same_place_name(gold.place_name, predicted.place_name or "")), 1)
    return tallies


def _reliability(scored: Sequence[tuple[float, bool]]) -> tuple[Bin, ...]:
    if not scored:
        return ()
    bins = []
    low = 0.0
    for high in CONFIDENCE_EDGES:
        inside = [correct for confidence, correct in scored
                  if (low < confidence <= high) or (low == 0.0 and confidence <= 0.0)]
        bins.append(Bin(low, high, len(inside), sum(inside)))
        low = high
    return tuple(bins)


def evaluate(gold: Sequence[GoldArticle], predictions: Mapping[str, Prediction]) -> Evaluation:
    """Score predictions against gold articles.

    Args:
        gold: the gold articles of a split.
        predictions: the prediction of each article, by id; an article without one counts as coded with
            no events and no metadata.

    Returns:
        Every figure of the run (see `Evaluation`).
    """
    records = detection = Counts()
    set_aside = 0
    fields: dict[str, Tally] = {}
    published = headline = Metadata()
    roots = {root: RootRow() for root in ROOTS}
    errors: list[Error] = []
    scored: list[tuple[str, float, bool]] = []
    not_coded = []
    metadata_errors: list[MetadataError] = []
    for article in gold:
        prediction = predictions.get(article.id) or Prediction(article.id, None, None, ())
        if prediction.status != "coded":
            not_coded.append(article.id)
        predicted = prediction.records
        news = [g for g in article.records if not g.background]
        history = [g for g in article.records if g.background]
        outcome = match_article(article.records, predicted)
        aside = len(outcome.background)
        set_aside += aside
        records += Counts(len(outcome.matched), len(predicted) - len(outcome.matched) - aside, len(outcome.misses))
        errors.extend(outcome.misses)
        errors.extend(outcome.false_events)
        detected, detected_aside = _detection(news, history, predicted)
        detection += Counts(len(detected), len(predicted) - len(detected) - detected_aside, len(news) - len(detected))
        found = [(news[i], predicted[j]) for i, j in pair_greedily(news, predicted, finds)]
        for name, tally in {**_actor_fields(found), **_detected_fields(detected)}.items():
            fields[name] = fields.get(name, Tally()) + tally
        article_published, article_headline, wrong = _article_metadata(article, prediction)
        published += article_published
        headline += article_headline
        metadata_errors.extend(wrong)
        aside_ids = {id(pair.predicted) for pair in outcome.background}
        matched_ids = {id(pair.predicted) for pair in outcome.matched}
        for record in news:
            roots[record.root] = _add(roots.get(record.root), gold=1)
        for record in predicted:
            if id(record) not in aside_ids:
                roots[record.root] = _add(roots.get(record.root), predicted=1, matched=int(id(record) in matched_ids))
                if record.confidence is not None:
                    scored.append((record.rule or "", record.confidence, id(record) in matched_ids))
    return Evaluation(len(gold), records, detection, set_aside, fields, published, headline, roots, tuple(errors),
                      _reliability([(c, ok) for _, c, ok in scored]), tuple(not_coded), tuple(metadata_errors),
                      tuple(scored))


def _add(row: RootRow | None, gold: int = 0, predicted: int = 0, matched: int = 0) -> RootRow:
    row = row or RootRow()
    return RootRow(row.gold + gold, row.predicted + predicted, row.matched + matched)
