"""Tests of bench/realnews.py's corpus commands (assemble, stats, agreement, pin, floors) on tmp corpora."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from evaluation_fixtures import event_line, write_working_file

_SPEC = importlib.util.spec_from_file_location(
    "bench_realnews", Path(__file__).resolve().parents[1] / "bench" / "realnews.py")
realnews = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = realnews
_SPEC.loader.exec_module(realnews)


def _corpus(root: Path) -> Path:
    write_working_file(root, "b1", "a-article")
    write_working_file(root, "b1", "b-article", negative=True)
    write_working_file(root, "second", "a-article", events=[event_line(status="planned")])
    return root


def test_bench_realnews_assemble_writes_the_files(tmp_path, capsys):
    assert realnews.main(["--corpus", str(_corpus(tmp_path)), "--assemble"]) == 0
    assert [json.loads(line)["id"] for line in (tmp_path / "gold.jsonl").read_text().splitlines()] == [
        "a-article", "b-article"]
    assert (tmp_path / "second.jsonl").is_file() and "wrote 2 articles" in capsys.readouterr().out


def test_bench_realnews_assemble_refuses_problems(tmp_path, capsys):
    write_working_file(tmp_path, "b1", "a-article", events=[event_line(status="done")])
    assert realnews.main(["--corpus", str(tmp_path), "--assemble"]) == 1
    assert not (tmp_path / "gold.jsonl").exists() and "--skip-invalid" in capsys.readouterr().err


def test_bench_realnews_stats(tmp_path, capsys):
    realnews.main(["--corpus", str(_corpus(tmp_path)), "--assemble"])
    assert realnews.main(["--corpus", str(tmp_path), "--stats"]) == 0
    out = capsys.readouterr().out
    assert "articles 2:" in out and "negatives 1" in out and "conflict articles 1" in out and "targets:" in out


def test_bench_realnews_agreement(tmp_path, capsys):
    realnews.main(["--corpus", str(_corpus(tmp_path)), "--assemble"])
    assert realnews.main(["--corpus", str(tmp_path), "--agreement"]) == 0
    out = capsys.readouterr().out
    assert "1 articles" in out and "wrong status                     1" in out


def test_bench_realnews_pin_writes_the_digests(tmp_path):
    realnews.main(["--corpus", str(_corpus(tmp_path)), "--assemble"])
    assert realnews.main(["--corpus", str(tmp_path), "--pin"]) == 0
    assert set(json.loads((tmp_path / "sha256.json").read_text())) == {"articles.jsonl", "gold.jsonl", "texts"}


def test_bench_realnews_update_floors_only_on_test(tmp_path, capsys):
    assert realnews.main(["--corpus", str(tmp_path), "--split", "dev", "--update-floors"]) == 2
    assert "--split test" in capsys.readouterr().err


def test_bench_realnews_missing_corpus_is_one_line(tmp_path, capsys):
    assert realnews.main(["--corpus", str(tmp_path), "--stats"]) == 1
    assert capsys.readouterr().err.startswith("error: ")
