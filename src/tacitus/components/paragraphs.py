"""Paragraph breaks end sentences.

A page's text keeps its paragraphs apart with a blank line. spaCy's parser does not always end a sentence there:
a closing quotation mark, a caption, a lead-in line ("Pentagon Press Secretary Peter Cook provided the following
readout:") or page furniture ("XS", "SM", "MD") is glued to the next paragraph's first sentence, and the detector
and the patterns then read one sentence made of two. This component runs before the parser and marks the first
word after a blank line as a sentence start, which the parser keeps. It writes `doc._.tacitus_paragraphs`: the
token index of each paragraph's first word after the first.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

#: White space that holds a blank line: two line breaks with nothing but spaces or tabs between them.
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


class ParagraphBreaks:
    """Start a sentence at the first word of every paragraph (see the module's docstring)."""

    def __init__(self, name: str = "tacitus_paragraphs") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts: list[int] = []
        gap = None  # the white space since the last word; None before the first word
        for token in doc:
            if token.is_space:
                if gap is not None:
                    gap += token.text + token.whitespace_
                continue
            if gap is not None and BLANK_LINE.search(gap):
                token.is_sent_start = True
                starts.append(token.i)
            gap = token.whitespace_
        doc._.tacitus_paragraphs = tuple(starts)
        return doc
