"""The place component: where each event candidate happened, as a place of the gazetteer with its coordinates.

"in"/"at" + a known place attached to the trigger (or to the noun it modifies, or to the verb that carries it),
and places the gazetteer lacks but the text describes ("the Ethiopian city of Axum", "a village in Ukraine").
The component writes `doc._.tacitus_places`; a visit's host country, when the text names no place, is the
roles component's (it follows from the dyad).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..knowledge_files import KnowledgeFiles
from ..model import Location
from .base import Component
from .candidate import Candidate
from .mentions import entity_of


class PlaceResolver(Component):
    """Write `doc._.tacitus_places`: for each candidate of `doc._.tacitus_candidates`, its Location or None."""

    def configure(self, files: KnowledgeFiles) -> None:
        self.kb = files.knowledge
        self.grammar = files.grammar

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Candidate] = doc._.tacitus_candidates
        doc._.tacitus_places = [self._from_parse(doc[candidate.trigger]) for candidate in candidates]
        return doc

    def _from_parse(self, trigger: Token) -> Location | None:
        heads = [trigger]
        # "struck targets in the Gaza Strip", "shelled residential areas of Mariupol"
        heads += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        # "the talks to be held in Moscow": look under the participle too
        heads += [c for c in trigger.children if c.dep_ in ("acl", "relcl")]
        if trigger.dep_ in ("acl", "relcl", "xcomp"):
            heads.append(trigger.head)
        if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass", "dobj") and trigger.head.pos_ == "VERB":
            heads.append(trigger.head)  # "the meeting was held in Moscow"
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or not (prep.lower_ in self.grammar.place_prepositions or (
                        prep.lower_ == "of" and head is not trigger)):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    location = self._place(pobj)
                    if location is not None:
                        return location
        return None

    def _place(self, token: Token) -> Location | None:
        span = entity_of(token)
        if span is None or span.label_ not in ("GPE", "LOC", "FAC"):
            return self._described_place(token)
        text = span.text
        place = self.kb.place(text)
        if place is not None:
            return Location(place.name, place.country, place.lat, place.lon)
        country = self.kb.country(text)
        if country is not None:
            return Location(country.name, country.iso3, country.lat, country.lon)
        return None

    def _described_place(self, token: Token) -> Location | None:
        """"the Ethiopian city of Axum", "a village in Ukraine": a place the gazetteer lacks, placed by its
        nationality or by the place it lies in."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in self.grammar.place_nouns:
            return None
        named = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
        for child in token.children:
            if child.dep_ in ("amod", "compound"):
                country = self.kb.country(child.text)
                if country is not None:
                    name = named.text if named is not None else f"{child.text} {token.text}"
                    return Location(name, country.iso3, None, None)
        if named is not None:
            inner = self._place(named)
            if inner is not None:
                return inner
        return None
