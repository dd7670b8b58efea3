"""Long articles in sections: where the text is cut, and that coding in sections keeps the evidence whole."""

from __future__ import annotations

import pytest

from tacitus.sections import SECTION_CHARS, Section, split_sections


def _covers(text: str, sections: list[Section]) -> bool:
    """The sections are the text's, in order, with only whitespace between them."""
    position = 0
    for section in sections:
        if text[section.offset:section.offset + len(section.text)] != section.text:
            return False
        if text[position:section.offset].strip():
            return False
        position = section.offset + len(section.text)
    return not text[position:].strip()


def test_sections_an_ordinary_article_is_one_section():
    text = "Japan and Russia held talks.\n\nThey met in Moscow."
    assert split_sections(text) == [Section(0, text)]


def test_sections_cut_at_paragraph_breaks():
    paragraphs = [f"Paragraph {i} says that Japan and Russia held talks in Moscow." for i in range(40)]
    text = "\n\n".join(paragraphs)
    sections = split_sections(text, max_chars=300)
    assert len(sections) > 1 and _covers(text, sections)
    assert all(len(s.text) <= 300 for s in sections)
    assert all(s.text.startswith("Paragraph") and s.text.endswith("Moscow.") for s in sections)


@pytest.mark.parametrize("separator", [" ", "\n"])
def test_sections_cut_a_long_paragraph_after_a_sentence(separator):
    text = separator.join(f"Sentence {i} of one long paragraph." for i in range(60))
    sections = split_sections(text, max_chars=200)
    assert _covers(text, sections) and all(len(s.text) <= 200 for s in sections)
    assert all(s.text.rstrip().endswith(".") for s in sections)


def test_sections_cut_text_without_spaces_at_the_limit():
    text = "x" * 1_000
    sections = split_sections(text, max_chars=300)
    assert [len(s.text) for s in sections] == [300, 300, 300, 100] and _covers(text, sections)


def test_sections_refuse_a_size_that_is_not_positive():
    with pytest.raises(ValueError, match="max_chars must be positive"):
        split_sections("text", max_chars=0)


def test_sections_default_size_is_a_few_thousand_words():
    assert 10_000 <= SECTION_CHARS <= 40_000


@pytest.mark.slow  # loads the model
def test_sections_coding_in_sections_keeps_offsets_into_the_whole_text(monkeypatch):
    import tacitus
    from tacitus import coder

    paragraph = ("Japanese Prime Minister Shinzo Abe met Russian President Vladimir Putin in Moscow on Monday. "
                 "Russia and Japan agreed to hold talks on the islands.")
    text = "\n\n".join([paragraph] * 12)
    whole = tacitus.code_text(text, published="2015-05-16")
    monkeypatch.setattr(coder, "split_sections", lambda t: split_sections(t, max_chars=400))
    cut = tacitus.code_text(text, published="2015-05-16")
    assert len(split_sections(cut.document.text, max_chars=400)) > 1
    assert cut.document.text == whole.document.text
    # the same events with the same ids and evidence (a sentence at a section's end lacks only the blank line
    # that followed it in the whole text)
    def evidence(event):
        return (event.event_id, event.code, event.source, event.target, event.status, event.date,
                event.trigger, event.trigger_span, event.span[0], event.sentence.rstrip())

    assert [evidence(e) for e in cut.events] == [evidence(e) for e in whole.events]
    for event in cut.events:
        assert cut.document.text[event.span[0]:event.span[1]] == event.sentence
        assert cut.document.text[event.trigger_span[0]:event.trigger_span[1]] == event.trigger
