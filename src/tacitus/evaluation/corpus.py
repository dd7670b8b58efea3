"""The real-news corpus (tests/realnews): check the annotators' files, assemble them, split and load them.

The annotators write one working file per article, `batches/BATCH/ID.json` = `{"article": provenance,
"gold": annotation}`, beside the page text `articles/ID.txt` (GUIDELINES.md gives the format). Assembly
checks them, drops repeated URLs and writes `articles.jsonl`, `gold.jsonl` and, from `batches/second/`,
`second.jsonl`, each sorted by id.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import CorpusError
from ..knowledge import SECTORS, load_knowledge
from ..model import STATUSES
from ..ontology import load_ontology
from .records import UNRESOLVED, EventRecord, collapse, gold_records

SPLITS = ("train", "dev", "test")
SECOND = "second"
PROVENANCE_FIELDS = ("id", "file", "url", "outlet", "licence", "published_shown", "kind", "topic")
ANNOTATION_FIELDS = ("headline", "published", "outlet", "dateline", "negative", "events")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """The provenance of one article (a line of articles.jsonl)."""

    id: str
    file: str
    url: str
    outlet: str
    licence: str
    published_shown: str | None
    kind: str
    topic: str
    split: str

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*PROVENANCE_FIELDS, "split")}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """The annotation of one article (a line of gold.jsonl), its events as `EventRecord`s."""

    id: str
    headline: str | None
    published: str | None
    negative: bool
    records: tuple[EventRecord, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles of a split with their annotations, in id order."""

    articles: tuple[ArticleInfo, ...]
    gold: tuple[GoldArticle, ...]
    root: Path

    def text(self, article: ArticleInfo) -> str:
        """The page text of an article, as it was found."""
        return (self.root / article.file).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Assembly:
    """The result of assembling the working files.

    Attributes:
        articles: provenance lines (with the split), sorted by id.
        gold: annotation lines, sorted by id.
        second: the second annotation's lines, sorted by id.
        dropped: one line per working file left out as a repeat (same id or URL as one kept).
        problems: one line per problem found by the checks.
    """

    articles: tuple[dict[str, Any], ...]
    gold: tuple[dict[str, Any], ...]
    second: tuple[dict[str, Any], ...]
    dropped: tuple[str, ...]
    problems: tuple[str, ...]


def split_of(article_id: str) -> str:
    """The split of an article: the first 8 hex digits of the SHA-1 of its id, as an integer, modulo 4
    (0 and 1 train, 2 dev, 3 test)."""
    bucket = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8], 16) % 4
    return ("train", "train", "dev", "test")[bucket]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(CAMEO codes of 3 or 4 digits, actor keys: ISO3 countries, organisation codes and "---")."""
    codes = frozenset(entry.code for entry in load_ontology() if len(entry.code) >= 3)
    knowledge = load_knowledge()
    keys = {c.iso3 for c in knowledge.countries} | {o.code for o in knowledge.organisations} | {UNRESOLVED}
    return codes, frozenset(keys)


def check_annotation(gold: Mapping[str, Any], text: str, where: str) -> list[str]:
    """The problems of one article's annotation against GUIDELINES.md.

    Args:
        gold: the annotation (a gold.jsonl line, or the "gold" of a working file).
        text: the article's page text ("" to skip the check that mentions are verbatim).
        where: how problems name the article (a path or an id).

    Returns:
        One line per problem; empty when the annotation is well formed.
    """
    problems: list[str] = []
    say = problems.append
    codes, keys = _vocabulary()
    for key in ANNOTATION_FIELDS:
        if key not in gold:
            say(f"{where}: gold lacks {key!r}")
    if gold.get("published") is not None and not _ISO_DATE.match(str(gold["published"])):
        say(f"{where}: published {gold['published']!r} is not YYYY-MM-DD")
    events = gold.get("events") or []
    if not isinstance(events, list):
        return [*problems, f"{where}: events must be a list"]
    if gold.get("negative") and events:
        say(f"{where}: a negative article has events")
    collapsed = collapse(text)
    for number, event in enumerate(events, 1):
        if not isinstance(event, dict):
            say(f"{where}: event {number} must be an object")
            continue
        problems.extend(_event_problems(event, f"{where}: event {number}", collapsed, codes, keys))
    return problems


def _event_problems(event: Mapping[str, Any], where: str, text: str, codes: frozenset[str],
                    keys: frozenset[str]) -> Iterable[str]:
    for role in ("source", "target"):
        actor = event.get(role)
        if actor is None and role == "target":
            continue
        if not isinstance(actor, dict):
            yield f"{where}: {role} must be an object"
            continue
        if actor.get("country") not in keys:
            yield f"{where}: {role} country {actor.get('country')!r} is not an ISO3/IGO code or '---'"
        if actor.get("sector") is not None and actor.get("sector") not in SECTORS:
            yield f"{where}: {role} sector {actor.get('sector')!r} unknown"
        if not actor.get("text"):
            yield f"{where}: {role} has no text"
    code = str(event.get("code", ""))
    if code not in codes:
        yield f"{where}: code {code!r} is not a 3- or 4-digit CAMEO code"
    if event.get("root") != code[:2]:
        yield f"{where}: root {event.get('root')!r} does not match code {code!r}"
    if event.get("status") not in STATUSES:
        yield f"{where}: status {event.get('status')!r}"
    date = event.get("date") or {}
    if not isinstance(date, dict):
        yield f"{where}: date must be null or {{start, end, text}}"
        date = {}
    for key in ("start", "end"):
        if date.get(key) is not None and not _ISO_DATE.match(str(date[key])):
            yield f"{where}: date.{key} {date[key]!r} is not YYYY-MM-DD"
    if date.get("start") and date.get("end") and str(date["start"]) > str(date["end"]):
        yield f"{where}: date starts after it ends"
    place = event.get("place")
    if place is not None and (not isinstance(place, dict) or "name" not in place):
        yield f"{where}: place must be null or {{name, country}}"
    if not isinstance(event.get("background", False), bool):
        yield f"{where}: background must be true or false"
    mentions = event.get("mentions") or []
    if not mentions:
        yield f"{where}: no mentions"
    for mention in mentions:
        if text and collapse(str(mention)) not in text:
            yield f"{where}: mention not found verbatim in the text: {str(mention)[:70]!r}"


def check_working_file(path: Path, root: Path) -> tuple[dict[str, Any] | None, list[str]]:
    """Read and check one working file `{"article": provenance, "gold": annotation}`.

    Args:
        path: the working file.
        root: the corpus directory (tests/realnews), against which `article.file` is read.

    Returns:
        The record (None when it is not readable JSON) and its problems.
    """
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [f"{path}: not readable JSON: {error}"]
    if not isinstance(record, dict):
        return None, [f"{path}: expected an object {{\"article\": …, \"gold\": …}}"]
    article, gold = record.get("article") or {}, record.get("gold") or {}
    article_id = article.get("id")
    problems = []
    if not article_id or gold.get("id") != article_id or path.stem != article_id:
        problems.append(f"{path}: article.id, gold.id and the file name must agree")
    problems.extend(check_article(article, gold, root, str(path)))
    return record, problems


def check_article(article: Mapping[str, Any], gold: Mapping[str, Any], root: Path, where: str) -> list[str]:
    """The problems of one article: its provenance, its text and its annotation.

    Args:
        article: the provenance (a line of articles.jsonl, or the "article" of a working file).
        gold: the annotation.
        root: the corpus directory, against which `article["file"]` is read.
        where: how problems name the article.
    """
    problems = [f"{where}: article lacks {key!r}" for key in PROVENANCE_FIELDS if key not in article]
    if article.get("kind") not in ("event", "negative"):
        problems.append(f"{where}: article.kind {article.get('kind')!r} must be 'event' or 'negative'")
    if (article.get("kind") == "negative") != bool(gold.get("negative")):
        problems.append(f"{where}: article.kind and gold.negative disagree")
    text_path = root / str(article.get("file", ""))
    text = ""
    if not article.get("file") or not text_path.is_file():
        problems.append(f"{where}: text file {article.get('file')!r} not found under {root}")
    else:
        text = text_path.read_text(encoding="utf-8")
    problems.extend(check_annotation(gold, text, where))
    return problems


def _url_key(url: str) -> str:
    """A URL as compared for repeats: scheme and host lowercased, http as https, no fragment or final slash, and
    a site's mobile host as the site ("en.m.wikinews.org" is "en.wikinews.org", "m.voanews.com" "voanews.com")."""
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    labels = parts.netloc.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and "m" in labels[:2]:
        labels.remove("m")
    host = ".".join(labels)
    return urlunsplit((scheme, host, parts.path.rstrip("/"), parts.query, ""))


def _working_files(directories: Iterable[Path], root: Path) -> tuple[list[dict[str, Any]], list[str]]:
    records, problems = [], []
    for path in sorted(f for d in directories for f in d.glob("*.json")):
        record, found = check_working_file(path, root)
        problems.extend(found)
        if record is not None and not found:
            records.append(record)
    return records, problems


def assemble(root: Path) -> Assembly:
    """Check every working file under `root/batches` and build the corpus files' lines.

    Batches are every directory of `root/batches` but `second/`, which holds the blind second annotation.
    Of articles with the same id or URL the first by id (then by batch) is kept; the others are reported
    in `dropped`. Files with problems are left out and their problems reported.
    """
    batches = root / "batches"
    first, problems = _working_files((d for d in sorted(batches.glob("*/")) if d.name != SECOND), root)
    second, second_problems = _working_files([batches / SECOND], root)
    problems.extend(second_problems)
    kept: list[dict[str, Any]] = []
    dropped: list[str] = []
    ids: set[str] = set()
    urls: dict[str, str] = {}
    for record in sorted(first, key=lambda r: r["article"]["id"]):
        article = record["article"]
        url = _url_key(str(article["url"]))
        if article["id"] in ids:
            dropped.append(f"{article['id']}: annotated twice; the first is kept")
        elif url in urls:
            dropped.append(f"{article['id']}: same URL as {urls[url]} ({article['url']}); {urls[url]} is kept")
        else:
            ids.add(article["id"])
            urls[url] = article["id"]
            kept.append(record)
    articles = tuple({**{k: r["article"][k] for k in PROVENANCE_FIELDS}, "split": split_of(r["article"]["id"])}
                     for r in kept)
    gold = tuple({"id": r["gold"]["id"], **{k: r["gold"][k] for k in ANNOTATION_FIELDS}} for r in kept)
    seconds = sorted({r["gold"]["id"]: r["gold"] for r in second}.values(), key=lambda g: g["id"])
    return Assembly(articles, gold, tuple(seconds), tuple(dropped), tuple(problems))


def _write_lines(path: Path, lines: Iterable[Mapping[str, Any]]) -> None:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


def write_assembly(assembly: Assembly, root: Path) -> None:
    """Write articles.jsonl, gold.jsonl and (when there is a second annotation) second.jsonl under `root`."""
    _write_lines(root / "articles.jsonl", assembly.articles)
    _write_lines(root / "gold.jsonl", assembly.gold)
    if assembly.second:
        _write_lines(root / "second.jsonl", assembly.second)


def _read_lines(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise CorpusError(f"{path} does not exist: assemble the corpus first (python bench/realnews.py --assemble)")
    lines = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}:{number}: not a JSON object ({error.msg})") from error
    return lines


def gold_article(line: Mapping[str, Any]) -> GoldArticle:
    """A gold.jsonl (or second.jsonl) line as a `GoldArticle`."""
    return GoldArticle(line["id"], line.get("headline"), line.get("published"), bool(line.get("negative")),
                       gold_records(line["id"], line.get("events") or []))


def load_corpus(root: Path, split: str = "all") -> Corpus:
    """Read the assembled corpus: the articles of one split (or "all") and their annotations.

    Every article is checked as the annotators' files are (`check_article`).

    Raises:
        CorpusError: a file is missing or malformed, an article or its annotation has a problem, has no
            annotation (or the reverse), or its recorded split is not the one its id gives.
    """
    if split not in (*SPLITS, "all"):
        raise CorpusError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)} or all")
    lines = _read_lines(root / "articles.jsonl")
    annotations = {line.get("id"): line for line in _read_lines(root / "gold.jsonl")}
    problems = []
    for line in lines:
        expected = split_of(str(line.get("id")))
        if line.get("split") != expected:
            problems.append(f"{line.get('id')}: recorded split {line.get('split')!r}, but its id gives {expected!r}")
        if line.get("id") not in annotations:
            problems.append(f"{line.get('id')}: no annotation in gold.jsonl")
        else:
            problems.extend(check_article(line, annotations[line["id"]], root, str(line.get("id"))))
    known = {line.get("id") for line in lines}
    problems += [f"{aid}: annotated but not in articles.jsonl" for aid in annotations if aid not in known]
    if problems:
        raise CorpusError(f"{root}: the corpus files have {len(problems)} problems", tuple(problems))
    infos = [ArticleInfo(**{k: line[k] for k in (*PROVENANCE_FIELDS, "split")}) for line in lines]
    chosen = tuple(sorted((i for i in infos if split in ("all", i.split)), key=lambda i: i.id))
    return Corpus(chosen, tuple(gold_article(annotations[i.id]) for i in chosen), root)


def load_second(root: Path) -> tuple[GoldArticle, ...]:
    """The second, blind annotation (second.jsonl), in id order."""
    return tuple(sorted((gold_article(line) for line in _read_lines(root / "second.jsonl")), key=lambda g: g.id))


def digests(root: Path) -> dict[str, str]:
    """The sha256 of gold.jsonl, of articles.jsonl, and one over the article texts they list.

    The texts' digest is the sha256 of the sorted lines "FILE SHA256-OF-ITS-BYTES", so that adding,
    removing or editing any text changes it.

    Raises:
        CorpusError: a file is missing.
    """
    infos = _read_lines(root / "articles.jsonl")
    missing = [str(line.get("file")) for line in infos if not (root / str(line.get("file"))).is_file()]
    if missing:
        raise CorpusError(f"{root}: article texts listed in articles.jsonl are missing", tuple(missing))
    lines = sorted(f"{line['file']} {hashlib.sha256((root / line['file']).read_bytes()).hexdigest()}"
                   for line in infos)
    return {
        "articles.jsonl": hashlib.sha256((root / "articles.jsonl").read_bytes()).hexdigest(),
        "gold.jsonl": hashlib.sha256((root / "gold.jsonl").read_bytes()).hexdigest(),
        "texts": hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest(),
    }
