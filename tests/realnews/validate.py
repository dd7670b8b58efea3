"""Check annotators' working files (tests/realnews/batches/*/*.json) against GUIDELINES.md.

    python tests/realnews/validate.py [BATCH_DIR ...]

Prints one line per problem and a summary; exits 1 when there is a problem.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "src" / "tacitus" / "data"
STATUSES = {"occurred", "planned", "requested", "hypothetical", "negated"}
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "BUS", "MED", "NGO", "IGO", "ELI", "REL",
           "EDU", "HLH", "LAB", "SPY", "REF", "CRM", "AGR", "ENV", "UAF", None}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _rows(path: Path) -> list[list[str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


def _codes() -> tuple[set[str], set[str]]:
    cameo = {row[0] for row in _rows(DATA / "ontology" / "cameo.tsv") if row[0] != "code"}
    actors = {row[0] for row in _rows(DATA / "actors" / "countries.tsv") if row[0] != "iso3"}
    actors |= {row[0] for row in _rows(DATA / "actors" / "igos.tsv") if row[0] != "code"}
    return cameo, actors | {"---"}


def _collapse(text: str) -> str:
    return " ".join(text.split())


def check_file(path: Path, cameo: set[str], actors: set[str]) -> list[str]:
    """Return the problems of one working file."""
    problems: list[str] = []
    say = problems.append
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [f"{path}: not readable JSON: {exc}"]
    article, gold = record.get("article") or {}, record.get("gold") or {}
    aid = article.get("id")
    if not aid or gold.get("id") != aid or path.stem != aid:
        say(f"{path}: article.id, gold.id and the file name must agree")
    for key in ("id", "file", "url", "outlet", "licence", "published_shown", "kind", "topic"):
        if key not in article:
            say(f"{path}: article lacks {key!r}")
    text_path = HERE / str(article.get("file", ""))
    if not text_path.is_file():
        say(f"{path}: text file {article.get('file')!r} not found under tests/realnews/")
        text = ""
    else:
        text = _collapse(text_path.read_text(encoding="utf-8"))
    for key in ("headline", "published", "outlet", "dateline", "negative", "events"):
        if key not in gold:
            say(f"{path}: gold lacks {key!r}")
    if gold.get("published") is not None and not ISO_DATE.match(str(gold["published"])):
        say(f"{path}: published {gold['published']!r} is not YYYY-MM-DD")
    events = gold.get("events") or []
    if gold.get("negative") and events:
        say(f"{path}: a negative article has events")
    if (article.get("kind") == "negative") != bool(gold.get("negative")):
        say(f"{path}: article.kind and gold.negative disagree")
    for n, event in enumerate(events, 1):
        where = f"{path}: event {n}"
        for role in ("source", "target"):
            actor = event.get(role)
            if actor is None and role == "target":
                continue
            if not isinstance(actor, dict):
                say(f"{where}: {role} must be an object")
                continue
            if actor.get("country") not in actors:
                say(f"{where}: {role} country {actor.get('country')!r} is not an ISO3/IGO code or '---'")
            if actor.get("sector") not in SECTORS:
                say(f"{where}: {role} sector {actor.get('sector')!r} unknown")
            if not actor.get("text"):
                say(f"{where}: {role} has no text")
        code = str(event.get("code", ""))
        if code not in cameo or len(code) < 3:
            say(f"{where}: code {code!r} is not a 3- or 4-digit CAMEO code")
        if event.get("root") != code[:2]:
            say(f"{where}: root {event.get('root')!r} does not match code {code!r}")
        if event.get("status") not in STATUSES:
            say(f"{where}: status {event.get('status')!r}")
        date = event.get("date") or {}
        for key in ("start", "end"):
            if date.get(key) is not None and not ISO_DATE.match(str(date[key])):
                say(f"{where}: date.{key} {date[key]!r} is not YYYY-MM-DD")
        if date.get("start") and date.get("end") and date["start"] > date["end"]:
            say(f"{where}: date starts after it ends")
        place = event.get("place")
        if place is not None and (not isinstance(place, dict) or "name" not in place):
            say(f"{where}: place must be null or {{name, country}}")
        if not isinstance(event.get("background", False), bool):
            say(f"{where}: background must be true or false")
        mentions = event.get("mentions") or []
        if not mentions:
            say(f"{where}: no mentions")
        for mention in mentions:
            if text and _collapse(mention) not in text:
                say(f"{where}: mention not found verbatim in the text: {mention[:70]!r}")
    return problems


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or sorted((HERE / "batches").glob("*/"))
    cameo, actors = _codes()
    files = [f for d in dirs for f in sorted(d.glob("*.json"))]
    problems = [p for f in files for p in check_file(f, cameo, actors)]
    for problem in problems:
        print(problem)
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
