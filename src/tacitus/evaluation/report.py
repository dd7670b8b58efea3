"""The text of an article-level evaluation: figures, fields, per-root table, causes, errors per article."""

from __future__ import annotations

from collections.abc import Sequence

from .matching import Error
from .metrics import Evaluation, Metadata, MetadataError

_FIELD_ORDER = ("source country", "target country", "source sector", "target sector", "status", "date",
                "place country", "place name")


def _percent(share: float) -> str:
    return f"{share:.3f}"


def _ratio(right: int, total: int) -> str:
    """right/total as a share, or "  -  " when there is nothing to count."""
    return f"{right / total:.3f}" if total else "  -  "


def _metadata_line(name: str, figures: Metadata) -> str:
    return (f"  {name:<17} {_ratio(figures.right, figures.given)} right over {figures.given} articles that give one "
            f"(right {figures.right}, none found {figures.missing}, wrong {figures.wrong}); "
            f"over the {figures.absent_none + figures.absent_wrong} others: none {figures.absent_none}, "
            f"something {figures.absent_wrong}")


def summary(evaluation: Evaluation, title: str) -> str:
    """The figures, field by field, the per-root table and the error breakdown, as text."""
    records, detection = evaluation.records, evaluation.detection
    lines = [
        f"{title}: {evaluation.articles} articles",
        f"records    P {_percent(records.precision)}  R {_percent(records.recall)}  F1 {_percent(records.f1)}  "
        f"(tp {records.true_positives}, fp {records.false_positives}, fn {records.false_negatives}; "
        f"{evaluation.set_aside} set aside as background)",
        f"detection  P {_percent(detection.precision)}  R {_percent(detection.recall)}  "
        f"F1 {_percent(detection.f1)}  (root and dyad; tp {detection.true_positives}, "
        f"fp {detection.false_positives}, fn {detection.false_negatives})",
        "fields (actors on events of the right root found in a sentence that reports them; the rest on "
        "detected events):",
    ]
    for name in _FIELD_ORDER:
        tally = evaluation.fields.get(name)
        if tally is not None:
            lines.append(f"  {name:<17} {_ratio(tally.right, tally.total)}  ({tally.right}/{tally.total})")
    lines.append("metadata:")
    lines.append(_metadata_line("publication date", evaluation.published))
    lines.append(_metadata_line("headline", evaluation.headline))
    if evaluation.not_coded:
        lines.append(f"not coded (rejected or failed): {', '.join(evaluation.not_coded)}")
    lines.append("per root:  root   gold  pred  match      P      R")
    for root, row in evaluation.roots.items():
        lines.append(f"           {root}   {row.gold:>5} {row.predicted:>5} {row.matched:>6}  "
                     f"{_ratio(row.matched, row.predicted)}  {_ratio(row.matched, row.gold)}")
    lines.append("errors by cause:            misses  false events")
    for cause, (misses, false) in evaluation.causes().items():
        lines.append(f"  {cause:<27} {misses:>6} {false:>13}")
    return "\n".join(lines)


def reliability(evaluation: Evaluation) -> str:
    """The reliability table: confidence bins against the share of predictions that match a gold record."""
    if not evaluation.reliability:
        return "reliability: no predictions with a confidence"
    lines = ["reliability:  confidence   predictions  matched  share"]
    for b in evaluation.reliability:
        lines.append(f"              ({b.low:.1f}, {b.high:.1f}]  {b.predictions:>11} {b.correct:>8}  "
                     f"{_ratio(b.correct, b.predictions)}")
    return "\n".join(lines)


def _error_line(error: Error) -> str:
    if error.missed:
        found = f"  (coded as {error.predicted.describe()})" if error.predicted else ""
        mention = error.gold.mentions[0] if error.gold.mentions else ""
        return f"    miss   {error.cause:<27} {error.gold.describe()}{found}\n           « {mention[:160]} »"
    like = f"  (gold {error.gold.describe()})" if error.gold else ""
    sentence = error.predicted.mentions[0] if error.predicted.mentions else ""
    return (f"    false  {error.cause:<27} {error.predicted.describe()}{like}  rule {error.predicted.rule}"
            f"\n           « {sentence[:160]} »")


def _metadata_error_line(error: MetadataError) -> str:
    return f"    {error.field}: gold {error.gold!r}, found {error.predicted!r}"


def by_article(errors: Sequence[Error], metadata_errors: Sequence[MetadataError] = ()) -> str:
    """Every miss and false event, and every publication date and headline not right, grouped by article."""
    lines: list[str] = []
    rows = [(e.article, 0, _metadata_error_line(e)) for e in metadata_errors]
    rows += [(e.article, 1, _error_line(e)) for e in errors]
    current = None
    for article, _, line in sorted(rows, key=lambda row: (row[0], row[1])):
        if article != current:
            current = article
            lines.append(f"  {current}")
        lines.append(line)
    return "\n".join(lines) if lines else "  no errors"
