"""Tests of tacitus.sources: every input type, every rejection, encodings."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from tacitus.sources import RawDoc, Rejected, iter_documents

ARTICLE = "Prime Minister Taro Example met President Jane Sample in Washington on Tuesday.\n"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def read(*paths: str | Path, **options) -> list[RawDoc | Rejected]:
    return list(iter_documents([str(p) for p in paths], **options))


def only(*paths: str | Path, **options) -> RawDoc | Rejected:
    found = read(*paths, **options)
    assert len(found) == 1, found
    return found[0]


def sha16(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a", "a.text"])
def test_sources_reads_text_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only(path)
    assert doc == RawDoc(sha16(ARTICLE), str(path), ARTICLE, None)


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_sources_reads_html_files(tmp_path: Path, name: str) -> None:
    page = "<html><body><p>Hello there.</p></body></html>"
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    doc = only(path)
    assert isinstance(doc, RawDoc) and doc.html == page and doc.text is None and doc.id == sha16(page)


def test_sources_reads_jsonl_lines_with_hints(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        {"id": "x1", "text": "First article.", "title": "One", "url": "https://example.org/1",
         "outlet": "Example Times", "published": "May 3, 2015"},
        {"text": "Second article."},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    first, second = read(path)
    assert first == RawDoc("x1", f"{path}:1", "First article.", None, (
        ("title", "One"), ("url", "https://example.org/1"), ("outlet", "Example Times"), ("published", "May 3, 2015")))
    assert second == RawDoc(sha16("Second article."), f"{path}:2", "Second article.", None, ())


def test_sources_jsonl_integer_id_becomes_string(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 7, "text": "An article."}\n', encoding="utf-8")
    assert only(path).id == "7"


@pytest.mark.parametrize(("bad_line", "reason"), [
    ("{not json", "invalid JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"title": "no text"}', 'missing "text"'),
    ('{"text": ""}', 'empty "text"'),
    ('{"text": "   "}', 'empty "text"'),
    ('{"text": 5}', '"text" must be a string'),
    ('{"text": "ok", "title": 3}', '"title" must be a string'),
    ('{"text": "ok", "id": [1]}', '"id" must be a string or an integer'),
    ('{"text": "ok", "published": {"y": 2015}}', '"published" must be a string'),
])
def test_sources_bad_jsonl_line_rejects_only_that_line(tmp_path: Path, bad_line: str, reason: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(f'{{"text": "Good one."}}\n{bad_line}\n\n{{"text": "Good two."}}\n', encoding="utf-8")
    first, rejected, last = read(path)
    assert isinstance(first, RawDoc) and first.text == "Good one."
    assert isinstance(rejected, Rejected)
    assert (rejected.source, rejected.stage, rejected.status) == (f"{path}:2", "read", "rejected")
    assert reason in rejected.reason
    assert isinstance(last, RawDoc) and last.source == f"{path}:4"


@pytest.mark.parametrize(("name", "content", "field"), [
    ("a.txt.gz", ARTICLE, "text"),
    ("a.html.gz", "<html><body><p>Hi.</p></body></html>", "html"),
    ("a.jsonl.gz", json.dumps({"text": ARTICLE}) + "\n", "text"),
    ("a.gz", ARTICLE, "text"),
])
def test_sources_reads_gzip(tmp_path: Path, name: str, content: str, field: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content.encode("utf-8")))
    doc = only(path)
    assert isinstance(doc, RawDoc)
    assert getattr(doc, field) == (ARTICLE if name == "a.jsonl.gz" else content)


def test_sources_jsonl_gz_lines_are_numbered(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n'))
    assert [doc.source for doc in read(path)] == [f"{path}:1", f"{path}:2"]


def test_sources_unreadable_gzip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(b"this is not gzip data at all")
    doc = only(path)
    assert isinstance(doc, Rejected) and doc.reason.startswith("unreadable gzip file")


def test_sources_truncated_gzip_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode() * 50)[:-20])
    doc = only(path)
    assert isinstance(doc, Rejected) and doc.reason.startswith("unreadable gzip file")


def test_sources_directory_is_read_recursively_in_order_without_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["z.txt", "a.txt", "b/m.txt", ".hidden.txt", ".git/x.txt"]:
        (tmp_path / name).write_text(f"Article {name}.", encoding="utf-8")
    assert [doc.source for doc in read(tmp_path)] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "m.txt"), str(tmp_path / "z.txt")]


def test_sources_paths_are_read_in_the_given_order(tmp_path: Path) -> None:
    for name in ["a.txt", "b.txt"]:
        (tmp_path / name).write_text(f"Article {name}.", encoding="utf-8")
    assert [d.source for d in read(tmp_path / "b.txt", tmp_path / "a.txt")] == [
        str(tmp_path / "b.txt"), str(tmp_path / "a.txt")]


@pytest.mark.parametrize(("data", "field"), [
    (ARTICLE.encode(), "text"),
    (b"<!DOCTYPE html><html><body><p>Hello.</p></body></html>", "html"),
    (b"  <div><p>Hello.</p></div>", "html"),
    (b"I think 3 < 4 and <p> is a tag name.", "text"),
])
def test_sources_stdin_is_sniffed(data: bytes, field: str) -> None:
    doc = only("-", stdin=io.BytesIO(data))
    assert isinstance(doc, RawDoc) and doc.source == "<stdin>"
    assert getattr(doc, field) == data.decode()


def test_sources_stdin_jsonl_is_read_line_by_line() -> None:
    data = b'{"text": "One.", "id": "a"}\n\n{"text": "Two."}\n'
    docs = read("-", stdin=io.BytesIO(data))
    assert [(d.id, d.source, d.text) for d in docs] == [
        ("a", "<stdin>:1", "One."), (sha16("Two."), "<stdin>:3", "Two.")]


def test_sources_stdin_json_lines_without_text_are_plain_text() -> None:
    doc = only("-", stdin=io.BytesIO(b'{"body": "One."}\n'))
    assert isinstance(doc, RawDoc) and doc.text == '{"body": "One."}\n'


def test_sources_stdin_over_limit_is_rejected() -> None:
    doc = only("-", stdin=io.BytesIO(b"x" * 101), max_bytes=100)
    assert isinstance(doc, Rejected) and doc.source == "<stdin>" and "100" in doc.reason


ENGLISH = "The minister’s “statement” on Monday — a café meeting in Tokyo — was welcomed by officials. " * 3
JAPANESE = "北朝鮮は弾道ミサイルを発射したが、失敗したと日本政府が発表した。政府は北京の大使館を通じて抗議した。" * 2


@pytest.mark.parametrize(("data", "expected"), [
    (ENGLISH.encode("utf-8"), ENGLISH),
    (b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), ENGLISH),
    (ENGLISH.encode("cp1252"), ENGLISH),
    ("Le ministre a dit à la presse que la réunion était terminée.".encode("latin-1"),
     "Le ministre a dit à la presse que la réunion était terminée."),
    (JAPANESE.encode("shift_jis"), JAPANESE),
    (ENGLISH.encode("utf-16"), ENGLISH),
    (ENGLISH.encode("utf-16-le"), ENGLISH),
])
def test_sources_decodes_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    doc = only(path)
    assert isinstance(doc, RawDoc) and doc.text == expected


def test_sources_utf8_with_one_stray_byte_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ENGLISH.encode("utf-8") + b"\xff")
    doc = only(path)
    assert isinstance(doc, RawDoc) and doc.text == ENGLISH + "\ufffd"


def test_sources_id_is_independent_of_encoding(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ENGLISH.encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(ENGLISH.encode("utf-8"))
    first, second = read(tmp_path)
    assert first.id == second.id == sha16(ENGLISH)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    (b"abc\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binary file"),
    (b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xe2\x82\x28\xf0\x28\x8c\xbc" * 10, "not valid UTF-8"),
])
def test_sources_rejects_unreadable_content(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    doc = only(path)
    assert isinstance(doc, Rejected) and doc.status == "rejected" and doc.stage == "read"
    assert doc.reason.startswith(reason) and "\n" not in doc.reason


def test_sources_missing_path_is_rejected(tmp_path: Path) -> None:
    doc = only(tmp_path / "nope.txt")
    assert doc == Rejected(str(tmp_path / "nope.txt"), "read", "path does not exist")


def test_sources_too_large_file_names_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1234)
    doc = only(path, max_bytes=1000)
    assert isinstance(doc, Rejected) and "1,234" in doc.reason and "1,000" in doc.reason


def test_sources_too_large_gzip_is_rejected_after_decompression(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"x" * 5000))
    doc = only(path, max_bytes=1000)
    assert isinstance(doc, Rejected) and "decompressed" in doc.reason and "1,000" in doc.reason


def test_sources_max_bytes_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        read("-", max_bytes=0)


def test_sources_permission_denied_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert only(path) == Rejected(str(path), "read", "permission denied")


def test_sources_unexpected_error_is_failed_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    real_open = Path.open

    def explode(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise RuntimeError("disk on fire")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", explode)
    failed, fine = read(path, other)
    assert failed == Rejected(str(path), "read", "RuntimeError: disk on fire", status="failed")
    assert isinstance(fine, RawDoc)


def test_sources_as_dict_is_plain() -> None:
    doc = RawDoc("i", "s", "t", None, (("title", "T"),))
    assert doc.as_dict() == {"id": "i", "source": "s", "text": "t", "html": None, "meta": {"title": "T"}}


def test_sources_reads_the_shared_samples() -> None:
    samples = SHARED / "samples"
    if not samples.is_dir():
        pytest.skip("../shared is absent")
    docs = read(samples)
    assert len(docs) == 3 and all(isinstance(d, RawDoc) and d.text for d in docs)


def test_sources_special_file_is_rejected(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    doc = only(fifo)
    assert isinstance(doc, Rejected) and doc.reason.startswith("not a regular file")


def test_sources_special_file_in_directory_is_rejected_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first, second = read(tmp_path)
    assert isinstance(first, RawDoc)
    assert isinstance(second, Rejected) and second.reason.startswith("not a regular file")
