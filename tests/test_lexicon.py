"""Tests of the verb and noun pattern files and their loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.errors import DataFileError
from tacitus.lexicon import DEFAULT_NOUN_SOURCE, DEFAULT_NOUN_TARGET, DEFAULT_VERB_TARGET, Lexicon, load_lexicon
from tacitus.ontology import load_ontology

GOOD_VERB = '  - lemma: visit\n    code: "042"\n'
GOOD_NOUN = '  - lemma: visit\n    code: "042"\n'


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def write_verbs(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "verbs.yaml"
    path.write_text("# test verbs\nverbs:\n" + body, encoding="utf-8")
    return path


def write_nouns(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "nouns.yaml"
    path.write_text("nouns:\n" + body, encoding="utf-8")
    return path


def test_lexicon_loads_packaged_files(lexicon: Lexicon) -> None:
    assert len(lexicon.verbs) >= 300
    assert len(lexicon.nouns) >= 80


def test_load_lexicon_default_is_cached() -> None:
    assert load_lexicon() is load_lexicon()


def test_lexicon_codes_exist_in_ontology(lexicon: Lexicon) -> None:
    ontology = load_ontology()
    assert [pattern.code for pattern in (*lexicon.verbs, *lexicon.nouns) if pattern.code not in ontology] == []


def test_lexicon_covers_every_root(lexicon: Lexicon) -> None:
    covered = {pattern.code[:2] for pattern in (*lexicon.verbs, *lexicon.nouns)}
    assert covered == {entry.code for entry in load_ontology().roots()}


@pytest.mark.parametrize(
    "lemma", ["say", "tell", "announce", "report", "add", "note", "intend", "plan", "want", "hope", "expect", "agree"]
)
def test_lexicon_leaves_reporting_verbs_to_the_coder(lexicon: Lexicon, lemma: str) -> None:
    assert [pattern for pattern in lexicon.verbs_for(lemma) if not pattern.objects] == []


@pytest.mark.parametrize("lemma", ["beat", "defeat", "win"])
def test_lexicon_omits_sports_verbs(lexicon: Lexicon, lemma: str) -> None:
    assert lexicon.verbs_for(lemma) == []


@pytest.mark.parametrize("lemma", ["strike", "fire", "release", "return", "sign", "deploy"])
def test_lexicon_ambiguous_verbs_need_an_object(lexicon: Lexicon, lemma: str) -> None:
    patterns = lexicon.verbs_for(lemma)
    assert patterns
    assert [pattern for pattern in patterns if not pattern.objects and not pattern.particle] == []


@pytest.mark.parametrize(
    ("lemma", "particle", "obj", "code"),
    [
        ("visit", None, None, "042"),
        ("meet", None, None, "040"),
        ("call", "on", None, "020"),
        ("express", None, "concern", "110"),
        ("impose", None, "sanction", "163"),
        ("sign", None, "agreement", "057"),
        ("agree", None, "ceasefire", "0871"),
        ("go", "on", "strike", "143"),
        ("lift", None, "sanction", "085"),
        ("sever", None, "tie", "161"),
        ("arrest", None, None, "173"),
        ("kidnap", None, None, "181"),
        ("annex", None, None, "192"),
        ("massacre", None, None, "202"),
    ],
)
def test_lexicon_has_core_verb_pattern(
    lexicon: Lexicon, lemma: str, particle: str | None, obj: str | None, code: str
) -> None:
    matches = [
        pattern
        for pattern in lexicon.verbs_for(lemma)
        if pattern.particle == particle and (obj in pattern.objects if obj else not pattern.objects)
    ]
    assert [pattern.code for pattern in matches] == [code]


@pytest.mark.parametrize("lemma", ["call", "impose", "provide", "withdraw", "agree"])
def test_verbs_for_orders_most_specific_first(lexicon: Lexicon, lemma: str) -> None:
    ranks = [pattern.specificity for pattern in lexicon.verbs_for(lemma)]
    assert ranks == sorted(ranks, reverse=True)


def test_verbs_for_unknown_lemma_is_empty(lexicon: Lexicon) -> None:
    assert lexicon.verbs_for("photosynthesize") == []


def test_lexicon_reads_on_and_off_as_particles(lexicon: Lexicon) -> None:
    particles = {pattern.particle for pattern in lexicon.verbs_for("call")}
    assert {"on", "off", "for"} <= particles


@pytest.mark.parametrize(
    ("head", "compound", "code"),
    [
        ("visit", None, "042"),
        ("sanction", None, "163"),
        ("annexation", None, "192"),
        ("intrusion", None, "150"),
        ("meeting", None, "040"),
        ("strike", None, "143"),
        ("strike", "hunger", "142"),
        ("strike", "drone", "1952"),
        ("strike", "lunch", "143"),
        ("cleansing", "ethnic", "203"),
    ],
)
def test_noun_for_prefers_multiword_lemma(lexicon: Lexicon, head: str, compound: str | None, code: str) -> None:
    pattern = lexicon.noun_for(head, compound)
    assert pattern is not None
    assert pattern.code == code


def test_noun_for_unknown_noun_is_none(lexicon: Lexicon) -> None:
    assert lexicon.noun_for("relationship") is None


def test_nouns_for_lists_multiword_before_plain(lexicon: Lexicon) -> None:
    lemmas = [pattern.lemma for pattern in lexicon.nouns_for("strike")]
    assert "hunger strike" in lemmas
    assert lemmas[-1] == "strike"


def test_lexicon_lemma_sets(lexicon: Lexicon) -> None:
    assert "visit" in lexicon.verb_lemmas
    assert "hunger strike" in lexicon.noun_lemmas
    assert "cleansing" in lexicon.noun_heads
    assert "cleansing" not in lexicon.noun_lemmas


def test_load_lexicon_applies_defaults(tmp_path: Path) -> None:
    loaded = load_lexicon(write_verbs(tmp_path, GOOD_VERB), write_nouns(tmp_path, GOOD_NOUN))
    (verb,), (noun,) = loaded.verbs, loaded.nouns
    assert (verb.particle, verb.objects, verb.target, verb.note) == (None, (), DEFAULT_VERB_TARGET, "")
    assert (noun.source, noun.target) == (DEFAULT_NOUN_SOURCE, DEFAULT_NOUN_TARGET)


def test_load_lexicon_accepts_empty_target(tmp_path: Path) -> None:
    body = '  - lemma: claim\n    object: [responsibility]\n    code: "015"\n    target: []\n'
    (verb,) = load_lexicon(write_verbs(tmp_path, body), write_nouns(tmp_path, GOOD_NOUN)).verbs
    assert verb.target == ()


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('  - lemma: visit\n    code: "042"\n    colour: red\n', 3, "unknown key"),
        ('  - code: "042"\n', 3, "missing 'lemma'"),
        ("  - lemma: visit\n", 3, "missing 'code'"),
        ('  - lemma: visit\n    code: "999"\n', 3, "not a CAMEO code"),
        ("  - lemma: visit\n    code: 42\n", 3, "quoted"),
        ('  - lemma: visit\n    code: "042"\n    target: [subject]\n', 3, "target item 'subject'"),
        ('  - lemma: visit\n    code: "042"\n    target: ["prep:"]\n', 3, "target item"),
        ('  - lemma: visit\n    code: "042"\n    target: dobj dative\n', 3, "target item"),
        ('  - lemma: visit\n    code: "042"\n    object: []\n', 3, "empty list"),
        ('  - lemma: call on\n    code: "020"\n', 3, "one lower-case word"),
        ('  - lemma: Visit\n    code: "042"\n', 3, "one lower-case word"),
        ('  - lemma: visit\n    code: "042"\n    object: [Sanctions]\n', 3, "object 'Sanctions'"),
        (GOOD_VERB + GOOD_VERB, 5, "no object restriction is already used by the entry on line 3"),
        (
            GOOD_VERB
            + '  - lemma: impose\n    object: [sanction]\n    code: "163"\n'
            + '  - lemma: impose\n    object: [tariff, sanction]\n    code: "163"\n',
            8,
            "object 'sanction' is already used by the entry on line 5",
        ),
        ("  - visit\n", 3, "must be a mapping"),
    ],
)
def test_load_lexicon_rejects_bad_verb_entry(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write_verbs(tmp_path, body)
    with pytest.raises(DataFileError, match=message) as caught:
        load_lexicon(path, write_nouns(tmp_path, GOOD_NOUN))
    assert caught.value.path == str(path)
    assert caught.value.line == line


def test_load_lexicon_allows_same_verb_with_other_particle(tmp_path: Path) -> None:
    body = '  - lemma: call\n    particle: on\n    code: "020"\n  - lemma: call\n    particle: off\n'
    body += '    object: [talk]\n    code: "164"\n  - lemma: call\n    particle: for\n    code: "020"\n'
    loaded = load_lexicon(write_verbs(tmp_path, body), write_nouns(tmp_path, GOOD_NOUN))
    assert [pattern.particle for pattern in loaded.verbs_for("call")] == ["off", "on", "for"]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (GOOD_NOUN + GOOD_NOUN, 4, "already defined on line 2"),
        ('  - lemma: visit\n    code: "042"\n    source: [nsubj]\n', 2, "source item 'nsubj'"),
        ('  - lemma: visit\n    code: "042"\n    particle: to\n', 2, "unknown key"),
        ('  - lemma: hunger  strike\n    code: "142"\n', 2, "single spaces"),
    ],
)
def test_load_lexicon_rejects_bad_noun_entry(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = write_nouns(tmp_path, body)
    with pytest.raises(DataFileError, match=message) as caught:
        load_lexicon(write_verbs(tmp_path, GOOD_VERB), path)
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nouns:\n" + GOOD_NOUN, "one top-level key, 'verbs:'"),
        ("verbs:\n  lemma: visit\n", "must be a list"),
        ("verbs: [unclosed\n", "not valid YAML"),
    ],
)
def test_load_lexicon_rejects_bad_file_shape(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "verbs.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_lexicon(path, write_nouns(tmp_path, GOOD_NOUN))
