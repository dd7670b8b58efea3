"""Small event databases for the web tests: hand-made articles (no spaCy model) and tiny real articles to code.

`build_handmade(path)` writes four documents whose events have exact offsets into their text: a Japan–Russia
meeting in Tokyo, a planned visit (fulfilled later), criticism, an attack in Ukraine, a UN appeal, a rejected page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tacitus.model import Actor, Article, Document, Event, Location, When
from tacitus.ontology import load_ontology
from tacitus.store.db import Store
from tacitus.store.dedup import refresh_stories
from tacitus.store.ingest import write_articles

JPN = Actor("Japan", "Japan", "JPN", None, "JPN")
JPNGOV = Actor("Prime Minister Shinzo Abe", "Shinzo Abe", "JPN", "GOV", "JPNGOV")
RUS = Actor("Russia", "Russia", "RUS", None, "RUS")
RUSGOV = Actor("Vladimir Putin", "Vladimir Putin", "RUS", "GOV", "RUSGOV")
RUSMIL = Actor("Russian troops", "Russia", "RUS", "MIL", "RUSMIL")
UKR = Actor("Ukraine", "Ukraine", "UKR", None, "UKR")
UNO = Actor("The United Nations", "United Nations", None, "IGO", "IGOUNO")
TOKYO = Location("Tokyo", "JPN", 35.68, 139.69)
KYIV = Location("Kyiv", "UKR", 50.45, 30.52)

TEXTS = {
    "doc-tokyo": ("Abe and Putin meet in Tokyo",
                  ("Prime Minister Shinzo Abe met Vladimir Putin in Tokyo on Thursday. Vladimir Putin will visit "
                   "Japan before the end of the year. Japan criticised Russia over the islands."), "2016-03-10"),
    "doc-visit": ("Putin arrives", "Vladimir Putin visited Japan on Friday. Russian troops attacked Ukraine near Kyiv.",
                  "2016-12-16"),
    "doc-un": ("UN appeal", "The United Nations urged Russia to withdraw. Japan will sanction Russia.", "2017-02-01"),
}

# doc id → (sentence index, trigger, source, target, code, status, start, end, precision, location)
EVENTS = {
    "doc-tokyo": [(0, "met", JPNGOV, RUSGOV, "040", "occurred", "2016-03-10", "2016-03-10", "day", TOKYO),
                  (1, "visit", RUSGOV, JPN, "042", "planned", None, "2016-12-31", "interval", None),
                  (2, "criticised", JPN, RUS, "111", "occurred", "2016-03-10", "2016-03-10", "publication", None)],
    "doc-visit": [(0, "visited", RUSGOV, JPN, "042", "occurred", "2016-12-16", "2016-12-16", "day", None),
                  (1, "attacked", RUSMIL, UKR, "190", "occurred", "2016-12-16", "2016-12-16", "publication", KYIV)],
    "doc-un": [(0, "urged", UNO, RUS, "102", "occurred", "2017-02-01", "2017-02-01", "publication", None),
               (1, "sanction", JPN, RUS, "163", "planned", None, "2017-12-31", "publication", None)],
}


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for index, char in enumerate(text):
        if char == "." and (index + 1 == len(text) or text[index + 1] == " "):
            spans.append((start, index + 1))
            start = index + 2
    return spans


def handmade_articles() -> list[Article]:
    """The hand-made articles, with events whose offsets point into their text."""
    ontology = load_ontology()
    articles = []
    for doc_id, (title, text, published) in TEXTS.items():
        sentences = _sentences(text)
        events = []
        for number, (index, trigger, source, target, code, status, start, end, precision, place) in enumerate(
                EVENTS[doc_id]):
            s_start, s_end = sentences[index]
            t_start = text.index(trigger, s_start)
            cameo = ontology.get(code)
            event_id = hashlib.sha1(f"{doc_id}|{number}".encode()).hexdigest()[:16]
            events.append(Event(
                doc_id=doc_id, event_id=event_id, code=cameo.code, root=cameo.root, label=cameo.label,
                quad_class=cameo.quad_class, goldstein=cameo.goldstein, plover=cameo.plover, status=status,
                source=source, target=target, date=When(start, end, precision), location=place,
                sentence=text[s_start:s_end], span=(s_start, s_end), trigger=trigger,
                trigger_span=(t_start, t_start + len(trigger)), rule=f"test:{trigger}", confidence=0.9))
        document = Document(id=doc_id, source=f"{doc_id}.txt", text=text, title=title, outlet="Test Times",
                            published=published, url="https://example.org/" + doc_id)
        articles.append(Article(document, tuple(events)))
    articles.append(Article(Document(id="doc-rejected", source="empty.txt", status="rejected",
                                     reason="clean: nothing left after cleaning")))
    return articles


def build_handmade(path: Path) -> Path:
    """A database of the hand-made articles, with stories built."""
    with Store.open(path) as store:
        write_articles(store, [(a, a.document.id) for a in handmade_articles()])
        refresh_stories(store.con)
    return path


# Tiny articles for the real coder (the browser test codes them with `tacitus.store.ingest`).
REAL_ARTICLES = {
    "2016-03-10-tokyo.txt": "Abe and Putin hold talks\n\nJapanese Prime Minister Shinzo Abe met Russian President "
                            "Vladimir Putin in Tokyo on Thursday. Putin will visit Japan before the end of the "
                            "year. Japan criticised Russia over the Kuril Islands.\n",
    "2016-06-02-moscow.txt": "Lavrov warns Tokyo\n\nRussia accused Japan of provocations near the Kuril Islands. "
                             "Russian troops attacked positions in Ukraine on Monday.\n",
    "2016-12-16-visit.txt": "Putin in Japan\n\nVladimir Putin visited Japan on Friday. Japan and Russia signed an "
                            "agreement on fishing in Tokyo.\n",
    "2017-04-20-aid.txt": "Aid for Ukraine\n\nJapan pledged aid to Ukraine on Thursday. The United Nations urged "
                          "Russia to withdraw its troops from Ukraine.\n",
}


def write_real_corpus(directory: Path) -> Path:
    """The tiny real articles as JSONL with their publication dates, for `ingest`."""
    import json

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for name, text in REAL_ARTICLES.items():
            title, _, body = text.partition("\n\n")
            out.write(json.dumps({"id": name.removesuffix(".txt"), "title": title, "text": body,
                                  "published": name[:10], "outlet": "Test Times"}) + "\n")
    return path
