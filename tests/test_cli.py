"""The `tacitus code` command: formats, bad input accounting, exit codes (in-process, real model)."""

import csv
import gzip
import io
import json

import pytest

from tacitus.cli import main

pytestmark = pytest.mark.slow

ARTICLE = """print PRINT

Putin to visit Japan

(Yomiuri: May 16, 2015 – p. 2)

Russian President Vladimir Putin will visit Japan before the end of the year, officials said.

  • Russia
  • Japan
"""


@pytest.fixture()
def corpus(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "big.txt").write_text("word " * 5000, encoding="utf-8")
    (tmp_path / "french.txt").write_text(
        "Le président de la République a rencontré hier le chancelier allemand à Paris pour discuter de la "
        "situation en Ukraine et des sanctions contre la Russie, a indiqué l'Élysée dans un communiqué.",
        encoding="utf-8")
    lines = [json.dumps({"id": "a1", "text": ARTICLE, "published": "2015-05-16"}), "{not json",
             json.dumps({"id": "a3", "title": "no text"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "packed.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(ARTICLE)
    return tmp_path


def test_cli_code_jsonl_default(corpus, capsys):
    assert main(["code", str(corpus / "good.txt")]) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    visit = next(e for e in events if e["root"] == "04")
    assert visit["status"] == "planned" and visit["date"]["end"] == "2015-12-31"
    assert {"doc_id", "event_id", "code", "root", "label", "quad_class", "goldstein", "plover", "status",
            "source", "target", "date", "location", "sentence", "span", "rule", "confidence"} <= set(visit)


def test_cli_code_bad_inputs_are_reported_and_the_rest_coded(corpus, capsys):
    code = main(["code", str(corpus), str(corpus / "missing.txt"), "--format", "documents",
                 "--max-bytes", "20000"])
    captured = capsys.readouterr()
    documents = [json.loads(line) for line in captured.out.splitlines()]
    by_status = {}
    for document in documents:
        by_status.setdefault(document["status"], []).append(document)
    assert code == 3
    assert len(by_status["coded"]) == 3  # good.txt, packed.txt.gz, feed.jsonl line 1
    rejected_reasons = " | ".join(d["reason"] for d in by_status["rejected"])
    for word in ("empty", "binary", "large", "JSON", "text", "English", "not exist"):
        assert word.lower() in rejected_reasons.lower(), word
    assert len(captured.err.strip().splitlines()) == len(by_status["rejected"]) + len(by_status.get("failed", [])) + 1
    assert "Traceback" not in captured.err
    jsonl_doc = next(d for d in by_status["coded"] if d["id"] == "a1")
    assert jsonl_doc["source"].endswith("feed.jsonl:1")
    assert jsonl_doc["title"] == "Putin to visit Japan" and jsonl_doc["outlet"] == "Yomiuri"


def test_cli_code_csv_and_table(corpus, capsys):
    assert main(["code", str(corpus / "good.txt"), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and rows[0]["source_country"] == "RUS" and rows[0]["date_end"] == "2015-12-31"
    assert main(["code", str(corpus / "good.txt"), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Putin to visit Japan" in out and "planned" in out


def test_cli_code_stdin_and_published_override(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(
        b"Japan and China will hold talks in Beijing next week.")))
    assert main(["code", "-", "--published", "2020-01-10"]) == 0
    event = json.loads(capsys.readouterr().out.splitlines()[0])
    assert event["status"] == "planned" and event["date"]["start"] == "2020-01-13"


def test_cli_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["code", "x.txt", "--published", "yesterday"])
    assert exc.value.code == 2
    assert main([]) == 2


def test_cli_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["code", "--help"])
    assert "tacitus code samples/" in capsys.readouterr().out


def test_cli_code_summary_counts_documents_without_a_date(tmp_path, capsys):
    (tmp_path / "dated.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(ARTICLE.replace("(Yomiuri: May 16, 2015 – p. 2)", ""), encoding="utf-8")
    assert main(["code", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "2 coded" in captured.err and "1 coded without a publication date" in captured.err
    sources = {json.loads(line)["published_source"] for line in captured.out.splitlines()}
    assert sources == {"byline", "none"}
