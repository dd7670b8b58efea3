"""Actor mentions: the data the actor component attaches to a Doc, and how event code reads it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Actor


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of tokens that names one or more actors.

    Attributes:
        start, end: token span [start, end) of the mention.
        head: index of the token that carries the mention in the parse (the noun a verb attaches to).
        actors: what the mention resolves to (two or more for "the two countries", "Japan-Russia").
        kind: how it was found: "entity", "person", "group", "pronoun", "pair", "speaker".
        confidence: how sure the resolution is, in [0, 1].
        how: a short note on how it was resolved ("office holder 2012-12-26..2020-09-16", "demonym", "coref").
    """

    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]
    kind: str
    confidence: float
    how: str


def _sentence_index(doc) -> tuple[list[Span], list[int]]:
    index = doc.user_data.get("tacitus_sentence_index")
    if index is None:
        sentences = list(doc.sents)
        owner = [0] * len(doc)
        for number, sent in enumerate(sentences):
            for i in range(sent.start, sent.end):
                owner[i] = number
        index = doc.user_data["tacitus_sentence_index"] = (sentences, owner)
    return index


def sentence_of(token: Token) -> Span:
    """The sentence of a token, from an index built once per Doc (spaCy's `Token.sent` rescans the Doc)."""
    sentences, owner = _sentence_index(token.doc)
    return sentences[owner[token.i]]


def sentences_of(doc) -> list[Span]:
    """The Doc's sentences, listed once per Doc (each pass over `Doc.sents` walks every token again)."""
    return _sentence_index(doc)[0]


def span_text(span: Span) -> str:
    """The text of a span, cut from the Doc's text (spaCy's `Span.text` joins its tokens on each access)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def tokens_of(doc) -> list[Token]:
    """The Doc's tokens, made once per Doc: iterating a Doc builds a new Token object for each one every time."""
    tokens = doc.user_data.get("tacitus_tokens")
    if tokens is None:
        tokens = doc.user_data["tacitus_tokens"] = list(doc)
    return tokens


def keep_text(doc, text: str) -> None:
    """Give a Doc the text it was made from, so that `doc_text` need not join its tokens again."""
    doc.user_data["tacitus_text"] = text


def doc_text(doc) -> str:
    """The Doc's text, built once (spaCy's `Doc.text` joins every token on each access)."""
    text = doc.user_data.get("tacitus_text")
    if text is None:
        text = doc.user_data["tacitus_text"] = doc.text
    return text


def entity_of(token: Token) -> Span | None:
    """The entity of `doc.ents` a token is part of, or None, from an index built once per Doc (scanning
    `doc.ents` for each token costs time in the square of the document's length)."""
    doc = token.doc
    index = doc.user_data.get("tacitus_entity_index")
    if index is None:
        index = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                index.setdefault(i, ent)
        doc.user_data["tacitus_entity_index"] = index
    return index.get(token.i)


def mention_index(doc) -> dict[int, Mention]:
    """The Doc's mentions after coreference (`doc._.tacitus_coref`) by head token, built once per Doc."""
    index = doc.user_data.get("tacitus_mention_index")
    if index is None:
        index = {}
        for mention in doc._.tacitus_coref or ():
            index[mention.head] = mention
        doc.user_data["tacitus_mention_index"] = index
    return index
