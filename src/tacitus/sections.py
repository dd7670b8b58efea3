"""Long articles in sections: the cleaned text cut at paragraph boundaries into pieces the pipeline codes apart.

Some of a document's steps compare each mention with the mentions before it (coreference, the story's home
country), so their cost grows with the square of the document's length. Coding a long article section by section
bounds that cost by the section's length, and the whole article costs time linear in its length. An ordinary
article (up to `SECTION_CHARS`, about 3,000 words) is one section: the text it always was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The largest section, in characters of cleaned text (about 3,000 words).
SECTION_CHARS = 20_000

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Where a paragraph longer than a section may be cut when it must: after a sentence, else at a line, else a space.
_CUTS = (re.compile(r"[.!?][\"”’)\]]*\s"), re.compile(r"\n"), re.compile(r"\s"))


@dataclass(frozen=True, slots=True)
class Section:
    """A piece of a document's cleaned text.

    Attributes:
        offset: where the section starts in the whole text (evidence offsets are shifted by it).
        text: the section's text, `whole[offset:offset + len(text)]`.
    """

    offset: int
    text: str


def split_sections(text: str, max_chars: int = SECTION_CHARS) -> list[Section]:
    """Cut `text` into sections of at most `max_chars` characters, at paragraph boundaries where it can.

    Paragraphs are gathered into a section while they fit; a paragraph longer than a section is cut after its
    last sentence that fits (else at a line break, a space, or at `max_chars` when it has none). The sections
    cover the text in order, with nothing between them but the whitespace of the breaks.

    Raises:
        ValueError: `max_chars` is not positive.
    """
    if max_chars <= 0:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    if len(text) <= max_chars:
        return [Section(0, text)]
    sections: list[Section] = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        sections.append(Section(start, text[start:end]))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        sections.append(Section(start, text[start:]))
    return sections


def _cut(text: str, start: int, limit: int) -> int:
    """The end of the section that starts at `start`: the last paragraph break before `limit`, else a cut."""
    window = text[start:limit + 1]
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(window) if m.start() > 0]
    if breaks:
        return start + breaks[-1]
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(window) if 0 < m.end() <= max(1, limit - start)]
        if ends:
            return start + ends[-1]
    return limit
