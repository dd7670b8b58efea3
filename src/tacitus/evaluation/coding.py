"""Code the corpus's articles as a user with a scraped feed would give them: a JSONL line of page text and URL.

No publication date, title or outlet is passed: finding them in the page is part of what is measured.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .corpus import Corpus
from .records import Prediction, predicted_records


def feed_lines(corpus: Corpus) -> Iterable[str]:
    """The JSONL lines a user would feed: {"text": page text, "url": address}, in the corpus's order."""
    for article in corpus.articles:
        yield json.dumps({"text": corpus.text(article), "url": article.url}, ensure_ascii=False)


def code_corpus(corpus: Corpus, batch_size: int = 16, detector: bool | None = None) -> dict[str, Prediction]:
    """Code every article of `corpus` through the library, as one JSONL input file.

    `detector`: run the trained detector beside the rules (None: the pipeline's default, on).

    Returns:
        The prediction of each article, by id.
    """
    if not corpus.articles:
        return {}
    from ..coder import code_paths  # the coder loads spaCy: only when coding is asked for

    with tempfile.TemporaryDirectory(prefix="tacitus-realnews-") as directory:
        feed = Path(directory) / "feed.jsonl"
        feed.write_text("".join(line + "\n" for line in feed_lines(corpus)), encoding="utf-8")
        coded = list(code_paths([str(feed)], batch_size=batch_size, detector=detector))
    predictions = {}
    for article, result in zip(corpus.articles, coded, strict=True):
        document = result.document
        predictions[article.id] = Prediction(article.id, document.title, document.published,
                                             predicted_records(article.id, result.events), document.status)
    return predictions
