"""Articles are coded as a user's scraped feed: page text and URL only, through the library."""

from __future__ import annotations

import json

import pytest

from evaluation_fixtures import write_working_file
from tacitus.evaluation.coding import code_corpus, feed_lines
from tacitus.evaluation.corpus import assemble, load_corpus, write_assembly

TEXT = ("Russian shelling kills two civilians in Kherson\n\n"
        "KYIV, Ukraine — Russian forces shelled the city of Kherson on Thursday, killing two civilians, "
        "officials said.\n")


def _corpus(tmp_path):
    write_working_file(tmp_path, "b1", "a-article", text=TEXT, events=[])
    write_assembly(assemble(tmp_path), tmp_path)
    return load_corpus(tmp_path)


def test_coding_feed_gives_text_and_url_only(tmp_path):
    (line,) = feed_lines(_corpus(tmp_path))
    assert json.loads(line) == {"text": TEXT, "url": "https://www.voanews.com/a/a-article.html"}


@pytest.mark.slow
def test_coding_codes_every_article_by_id(tmp_path):
    predictions = code_corpus(_corpus(tmp_path))
    assert list(predictions) == ["a-article"] and predictions["a-article"].status == "coded"
    assert all(record.article == "a-article" for record in predictions["a-article"].records)
