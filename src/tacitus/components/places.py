"""The place component: where each event candidate happened, as a place of the gazetteer with its coordinates.

"in"/"at" + a known place attached to the trigger (or to the noun it modifies, or to the verb that carries it),
and places the gazetteer lacks but the text describes ("the Ethiopian city of Axum", "a village in Ukraine").
Behind the gazetteer stand the cities of GeoNames (cities.py): "protesters in Nantes", "the town of El Geneina",
"shelling near Kharkiv", "Goma, Congo" — only where the text names a place, so a common word or a person's name
("in Reading", "Jackson said") is a city only when the text says it is one ("the town of Reading").
The component writes `doc._.tacitus_places`; a visit's host country, when the text names no place, is the
roles component's (it follows from the dyad).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..cities import Cities
from ..knowledge_files import KnowledgeFiles
from ..model import Location
from .base import Component
from .candidate import Candidate
from .mentions import entity_of, sentence_of

# Lowercase words inside place names: "Deir al-Balah", "Rio de Janeiro", "Bandar-e Abbas".
_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "ar", "az", "de", "del", "da", "do", "dos", "la", "le",
                        "les", "di", "du", "des", "e", "i", "y", "bin", "ibn", "sur", "am", "an", "der", "den"})


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
        # last, where the trigger's participants are: "clashed with police in Nantes", "protesters in Lyon marched"
        heads += [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        heads += [p for c in trigger.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        # where the object's own clause happened: "condemns the bombings that occurred last night in Kandahar City"
        heads += [g for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") for g in c.children
                  if g.dep_ in ("acl", "relcl")]
        # "shelled an area north of Gaza City", "50 kilometers south of Baghdad": a direction and its "of" phrase
        heads += [d for h in list(heads) for d in h.children if d.dep_ in ("advmod", "npadvmod", "amod")
                  and d.lower_ in self.grammar.direction_words]
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

    def _place(self, token: Token, explicit: bool = False, country: str | None = None) -> Location | None:
        doc = token.doc
        span = entity_of(token)
        if span is None or span.label_ not in ("GPE", "LOC", "FAC"):
            described = self._described_place(token)
            if described is not None or (span is not None and not explicit):
                return described
            return self._city(self._name_span(token), tagged=False, explicit=explicit, country=country)
        text = span.text
        place = self.kb.place(text)
        if place is not None:
            return Location(place.name, place.country, place.lat, place.lon)
        found = self.kb.country(text)
        if found is not None:
            return Location(found.name, found.iso3, found.lat, found.lon)
        return self._city(span, tagged=True, explicit=explicit, country=country)

    def _described_place(self, token: Token) -> Location | None:
        """"the Ethiopian city of Axum", "a village in Ukraine": a place the gazetteer lacks, placed by its
        nationality or by the place it lies in."""
        if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() not in self.grammar.place_nouns:
            return None
        for child in token.children:
            # "Kandahar City", "Nasiriyah Province": a named place with its kind after it
            if child.dep_ == "compound" and child.ent_type_ in ("GPE", "LOC"):
                inner = self._place(child, explicit=True)
                if inner is not None:
                    return inner
        if token.pos_ != "NOUN":
            return None
        named = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
        for child in token.children:
            if child.dep_ in ("amod", "compound"):
                country = self.kb.country(child.text)
                if country is not None:
                    if named is None:
                        return Location(f"{child.text} {token.text}", country.iso3, None, None)
                    city = self._place(named, explicit=True, country=country.iso3)
                    if city is not None and city.country == country.iso3:
                        return city
                    return Location(self._name_span(named).text, country.iso3, None, None)
        if named is not None:
            inner = self._place(named, explicit=True)
            if inner is not None:
                return inner
        return None

    # -- the cities of GeoNames ---------------------------------------------------------------------------------
    def _city(self, span: Span, tagged: bool, explicit: bool, country: str | None) -> Location | None:
        """The GeoNames city `span` names, where the text names a place there.

        Args:
            span: the name (an entity, or the proper nouns the model did not tag).
            tagged: the model tagged it as a place (GPE, LOC, FAC).
            explicit: the text says it is a place ("the town of X"); a ", Country" after it says so too.
            country: the country the text puts it in ("the Ukrainian town of X").
        """
        words = [tok for tok in span if tok.is_alpha]
        if span.text.lower().startswith("the "):
            words = words[1:]
        if not words or not words[0].text[:1].isupper() or not words[-1].text[:1].isupper():
            return None
        if not tagged and any(tok.pos_ != "PROPN" and tok.lower_ not in _PARTICLES for tok in words):
            return None
        text = span.doc[words[0].i:words[-1].i + 1].text
        if not tagged and not explicit and text.isupper():
            return None
        after = self._country_after(span)
        explicit = explicit or after is not None
        rules = self.kb.city_rules
        if rules.is_common_word(text) and not explicit:
            return None
        found = self.kb.cities().find(text)
        if not found:
            return None
        within = country or after
        if within is not None:
            found = tuple(city for city in found if city.country == within)
            if not found:
                return None
        if not tagged and not explicit and found[0].population < rules.untagged_min_population:
            return None
        if within is not None:
            city = found[0]
        else:
            preferred, actors = self._preferred_countries(span)
            city = self.kb.cities().best(text, preferred)
            small = city.population < rules.untagged_min_population
            if small and city.country not in preferred and not Cities.own_name(text, city):
                return None  # a small town's other name ("Borno" for Borna, Saxony) in a story elsewhere
            if small and not explicit and actors and city.country not in actors:
                return None  # a small town abroad of the same name, where the sentence's actors are not
        return Location(city.name, city.country, city.lat, city.lon)

    def _name_span(self, token: Token) -> Span:
        """The proper name `token` ends: "El Geneina", "Deir al-Balah" (its compounds and particles)."""
        doc = token.doc
        start = token.i
        while start > 0:
            left = doc[start - 1]
            if not (start <= left.head.i <= token.i or left.text == "-"):
                break
            if left.pos_ == "PROPN" or left.text == "-" or left.lower_ in _PARTICLES:
                start -= 1
            else:
                break
        while start < token.i and not doc[start].text[:1].isupper():
            start += 1
        return doc[start:token.i + 1]

    def _country_after(self, span: Span) -> str | None:
        """"Goma, Congo", "Nantes, France": the country the comma after a name puts it in."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != ",":
            return None
        ent = next((e for e in doc.ents if e.start == span.end + 1), None)
        if ent is None or ent.label_ not in ("GPE", "LOC"):
            return None
        found = self.kb.country(ent.text)
        return found.iso3 if found is not None else None

    def _preferred_countries(self, span: Span) -> tuple[list[str], set[str]]:
        """The countries an ambiguous city name is read in (the story's, then those its sentence names), and
        the countries of the sentence's actors."""
        doc = span.doc
        preferred = [doc._.tacitus_home_country] if doc._.tacitus_home_country else []
        sentence = sentence_of(span.root)
        for ent in sentence.ents:
            if ent.label_ in ("GPE", "NORP") and not (ent.start <= span.start < ent.end):
                found = self.kb.country(ent.text)
                if found is not None:
                    preferred.append(found.iso3)
        # the countries of the sentence's actors: "ISWAP fighters attacked ... in Borno" is Nigerian
        actors = {a.country for m in doc._.tacitus_mentions or () if sentence.start <= m.start < sentence.end
                  for a in m.actors if a.country}
        return list(dict.fromkeys(preferred + sorted(actors))), actors
