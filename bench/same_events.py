"""Whether a change to the pipeline changed its output: code a fixed set of articles and diff the result.

    .venv/bin/python bench/same_events.py --write before.json     # on the tree before the change
    .venv/bin/python bench/same_events.py --compare before.json   # after: prints every difference, exit 1 if any

The articles are the train and dev splits of the real-news corpus (tests/realnews; never the test split), given
as a user with a scraped feed gives them (`tacitus.evaluation.coding.feed_lines`), and the bundled samples
(samples/). Each is coded with the trained detector off and on; what is kept is each article's document
(metadata and cleaned text) and all its events, as JSON (`as_dict`). A speed-up that changes behaviour shows as
a difference; zero differences is the bar.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "realnews"
SAMPLES = REPO / "samples"
SPLITS = ("train", "dev")


def _inputs(directory: Path) -> list[str]:
    """The input paths: one JSONL feed of the corpus's train+dev articles, and the sample files."""
    from tacitus.evaluation.coding import feed_lines
    from tacitus.evaluation.corpus import load_corpus

    feed = directory / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for split in SPLITS:
            out.writelines(line + "\n" for line in feed_lines(load_corpus(CORPUS, split)))
    return [str(feed), *sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())]


def snapshot() -> dict[str, list[dict]]:
    """Every article coded with the detector off and on: {"off"/"on": [{"document": …, "events": […]}, …]}."""
    from tacitus.coder import code_paths

    out: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="tacitus-same-") as directory:
        paths = _inputs(Path(directory))
        for setting, on in (("off", False), ("on", True)):
            out[setting] = [{"document": {**article.document.as_dict(),
                                          "source": article.document.source.replace(directory, "<feed>")},
                             "events": [event.as_dict() for event in article.events]}
                            for article in code_paths(paths, detector=on)]
    return out


def differences(before: dict, after: dict) -> list[str]:
    """One line per article whose document or events differ, per detector setting."""
    lines = []
    for setting in sorted(set(before) | set(after)):
        old, new = before.get(setting, []), after.get(setting, [])
        if len(old) != len(new):
            lines.append(f"detector {setting}: {len(old)} articles before, {len(new)} after")
        for first, second in zip(old, new):
            name = first["document"]["id"]
            if first["document"] != second["document"]:
                keys = sorted(k for k in first["document"] if first["document"][k] != second["document"].get(k))
                lines.append(f"detector {setting}: {name}: document differs in {', '.join(keys)}")
            if first["events"] != second["events"]:
                gone = [e for e in first["events"] if e not in second["events"]]
                added = [e for e in second["events"] if e not in first["events"]]
                lines.append(f"detector {setting}: {name}: {len(first['events'])} events before, "
                             f"{len(second['events'])} after ({len(gone)} gone, {len(added)} new or changed"
                             f"{', same set in another order' if not gone and not added else ''})")
                lines.extend(f"    - {e['code']} {e['source']['code']}→{(e['target'] or {}).get('code')} "
                             f"{e['status']}: {e['sentence'][:90]}" for e in gone)
                lines.extend(f"    + {e['code']} {e['source']['code']}→{(e['target'] or {}).get('code')} "
                             f"{e['status']}: {e['sentence'][:90]}" for e in added)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="FILE", help="code the articles and write the result")
    group.add_argument("--compare", type=Path, metavar="FILE", help="code them and diff against FILE")
    args = parser.parse_args()
    current = json.loads(json.dumps(snapshot(), ensure_ascii=False))  # as it reads back from the file
    counts = ", ".join(f"detector {s}: {len(arts)} articles, {sum(len(a['events']) for a in arts)} events"
                       for s, arts in current.items())
    if args.write:
        args.write.write_text(json.dumps(current, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"wrote {args.write} ({counts})")
        return 0
    lines = differences(json.loads(args.compare.read_text(encoding="utf-8")), current)
    print("\n".join(lines) if lines else f"no differences ({counts})")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
