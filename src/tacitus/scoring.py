"""Score coded events against gold annotations: micro precision, recall and F1 over per-sentence multisets.

Used by the gold gate (tests/test_gold.py) and the PLOVER benchmark (bench/evaluate.py).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

Key = tuple[Hashable, ...]
# A gold item is one key, or a frozenset of keys any one of which satisfies it
# (both directions of a reciprocal event, for instance).
GoldItem = Key | frozenset[Key]


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with the ratios derived from them."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted keys that match a gold key (1.0 when nothing was predicted)."""
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold keys matched by a prediction (1.0 when the gold holds none)."""
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The comparison for one sentence: which gold items were found, missed, and what was spurious."""

    index: int
    matched: tuple[Key, ...]
    missed: tuple[GoldItem, ...]
    spurious: tuple[Key, ...]

    @property
    def errors(self) -> int:
        """Missed plus spurious keys: how badly this sentence went."""
        return len(self.missed) + len(self.spurious)


@dataclass(frozen=True, slots=True)
class Scores:
    """Micro-averaged figures over a corpus, a per-group breakdown and the per-sentence results.

    Attributes:
        counts: corpus totals.
        by_group: totals per group (e.g. per CAMEO root or PLOVER type), when a grouping was asked for.
        items: one ItemResult per sentence, in input order.
    """

    counts: Counts
    by_group: dict[Hashable, Counts] = field(default_factory=dict)
    items: tuple[ItemResult, ...] = ()

    @property
    def precision(self) -> float:
        return self.counts.precision

    @property
    def recall(self) -> float:
        return self.counts.recall

    @property
    def f1(self) -> float:
        return self.counts.f1

    def worst(self, n: int = 10) -> list[ItemResult]:
        """The n sentences with the most errors, worst first (ties in input order)."""
        failing = [item for item in self.items if item.errors]
        return sorted(failing, key=lambda item: -item.errors)[:n]


def _options(item: GoldItem) -> frozenset[Key]:
    return item if isinstance(item, frozenset) else frozenset([item])


def _representative(item: GoldItem) -> Key:
    return min(item, key=repr) if isinstance(item, frozenset) else item


def match(gold: Sequence[GoldItem], predicted: Sequence[Key]) -> list[tuple[int, int]]:
    """Pair gold items with predicted keys so that as many as possible match (maximum bipartite matching).

    Args:
        gold: the gold items of one sentence.
        predicted: the predicted keys of the same sentence.

    Returns:
        (gold index, predicted index) pairs; each index appears at most once.
    """
    candidates = [[j for j, key in enumerate(predicted) if key in _options(item)] for item in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        assign(i, set())
    return sorted((i, j) for j, i in owner.items())


def score(
    gold: Sequence[Sequence[GoldItem]],
    predicted: Sequence[Sequence[Key]],
    group: Callable[[Key], Hashable] | None = None,
) -> Scores:
    """Compare gold and predicted event keys sentence by sentence, as multisets.

    Args:
        gold: per sentence, the gold items (a key tuple, or a frozenset of interchangeable keys).
        predicted: per sentence, the predicted key tuples, in the same order as `gold`.
        group: maps a key to its group for the per-group breakdown (e.g. ``lambda k: k[2]`` for the root);
            None for no breakdown.

    Returns:
        Micro precision/recall/F1 over all sentences, the breakdown and the per-sentence results.

    Raises:
        ValueError: when gold and predicted do not hold the same number of sentences.
    """
    if len(gold) != len(predicted):
        raise ValueError(
            f"gold has {len(gold)} sentences but predicted has {len(predicted)}: pass one list per sentence to both"
        )
    total = Counts()
    by_group: dict[Hashable, Counts] = {}

    def tally(key: Key, counts: Counts) -> None:
        if group is not None:
            name = group(key)
            by_group[name] = by_group.get(name, Counts()) + counts

    items = []
    for index, (gold_items, predicted_keys) in enumerate(zip(gold, predicted, strict=True)):
        pairs = match(gold_items, predicted_keys)
        hit_gold = {i for i, _ in pairs}
        hit_predicted = {j for _, j in pairs}
        matched = tuple(predicted_keys[j] for _, j in pairs)
        missed = tuple(item for i, item in enumerate(gold_items) if i not in hit_gold)
        spurious = tuple(key for j, key in enumerate(predicted_keys) if j not in hit_predicted)
        for key in matched:
            tally(key, Counts(true_positives=1))
        for item in missed:
            tally(_representative(item), Counts(false_negatives=1))
        for key in spurious:
            tally(key, Counts(false_positives=1))
        total = total + Counts(len(matched), len(spurious), len(missed))
        items.append(ItemResult(index, matched, missed, spurious))
    return Scores(total, dict(sorted(by_group.items(), key=lambda kv: str(kv[0]))), tuple(items))


def status_accuracy(
    gold: Sequence[Sequence[Key]], predicted: Sequence[Sequence[Key]], status_index: int = -1
) -> tuple[int, int]:
    """Count events matched on every field but the status, and how many of those have the right status.

    Exact matches are paired first, so a right status is never lost to an arbitrary pairing.

    Args:
        gold: per sentence, gold key tuples that include a status field.
        predicted: per sentence, predicted key tuples of the same shape.
        status_index: position of the status in the key tuples.

    Returns:
        (correct, matched): events with the right status, events matched without regard to status.
    """
    if len(gold) != len(predicted):
        raise ValueError(
            f"gold has {len(gold)} sentences but predicted has {len(predicted)}: pass one list per sentence to both"
        )

    def strip(key: Key) -> Key:
        position = status_index % len(key)
        return key[:position] + key[position + 1 :]

    correct = matched = 0
    for gold_keys, predicted_keys in zip(gold, predicted, strict=True):
        exact = match(gold_keys, predicted_keys)
        used_gold, used_predicted = {i for i, _ in exact}, {j for _, j in exact}
        left_gold = [key for i, key in enumerate(gold_keys) if i not in used_gold]
        left_predicted = [key for j, key in enumerate(predicted_keys) if j not in used_predicted]
        loose = match([strip(k) for k in left_gold], [strip(k) for k in left_predicted])
        correct += len(exact)
        matched += len(exact) + len(loose)
    return correct, matched


def actor_key(actor: Any) -> str | None:
    """The key an actor is compared by: its country, or its code when it has none (IGOs); None for no actor."""
    if actor is None:
        return None
    return actor.country or actor.code


def event_key(event: Any) -> tuple[str | None, str | None, str, str]:
    """The gold-gate key of a coded event: (source, target, CAMEO root, status)."""
    return (actor_key(event.source), actor_key(event.target), event.root, event.status)
