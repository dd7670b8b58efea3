"""Hand-built Docs for the component tests (spaCy's tests/README: build the Doc, set what earlier stages wrote).

Each token is (text, head, dep, pos, tag, lemma, entity IOB), as en_core_web_sm parses the sentence; `head` is
the absolute index of the head token.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

import tacitus.registrations  # noqa: F401 - the extension attributes
from tacitus.components.mentions import Mention
from tacitus.knowledge import load_knowledge
from tacitus.model import Actor

Row = tuple[str, int, str, str, str, str, str]
VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_punct …), no model


def make_doc(rows: list[Row], **extensions: Any) -> Doc:
    """A Doc with the parse, tags, lemmas and entities of `rows`, and the given `doc._` extensions set."""
    words, heads, deps, pos, tags, lemmas, ents = (list(column) for column in zip(*rows))
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",", ":", "'s") for i in range(len(words))]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
              ents=ents)
    for name, value in extensions.items():
        setattr(doc._, name, value)
    return doc


def country(iso3: str, sector: str | None = None, text: str | None = None) -> Actor:
    """The actor of a state (or of one of its sectors), as the actor component resolves it."""
    known = load_knowledge().country_by_code(iso3)
    return Actor(text or known.name, known.name, known.iso3, sector, known.actor_code(sector))


def group(sector: str, text: str) -> Actor:
    """A group named without nationality ("protesters"), as the actor component resolves it."""
    return Actor(text, text.lower(), None, sector, sector)


def mention(doc: Doc, head: int, *actors: Actor, start: int | None = None, kind: str = "entity") -> Mention:
    """A mention of `actors` headed by token `head` (one token long unless `start` says otherwise)."""
    first = head if start is None else start
    return Mention(first, head + 1, head, actors, kind, 1.0, "hand-built")


# -- parses of the sentences the tests use -----------------------------------------------------------------------
PROTESTERS_IN_BUCHAREST = [
    ("Protesters", 1, "nsubj", "NOUN", "NNS", "protester", "O"),
    ("marched", 1, "ROOT", "VERB", "VBD", "march", "O"),
    ("in", 1, "prep", "ADP", "IN", "in", "O"),
    ("Bucharest", 2, "pobj", "PROPN", "NNP", "Bucharest", "B-GPE"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
ROMANIAN_PROTESTERS = [
    ("Romanian", 1, "amod", "ADJ", "JJ", "romanian", "B-NORP"),
    ("protesters", 2, "nsubj", "NOUN", "NNS", "protester", "O"),
    ("rallied", 2, "ROOT", "VERB", "VBD", "rally", "O"),
    (".", 2, "punct", "PUNCT", ".", ".", "O"),
]
SERBIA_DISARMED = [
    ("Serbia", 1, "nsubj", "PROPN", "NNP", "Serbia", "B-GPE"),
    ("disarmed", 1, "ROOT", "VERB", "VBD", "disarm", "O"),
    ("Kosovo", 3, "compound", "PROPN", "NNP", "Kosovo", "B-GPE"),
    ("militias", 1, "dobj", "NOUN", "NNS", "militia", "O"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
TALKS_IN_MOSCOW = [
    ("Japan", 3, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
    ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
    ("Russia", 0, "conj", "PROPN", "NNP", "Russia", "B-GPE"),
    ("held", 3, "ROOT", "VERB", "VBD", "hold", "O"),
    ("talks", 3, "dobj", "NOUN", "NNS", "talk", "O"),
    ("in", 4, "prep", "ADP", "IN", "in", "O"),
    ("Moscow", 5, "pobj", "PROPN", "NNP", "Moscow", "B-GPE"),
    ("on", 3, "prep", "ADP", "IN", "on", "O"),
    ("Monday", 7, "pobj", "PROPN", "NNP", "Monday", "B-DATE"),
    (".", 3, "punct", "PUNCT", ".", ".", "O"),
]
CONDOLENCES_TO_FAMILIES = [  # "The U.S. offered condolences to the families ."
    ("The", 1, "det", "DET", "DT", "the", "O"),
    ("U.S.", 2, "nsubj", "PROPN", "NNP", "U.S.", "B-GPE"),
    ("offered", 2, "ROOT", "VERB", "VBD", "offer", "O"),
    ("condolences", 2, "dobj", "NOUN", "NNS", "condolence", "O"),
    ("to", 2, "dative", "ADP", "IN", "to", "O"),
    ("the", 6, "det", "DET", "DT", "the", "O"),
    ("families", 4, "pobj", "NOUN", "NNS", "family", "O"),
    (".", 2, "punct", "PUNCT", ".", ".", "O"),
]
THREAT_OF_SANCTIONS = [
    ("China", 1, "nsubj", "PROPN", "NNP", "China", "B-GPE"),
    ("threatened", 1, "ROOT", "VERB", "VBD", "threaten", "O"),
    ("to", 3, "aux", "PART", "TO", "to", "O"),
    ("impose", 1, "xcomp", "VERB", "VB", "impose", "O"),
    ("sanctions", 3, "dobj", "NOUN", "NNS", "sanction", "O"),
    ("on", 3, "prep", "ADP", "IN", "on", "O"),
    ("Lithuania", 5, "pobj", "PROPN", "NNP", "Lithuania", "B-GPE"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
WILL_NOT_VISIT = [
    ("Putin", 3, "nsubj", "PROPN", "NNP", "Putin", "B-PERSON"),
    ("will", 3, "aux", "AUX", "MD", "will", "O"),
    ("not", 3, "neg", "PART", "RB", "not", "O"),
    ("visit", 3, "ROOT", "VERB", "VB", "visit", "O"),
    ("Japan", 3, "dobj", "PROPN", "NNP", "Japan", "B-GPE"),
    (".", 3, "punct", "PUNCT", ".", ".", "O"),
]
ASKED_THEN_CONVEYED = [
    ("The", 1, "det", "DET", "DT", "the", "O"),
    ("U.S.", 2, "nsubj", "PROPN", "NNP", "U.S.", "B-GPE"),
    ("asked", 2, "ROOT", "VERB", "VBD", "ask", "O"),
    ("Japan", 2, "dobj", "PROPN", "NNP", "Japan", "B-GPE"),
    ("to", 5, "aux", "PART", "TO", "to", "O"),
    ("be", 2, "xcomp", "AUX", "VB", "be", "O"),
    ("cautious", 5, "acomp", "ADJ", "JJ", "cautious", "O"),
    (".", 2, "punct", "PUNCT", ".", ".", "O"),
    ("It", 10, "nsubj", "PRON", "PRP", "it", "O"),
    ("also", 10, "advmod", "ADV", "RB", "also", "O"),
    ("conveyed", 10, "ROOT", "VERB", "VBD", "convey", "O"),
    ("its", 12, "poss", "PRON", "PRP$", "its", "O"),
    ("concern", 10, "dobj", "NOUN", "NN", "concern", "O"),
    (".", 10, "punct", "PUNCT", ".", ".", "O"),
]
MISSILE_OVER_JAPAN = [
    ("North", 1, "compound", "PROPN", "NNP", "North", "B-GPE"),
    ("Korea", 2, "nsubj", "PROPN", "NNP", "Korea", "I-GPE"),
    ("fired", 2, "ROOT", "VERB", "VBD", "fire", "O"),
    ("a", 4, "det", "DET", "DT", "a", "O"),
    ("missile", 2, "dobj", "NOUN", "NN", "missile", "O"),
    ("over", 4, "prep", "ADP", "IN", "over", "O"),
    ("Japan", 5, "pobj", "PROPN", "NNP", "Japan", "B-GPE"),
    (".", 2, "punct", "PUNCT", ".", ".", "O"),
]
ABE_THEN_HE = [
    ("Abe", 1, "nsubj", "PROPN", "NNP", "Abe", "B-PERSON"),
    ("met", 1, "ROOT", "VERB", "VBD", "meet", "O"),
    ("Putin", 1, "dobj", "PROPN", "NNP", "Putin", "B-PERSON"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
    ("He", 5, "nsubj", "PRON", "PRP", "he", "O"),
    ("praised", 5, "ROOT", "VERB", "VBD", "praise", "O"),
    ("Russia", 5, "dobj", "PROPN", "NNP", "Russia", "B-GPE"),
    (".", 5, "punct", "PUNCT", ".", ".", "O"),
]

# "Japan gifted rice to Haiti ."
GIFTED_RICE = [
    ("Japan", 1, "nsubj", "PROPN", "NNP", "Japan", "B-GPE"),
    ("gifted", 1, "ROOT", "VERB", "VBD", "gift", "O"),
    ("rice", 1, "dobj", "NOUN", "NN", "rice", "O"),
    ("to", 1, "dative", "ADP", "IN", "to", "O"),
    ("Haiti", 3, "pobj", "PROPN", "NNP", "Haiti", "B-GPE"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
BOMB_KILLED_SOLDIERS = [  # "A roadside bomb killed three soldiers ."
    ("A", 2, "det", "DET", "DT", "a", "O"),
    ("roadside", 2, "compound", "NOUN", "NN", "roadside", "O"),
    ("bomb", 3, "nsubj", "NOUN", "NN", "bomb", "O"),
    ("killed", 3, "ROOT", "VERB", "VBD", "kill", "O"),
    ("three", 5, "nummod", "NUM", "CD", "three", "B-CARDINAL"),
    ("soldiers", 3, "dobj", "NOUN", "NNS", "soldier", "O"),
    (".", 3, "punct", "PUNCT", ".", ".", "O"),
]
CONDEMN_MASSACRES = [  # "We condemn in the strongest terms the massacres of Syrian civilians ."
    ("We", 1, "nsubj", "PRON", "PRP", "we", "O"),
    ("condemn", 1, "ROOT", "VERB", "VBP", "condemn", "O"),
    ("in", 1, "prep", "ADP", "IN", "in", "O"),
    ("the", 5, "det", "DET", "DT", "the", "O"),
    ("strongest", 5, "amod", "ADJ", "JJS", "strong", "O"),
    ("terms", 2, "pobj", "NOUN", "NNS", "term", "O"),
    ("the", 7, "det", "DET", "DT", "the", "O"),
    ("massacres", 5, "appos", "NOUN", "NNS", "massacre", "O"),
    ("of", 7, "prep", "ADP", "IN", "of", "O"),
    ("Syrian", 10, "amod", "ADJ", "JJ", "syrian", "B-NORP"),
    ("civilians", 8, "pobj", "NOUN", "NNS", "civilian", "O"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
CONDEMNS_BOMBINGS_IN_KANDAHAR = [  # "The United States condemns the bombings that occurred in Kandahar City ."
    ("The", 2, "det", "DET", "DT", "the", "B-GPE"),
    ("United", 2, "compound", "PROPN", "NNP", "United", "I-GPE"),
    ("States", 3, "nsubj", "PROPN", "NNP", "States", "I-GPE"),
    ("condemns", 3, "ROOT", "VERB", "VBZ", "condemn", "O"),
    ("the", 5, "det", "DET", "DT", "the", "O"),
    ("bombings", 3, "dobj", "NOUN", "NNS", "bombing", "O"),
    ("that", 7, "nsubj", "PRON", "WDT", "that", "O"),
    ("occurred", 5, "relcl", "VERB", "VBD", "occur", "O"),
    ("in", 7, "prep", "ADP", "IN", "in", "O"),
    ("Kandahar", 10, "compound", "PROPN", "NNP", "Kandahar", "B-GPE"),
    ("City", 8, "pobj", "PROPN", "NNP", "City", "O"),
    (".", 3, "punct", "PUNCT", ".", ".", "O"),
]
UNION_LEADERS_DETAINED = [  # "Union leaders were detained in Conakry ."
    ("Union", 1, "compound", "NOUN", "NN", "union", "O"),
    ("leaders", 3, "nsubjpass", "NOUN", "NNS", "leader", "O"),
    ("were", 3, "auxpass", "AUX", "VBD", "be", "O"),
    ("detained", 3, "ROOT", "VERB", "VBN", "detain", "O"),
    ("in", 3, "prep", "ADP", "IN", "in", "O"),
    ("Conakry", 4, "pobj", "PROPN", "NNP", "Conakry", "B-GPE"),
    (".", 3, "punct", "PUNCT", ".", ".", "O"),
]
MEMBERS_OF_ACTIVIST_GROUP = [  # "Police arrested members of the activist group ."
    ("Police", 1, "nsubj", "NOUN", "NNS", "police", "O"),
    ("arrested", 1, "ROOT", "VERB", "VBD", "arrest", "O"),
    ("members", 1, "dobj", "NOUN", "NNS", "member", "O"),
    ("of", 2, "prep", "ADP", "IN", "of", "O"),
    ("the", 6, "det", "DET", "DT", "the", "O"),
    ("activist", 6, "compound", "NOUN", "NN", "activist", "O"),
    ("group", 3, "pobj", "NOUN", "NN", "group", "O"),
    (".", 1, "punct", "PUNCT", ".", ".", "O"),
]
