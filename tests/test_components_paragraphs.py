"""The paragraph component: a paragraph's first word starts a sentence, and the parser keeps it."""

import pytest
import spacy
from spacy.tokens import Doc

import tacitus.registrations  # noqa: F401 - the extension attributes
from tacitus.components.paragraphs import ParagraphBreaks

VOCAB = spacy.blank("en").vocab


def doc_of(words: list[str], spaces: list[bool] | None = None) -> Doc:
    return Doc(VOCAB, words=words, spaces=spaces or [False] * len(words))


def test_paragraphs_a_blank_line_starts_a_sentence():
    # '"' closing the last paragraph, then the next one: spaCy's parser glues them into one sentence
    doc = ParagraphBreaks()(doc_of(['"', "\n\n", "He", "warned", "people", "."]))
    assert doc._.tacitus_paragraphs == (2,)
    assert doc[2].is_sent_start is True
    assert doc[3].is_sent_start is None  # left to the parser


def test_paragraphs_one_line_break_is_no_paragraph():
    doc = ParagraphBreaks()(doc_of(["Police", "\n", "fired", "tear", "gas", "."]))
    assert doc._.tacitus_paragraphs == ()
    assert all(t.is_sent_start is None for t in doc[1:])


def test_paragraphs_blank_line_with_spaces_and_runs_of_space_tokens():
    doc = ParagraphBreaks()(doc_of(["XS", "\n \n", "SM", "\n", "\n", "MD", "\n\n\n", "LG"]))
    assert doc._.tacitus_paragraphs == (2, 5, 7)


def test_paragraphs_nothing_to_do_on_one_paragraph_or_an_empty_doc():
    assert ParagraphBreaks()(doc_of([]))._.tacitus_paragraphs == ()
    doc = ParagraphBreaks()(doc_of(["\n\n", "Japan", "pledged", "aid", "."]))
    assert doc._.tacitus_paragraphs == ()  # the first word of the text starts its sentence anyway


@pytest.mark.slow
def test_paragraphs_the_parser_keeps_the_boundary():
    from tacitus.pipeline import load_pipeline

    nlp = load_pipeline(detector=False)
    assert nlp.pipe_names.index("tacitus_paragraphs") < nlp.pipe_names.index("parser")
    text = ('He said the talks "went well."\n\nThe ferry was filled with 870 passengers when it collided with a '
            "freighter.\n\nPentagon Press Secretary Peter Cook provided the following readout:\n\nSecretary of "
            "Defense Ash Carter met with Turkish Minister of Defense Fikri Isik today.")
    doc = nlp(text)
    sentences = [s.text.strip() for s in doc.sents]
    assert not any("\n\n" in s for s in sentences)
    assert sentences[-1] == "Secretary of Defense Ash Carter met with Turkish Minister of Defense Fikri Isik today."
