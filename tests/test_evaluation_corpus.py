"""The real-news corpus files: the split rule, the checks, assembly, loading and the digests (tmp corpora)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from evaluation_fixtures import TEXT, event_line
from evaluation_fixtures import write_working_file as _write
from tacitus.errors import CorpusError
from tacitus.evaluation.corpus import assemble, check_annotation, digests, load_corpus, split_of, write_assembly

@pytest.mark.parametrize("article_id", ["voa-2023-11-02-kherson-shelling", "wn-1", "state-abc", ""])
def test_corpus_split_rule(article_id):
    bucket = int(hashlib.sha1(article_id.encode()).hexdigest()[:8], 16) % 4
    assert split_of(article_id) == ["train", "train", "dev", "test"][bucket]


def test_corpus_split_shares_are_near_half_quarter_quarter():
    splits = [split_of(f"article-{n}") for n in range(4000)]
    assert all(abs(splits.count(s) / 4000 - share) < 0.03 for s, share in (("train", 0.5), ("dev", 0.25),
                                                                          ("test", 0.25)))


def test_corpus_assembles_sorted_with_splits(tmp_path):
    _write(tmp_path, "b2", "b-article")
    _write(tmp_path, "b1", "a-article", negative=True)
    result = assemble(tmp_path)
    assert result.problems == () and result.dropped == ()
    assert [a["id"] for a in result.articles] == ["a-article", "b-article"]
    assert [a["split"] for a in result.articles] == [split_of("a-article"), split_of("b-article")]
    assert set(result.gold[0]) == {"id", "headline", "published", "outlet", "dateline", "negative", "events"}


def test_corpus_repeated_url_keeps_the_first_by_id(tmp_path):
    _write(tmp_path, "b1", "z-article", url="https://www.voanews.com/a/same.html")
    _write(tmp_path, "b2", "m-article", url="http://voanews.com/a/same.html/")
    result = assemble(tmp_path)
    assert [a["id"] for a in result.articles] == ["m-article"]
    assert len(result.dropped) == 1 and result.dropped[0].startswith("z-article")


def test_corpus_a_mobile_page_repeats_the_sites_page(tmp_path):
    _write(tmp_path, "b1", "z-article", url="https://en.m.wikinews.org/wiki/Same_story")
    _write(tmp_path, "b2", "m-article", url="https://en.wikinews.org/wiki/Same_story")
    _write(tmp_path, "b3", "v-article", url="https://m.voanews.com/a/same.html")
    _write(tmp_path, "b4", "w-article", url="https://www.voanews.com/a/same.html")
    _write(tmp_path, "b5", "x-article", url="https://m.example.org/a/other.html")  # another page
    result = assemble(tmp_path)
    assert [a["id"] for a in result.articles] == ["m-article", "v-article", "x-article"]


def test_corpus_same_id_in_two_batches_is_dropped(tmp_path):
    _write(tmp_path, "b1", "a-article")
    _write(tmp_path, "b2", "a-article", url="https://example.org/other")
    assert len(assemble(tmp_path).dropped) == 1


def test_corpus_second_annotation_is_kept_apart(tmp_path):
    _write(tmp_path, "b1", "a-article")
    _write(tmp_path, "second", "a-article")
    result = assemble(tmp_path)
    assert len(result.articles) == 1 and [g["id"] for g in result.second] == ["a-article"]


@pytest.mark.parametrize(("changes", "problem"), [
    ({"code": "999", "root": "99"}, "is not a 3- or 4-digit CAMEO code"),
    ({"root": "18"}, "does not match code"),
    ({"status": "done"}, "status"),
    ({"source": {"text": "x", "country": "XXX", "sector": "GOV"}}, "is not an ISO3/IGO code"),
    ({"source": {"text": "x", "country": "RUS", "sector": "ARMY"}}, "sector 'ARMY' unknown"),
    ({"date": {"start": "2023-11-05", "end": "2023-11-02"}}, "starts after it ends"),
    ({"date": {"start": "2 Nov", "end": None}}, "is not YYYY-MM-DD"),
    ({"mentions": ["Not in the text."]}, "mention not found verbatim"),
    ({"mentions": []}, "no mentions"),
    ({"background": "yes"}, "background must be true or false"),
])
def test_corpus_annotation_problems(changes, problem):
    gold = {"headline": None, "published": None, "outlet": "VOA", "dateline": None, "negative": False,
            "events": [event_line(**changes)]}
    problems = check_annotation(gold, TEXT, "a1")
    assert len(problems) == 1 and problem in problems[0]


def test_corpus_problem_file_is_reported_and_left_out(tmp_path):
    _write(tmp_path, "b1", "a-article", events=[event_line(code="999", root="99")])
    _write(tmp_path, "b1", "b-article")
    result = assemble(tmp_path)
    assert [a["id"] for a in result.articles] == ["b-article"] and len(result.problems) == 1


def test_corpus_negative_with_events_is_a_problem(tmp_path):
    _write(tmp_path, "b1", "a-article")
    path = tmp_path / "batches" / "b1" / "a-article.json"
    record = json.loads(path.read_text())
    record["gold"]["negative"] = True
    path.write_text(json.dumps(record))
    assert any("negative article has events" in p for p in assemble(tmp_path).problems)


def _assembled(tmp_path) -> Path:
    _write(tmp_path, "b1", "a-article")
    _write(tmp_path, "b1", "b-article", negative=True)
    write_assembly(assemble(tmp_path), tmp_path)
    return tmp_path


def test_corpus_loads_a_split(tmp_path):
    root = _assembled(tmp_path)
    every = load_corpus(root)
    assert [a.id for a in every.articles] == ["a-article", "b-article"]
    assert every.gold[0].records[0].dyad == ("RUS", "UKR")
    one = load_corpus(root, split_of("a-article"))
    assert "a-article" in [a.id for a in one.articles]


def test_corpus_recorded_split_must_agree(tmp_path):
    root = _assembled(tmp_path)
    lines = [json.loads(line) for line in (root / "articles.jsonl").read_text().splitlines()]
    lines[0]["split"] = "test" if lines[0]["split"] != "test" else "dev"
    (root / "articles.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(CorpusError) as error:
        load_corpus(root)
    assert "recorded split" in error.value.problems[0]


def test_corpus_missing_files_say_how_to_make_them(tmp_path):
    with pytest.raises(CorpusError, match="--assemble"):
        load_corpus(tmp_path)


def test_corpus_digests_change_with_a_text(tmp_path):
    root = _assembled(tmp_path)
    before = digests(root)
    (root / "articles" / "b-article.txt").write_text(TEXT + "More.\n", encoding="utf-8")
    after = digests(root)
    assert before["texts"] != after["texts"] and before["gold.jsonl"] == after["gold.jsonl"]


def test_corpus_missing_text_is_a_problem(tmp_path):
    root = _assembled(tmp_path)
    (root / "articles" / "b-article.txt").unlink()
    with pytest.raises(CorpusError) as error:
        load_corpus(root)
    assert "not found" in error.value.problems[0]
    with pytest.raises(CorpusError):
        digests(root)


def test_corpus_loader_checks_the_annotations(tmp_path):
    root = _assembled(tmp_path)
    lines = [json.loads(line) for line in (root / "gold.jsonl").read_text().splitlines()]
    lines[0]["events"][0]["status"] = "done"
    (root / "gold.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(CorpusError) as error:
        load_corpus(root)
    assert "status 'done'" in error.value.problems[0]
