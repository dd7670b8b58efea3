"""Read articles from files, directories, gzip archives, JSONL and stdin into `RawDoc`s.

A file that cannot be read becomes a `Rejected` record with a one-line reason; no exception escapes.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


__all__ = ["DEFAULT_MAX_BYTES", "MAX_CHARS", "PUBLISHED_YEARS", "RawDoc", "Rejected", "content_id", "is_regular_file", "iter_documents", "normalise_text", "walk_directory"]

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_META_FIELDS = ("title", "url", "outlet", "published")
# Above this share of control characters a decoded file is treated as binary, not text.
_MAX_CONTROL_SHARE = 0.05
# charset-normalizer's "chaos" (0-1) above which a detected decoding is judged to be noise.
_MAX_CHAOS = 0.1
_LATIN_SINGLE_BYTE = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman",
    "mac_iceland", "hp_roman8", "cp437", "cp850", "cp852", "cp775", "cp858",
})
# Characters that carry no text and break encoders or the parser: lone surrogates (from JSON "\\ud800" escapes),
# C0/C1 controls other than whitespace, and invisible format characters (zero-width spaces and joiners, word
# joiner, BOMs inside the text, soft hyphens). Surrogates become U+FFFD; the rest is removed.
_SURROGATES = re.compile("[\ud800-\udfff]")
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
# The largest input read, in bytes after decompression (an HTML page carries much markup around its text).
DEFAULT_MAX_BYTES = 5_000_000
# The largest article coded, in characters of cleaned text: about 150,000 words, far beyond any news story. Long
# articles are coded in sections (tacitus.sections), so their cost grows linearly, and the limit stays below
# spaCy's max_length (1,000,000) so that time and memory stay bounded; longer texts are rejected as "too large"
# (once: a rejection is not retried).
MAX_CHARS = 900_000
# Publication dates given with a document (JSONL, --published, the web) must be in these years; others are typing
# or export errors, and far ones would overflow the date arithmetic of coding.
PUBLISHED_YEARS = range(1800, 2101)
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|title|meta)[\s>/]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One article as read, before cleaning.

    Attributes:
        id: the JSONL "id" if given, else the first 16 hex digits of the sha1 of the text (or HTML),
            encoded as UTF-8, so the same article read twice gets the same id.
        source: the input path; "path:LINE" (1-based) for JSONL; "<stdin>" for stdin.
        text: plain text (.txt, JSONL "text"), or None when `html` is given.
        html: raw HTML of an .html/.htm page, or None.
        meta: hints given with a JSONL line as (key, value) pairs: title, url, outlet, published (as given).
    """

    id: str
    source: str
    text: str | None
    html: str | None
    meta: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "source": self.source, "text": self.text, "html": self.html, "meta": dict(self.meta)}


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input (a file, or one JSONL line) that could not be read.

    Attributes:
        source: the path, "path:LINE" or "<stdin>".
        stage: the stage that dropped it ("read" here; "clean" and later stages use the same record).
        reason: one line saying why.
        id: the document id when one was known.
        status: "rejected" for bad input, "failed" for an unexpected error.
    """

    source: str
    stage: str
    reason: str
    id: str | None = None
    status: str = "rejected"

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "stage": self.stage, "reason": self.reason, "id": self.id, "status": self.status}


class _Unreadable(Exception):
    """Internal: the bytes of an input cannot be turned into a document; the message is the reason."""


def normalise_text(text: str) -> str:
    """Return `text` without characters that are not text: lone surrogates become U+FFFD, and control and
    invisible format characters (zero-width spaces and joiners, soft hyphens, stray BOMs) are removed.

    Applied to every document as it is read, so the cleaned text, its offsets and the database never hold them.
    """
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return _NON_TEXT.sub("", text)


def content_id(content: str) -> str:
    """Return the content-hash id of a text: first 16 hex digits of the sha1 of its UTF-8 bytes."""
    return hashlib.sha1(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def iter_documents(
    paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[RawDoc | Rejected]:
    """Yield one `RawDoc` per article, or a `Rejected` per input that cannot be read.

    Args:
        paths: files, directories (read recursively in sorted order, hidden files skipped) or "-" for stdin.
            `.html`/`.htm` are HTML, `.jsonl` one article per line, `.gz` any of these compressed,
            anything else plain text.
        max_bytes: largest input (after decompression) accepted; larger ones are rejected.
        stdin: the byte stream read for "-" (default: `sys.stdin.buffer`).

    Yields:
        `RawDoc` or `Rejected`, in input order. A bad JSONL line rejects that line only.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    # Ids given by JSONL lines -> (content hash, where first seen): a second text under one id is rejected, so
    # that neither version silently replaces the other (and reruns do not flip between them).
    given: dict[str, tuple[str, str]] = {}
    for item in _read_inputs(paths, max_bytes, stdin):
        if isinstance(item, RawDoc):
            digest = content_id(item.text if item.text is not None else item.html or "")
            if item.id != digest:
                first_digest, first_source = given.setdefault(item.id, (digest, item.source))
                if first_digest != digest:
                    item = Rejected(item.source, "read", f'duplicate id "{item.id}": {first_source} has the same '
                                    "id with another text; give each article its own id")
        yield item


def _read_inputs(paths: Sequence[str], max_bytes: int, stdin: BinaryIO | None) -> Iterator[RawDoc | Rejected]:
    for name in paths:
        if name == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            if stream is None:
                yield Rejected("<stdin>", "read", "standard input is closed")
                continue
            yield from _guarded("<stdin>", lambda: _read_stdin(stream, max_bytes))
            continue
        path = Path(name)
        try:
            exists, is_dir, is_file = path.exists(), path.is_dir(), path.is_file()
        except PermissionError:
            yield Rejected(name, "read", "permission denied")
            continue
        except OSError as error:
            yield Rejected(name, "read", f"cannot access path: {error.strerror or error}")
            continue
        if not exists:
            yield Rejected(name, "read", "path does not exist" if not path.is_symlink() else "broken symbolic link")
        elif is_dir:
            yield from _read_directory(path, max_bytes)
        elif not is_file:
            yield Rejected(name, "read", "not a regular file (a device, socket or pipe)")
        else:
            yield from _guarded(name, lambda p=path: _read_file(p, max_bytes))


def _guarded(source: str, read: Callable[[], Iterator[RawDoc | Rejected]]) -> Iterator[RawDoc | Rejected]:
    """Run one input's reader, turning any error into a `Rejected` for that input."""
    try:
        yield from read()
    except _Unreadable as error:
        yield Rejected(source, "read", str(error))
    except PermissionError:
        yield Rejected(source, "read", "permission denied")
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a batch
        yield Rejected(source, "read", f"{type(error).__name__}: {error}", status="failed")


def walk_directory(directory: Path) -> list[tuple[str, Path | Rejected]]:
    """List a tree's files in sorted path order, hidden entries skipped, without opening any of them.

    Returns:
        (path, entry) pairs: the `Path` of a file, or a `Rejected` for a subdirectory that cannot be listed
        (so that no part of a tree is skipped silently).
    """
    entries: list[tuple[str, Path | Rejected]] = []

    def unlistable(error: OSError) -> None:
        where = str(error.filename or directory)
        entries.append((where, Rejected(where, "read", _os_reason(error))))

    for root, dirs, files in os.walk(directory, onerror=unlistable):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        entries.extend((str(Path(root, name)), Path(root, name)) for name in files if not name.startswith("."))
    return sorted(entries, key=lambda item: item[0])


def is_regular_file(path: Path) -> bool:
    """Whether `path` is a regular file; False for pipes, sockets, devices, broken links and unreadable paths."""
    try:
        return path.is_file()
    except OSError:
        return False


def _read_directory(directory: Path, max_bytes: int) -> Iterator[RawDoc | Rejected]:
    """Read a tree in sorted path order; whatever cannot be listed or read is reported, not skipped."""
    for where, entry in walk_directory(directory):
        if isinstance(entry, Rejected):
            yield entry
            continue
        try:
            regular = entry.is_file()
        except OSError as error:
            yield Rejected(where, "read", _os_reason(error))
            continue
        if not regular:
            yield Rejected(where, "read", "not a regular file (a device, socket, pipe or broken link)")
            continue
        yield from _guarded(where, lambda p=entry: _read_file(p, max_bytes))


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or error}"


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDoc | Rejected]:
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    kind_suffix = (suffixes[-2] if len(suffixes) > 1 else "") if compressed else (suffixes[-1] if suffixes else "")
    data = _read_gzip(path, max_bytes) if compressed else _read_plain(path, max_bytes)
    text = _decode(data)
    source = str(path)
    if kind_suffix in _JSONL_SUFFIXES:
        # JSON escapes can hold what the bytes cannot: each line's strings are normalised once parsed.
        yield from _jsonl_documents(text, source)
    elif kind_suffix in _HTML_SUFFIXES:
        text = normalise_text(text)
        yield RawDoc(content_id(text), source, None, text)
    else:
        text = normalise_text(text)
        yield RawDoc(content_id(text), source, text, None)


def _read_plain(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise _Unreadable(f"file too large: {size:,} bytes, the limit is {max_bytes:,}")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Unreadable(f"file too large: over {max_bytes:,} bytes, the limit is {max_bytes:,}")
    return data


def _read_gzip(path: Path, max_bytes: int) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise
    except (gzip.BadGzipFile, EOFError, zlib.error, OSError) as error:
        raise _Unreadable(f"unreadable gzip file: {error}") from None
    if len(data) > max_bytes:
        raise _Unreadable(f"file too large: over {max_bytes:,} bytes when decompressed, the limit is {max_bytes:,}")
    return data


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[RawDoc | Rejected]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _Unreadable(f"input too large: over {max_bytes:,} bytes, the limit is {max_bytes:,}")
    text = _decode(data)
    if _looks_like_jsonl(text):
        yield from _jsonl_documents(text, "<stdin>")
        return
    text = normalise_text(text)
    if _HTML_SNIFF.search(text[:4096]) and text.lstrip("\ufeff \t\r\n").startswith("<"):
        yield RawDoc(content_id(text), "<stdin>", None, text)
    else:
        yield RawDoc(content_id(text), "<stdin>", text, None)


def _decode(data: bytes) -> str:
    """Decode bytes to text: UTF-8 (BOM allowed), a BOM-marked UTF-16/32, else a detected encoding."""
    if not data.strip():
        raise _Unreadable("empty file" if not data else "empty file (only whitespace)")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding))
            except UnicodeDecodeError:
                raise _Unreadable(f"invalid {encoding.upper()} despite its byte order mark") from None
    if b"\x00" in data:
        # Only UTF-16/32 text without a byte order mark legitimately contains NUL bytes.
        best = _best_guess(data)
        if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
            return _checked_text(str(best))
        raise _Unreadable("binary file (contains NUL bytes)")
    try:
        return _checked_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return _checked_text(mostly_utf8)
    best = _best_guess(data)
    if best is None or best.chaos > _MAX_CHAOS:
        raise _Unreadable("not valid UTF-8, and no other text encoding decodes it sensibly")
    if best.encoding in _LATIN_SINGLE_BYTE or _mostly_ascii(data):
        # Detection cannot tell Western code pages apart on short texts, and guesses Cyrillic or Greek ones for
        # English text with a few stray bytes; English news is most often cp1252.
        try:
            return _checked_text(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return _checked_text(str(best))


def _best_guess(data: bytes):
    """charset_normalizer's best decoding of `data` (None when nothing decodes it); imported here, on the first
    input that is not UTF-8, so that commands which read no input start without it."""
    import charset_normalizer

    return charset_normalizer.from_bytes(data).best()


def _mostly_utf8(data: bytes) -> str | None:
    """Decode UTF-8 with a few stray bytes (replaced by U+FFFD), or None when it is not UTF-8 at all."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    wide = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    # Valid multi-byte sequences are all but impossible by accident in a single-byte code page: one of them with
    # a few stray bytes is damaged UTF-8, not cp1252 or cp1251 to be turned into mojibake.
    if wide and bad <= max(3, len(text) // 1000):
        return text
    return None


def _mostly_ascii(data: bytes) -> bool:
    """Whether at most one byte in fifty is non-ASCII: English text, whatever code page a detector guesses."""
    return sum(1 for byte in data if byte > 0x7F) * 50 <= len(data)


def _checked_text(text: str) -> str:
    """Reject decoded text that is mostly control characters (a binary file that happened to decode)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _Unreadable("empty file (only whitespace)")
    if "\x00" in text:
        raise _Unreadable("binary file (contains NUL bytes)")
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch < "\xa0")
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise _Unreadable(f"binary file ({controls / len(sample):.0%} control characters)")
    return text


def _looks_like_jsonl(text: str) -> bool:
    """JSONL when the first non-blank line is a JSON object with a "text": later bad lines are then rejected
    one by one instead of turning the whole input into one plain-text document of JSON syntax."""
    first = next((line for line in text.splitlines() if line.strip()), None)
    if first is None:
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "text" in record


def _jsonl_documents(text: str, source: str) -> Iterator[RawDoc | Rejected]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _jsonl_document(line, where)
        except _Unreadable as error:
            yield Rejected(where, "read", str(error))


def _jsonl_document(line: str, where: str) -> RawDoc:
    try:
        record = json.loads(line)
    except ValueError as error:
        raise _Unreadable(f"invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise _Unreadable(f"a JSONL line must be a JSON object, got {type(record).__name__}")
    body = record.get("text")
    if body is None:
        raise _Unreadable('missing "text"')
    if not isinstance(body, str):
        raise _Unreadable(f'"text" must be a string, got {type(body).__name__}')
    body = normalise_text(body)
    if not body.strip():
        raise _Unreadable('empty "text"')
    given_id = record.get("id")
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, (str, int))):
        raise _Unreadable(f'"id" must be a string or an integer, got {type(given_id).__name__}')
    if isinstance(given_id, str) and not given_id.strip():
        raise _Unreadable('empty "id"')
    meta = []
    for key in _META_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise _Unreadable(f'"{key}" must be a string, got {type(value).__name__}')
        value = normalise_text(value).strip()
        if key == "published" and value[:4].isdigit() and int(value[:4]) not in PUBLISHED_YEARS:
            raise _Unreadable(f'"published" {value!r} is out of range: give a year from {PUBLISHED_YEARS[0]} to '
                              f'{PUBLISHED_YEARS[-1]}')
        if value:
            meta.append((key, value))
    doc_id = normalise_text(str(given_id)).strip() if given_id is not None else content_id(body)
    return RawDoc(doc_id, where, body, None, tuple(meta))
