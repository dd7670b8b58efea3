"""The time and place components: each event's date interval and location.

Time: the time expressions of the sentence (tacitus.when) are attached to the event whose trigger governs
them in the parse; a sentence with one unattached expression gives it to all its events; otherwise the
publication date bounds the event. An `occurred` event dated after publication is `planned`.
Place: "in"/"at" + a known place attached to the trigger (or to the noun it modifies); for visits,
the host country.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge import Knowledge, load_knowledge
from ..lexicon import load_lexicon
from ..modality import load_modality
from .mentions import sentence_of
from ..model import Actor, Location, When
from ..when import TimeExpression, find_time_expressions, publication_window

_PLACE_NOUNS = frozenset({"city", "town", "village", "region", "province", "state", "district", "port", "area",
                          "capital", "border", "camp", "island", "coast", "county", "municipality", "suburb"})
_OTHER_EVENT, _REPORT_TIME = -1, -2  # owners of a time expression that is not an event's own date
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
_VISIT_ROOTS = ("042", "043", "044")
_REPRESSION_ROOTS = frozenset({"17", "18", "19", "20"})
_DOMESTIC_SECTORS = frozenset({"CVL", "LAB", "OPP", "EDU", "HLH", "AGR", "REL"})


def _tense(trigger: Token, status: str) -> str | None:
    if status in ("planned", "requested"):
        return "future"
    if trigger.tag_ in ("VBD", "VBN"):
        return "past"
    if any(c.lower_ in ("will", "shall", "'ll") for c in trigger.children):
        return "future"
    return None


class TimeResolver:
    """Set `when` on each event candidate (`doc._.tacitus_candidates`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.event_nouns = load_lexicon().noun_heads
        self.reporting = load_modality().reporting

    def __call__(self, doc: Doc) -> Doc:
        published: date | None = doc._.published
        by_sentence: dict[int, list] = {}
        for candidate in doc._.tacitus_candidates:
            by_sentence.setdefault(sentence_of(doc[candidate.trigger]).start, []).append(candidate)
        for sent_start, candidates in by_sentence.items():
            sent = sentence_of(doc[sent_start])
            triggers = {c.trigger for c in candidates}
            expressions_by_tense: dict[str | None, list[TimeExpression]] = {}
            attached: dict[int, TimeExpression] = {}
            loose: list[TimeExpression] = []
            reported: list[TimeExpression] = []
            for expression in find_time_expressions(sent.text, published):
                owner = self._owner(sent, expression, triggers)
                if owner == _OTHER_EVENT:
                    continue
                if owner == _REPORT_TIME:
                    reported.append(expression)
                elif owner is None:
                    loose.append(expression)
                else:
                    attached.setdefault(owner, expression)
            for candidate in candidates:
                trigger = doc[candidate.trigger]
                tense = _tense(trigger, candidate.status)
                expression = attached.get(candidate.trigger)
                if expression is None and len(loose) == 1 and len(attached) == 0:
                    expression = loose[0]
                if expression is None and len(reported) == 1 and candidate.status == "occurred":
                    # "…, the ministry said on Monday": what was reported had happened by then
                    expression, tense = reported[0], "past"
                when = None
                if expression is not None:
                    # resolve again with the event's tense ("on Wednesday" before or after publication)
                    key = tense
                    if key not in expressions_by_tense:
                        expressions_by_tense[key] = find_time_expressions(sent.text, published, tense=tense)
                    match = next((e for e in expressions_by_tense[key] if e.start == expression.start), expression)
                    when = match.when
                candidate.when = when or publication_window(published)
                if (candidate.status == "occurred" and published is not None and when is not None
                        and tense != "past" and self._after(when, published)):
                    candidate.status, candidate.status_cue = "planned", when.text
        return doc

    @staticmethod
    def _after(when: When, published: date) -> bool:
        day = published.isoformat()
        if when.start is not None:
            return when.start > day
        return when.end is not None and when.end > day

    def _owner(self, sent: Span, expression: TimeExpression, triggers: set[int]) -> int | None:
        """The trigger that governs the expression in the parse, if any."""
        start_char = sent.start_char + expression.start
        end_char = sent.start_char + expression.end
        span = sent.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return None
        node = span.root
        for _ in range(8):
            if node.i in triggers:
                return node.i
            if node.pos_ == "NOUN" and node.lemma_.lower() in self.event_nouns and node not in span:
                return _OTHER_EVENT  # the date of another event ("the talks … on May 18"), not of this one
            if node.pos_ == "VERB" and node not in span:
                carried = next((c.i for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                                and c.i in triggers), None)
                if carried is None and node.dep_ in ("acl", "relcl") and node.head.i in triggers:
                    carried = node.head.i  # "the summit held in Washington on April 28"
                if carried is not None:
                    return carried  # "the meeting was held on Monday": the date of the event the verb carries
                if node.lemma_.lower() in self.reporting:
                    return _REPORT_TIME  # when it was said, not when it happens
                return _OTHER_EVENT  # "since Japan purchased the islands in 2012": the date of that clause
            if node.head is node:
                return None
            node = node.head
        return None


class PlaceResolver:
    """Set `location` on each event candidate from the places its trigger governs."""

    def __init__(self, nlp: Language, name: str, knowledge: Knowledge | None = None) -> None:
        self.name = name
        self.kb = knowledge or load_knowledge()
        self.modality = load_modality()
        self.place_target_roots = self.modality.place_target_roots

    def __call__(self, doc: Doc) -> Doc:
        for candidate in doc._.tacitus_candidates:
            trigger = doc[candidate.trigger]
            location = self._from_parse(trigger)
            if location is None and candidate.code[:3] in _VISIT_ROOTS and candidate.targets:
                location = self._country_location(candidate.targets[0].country)
            candidate.location = location
            self._place_actors(candidate, doc._.home_country, self.place_target_roots,
                               self.modality.untargeted_weapons, self.modality.untargeted_weapon_code,
                               self._overflown(doc[candidate.trigger], doc._.tacitus_mention_index or {}))
            self._default_protest_target(candidate)
        doc._.tacitus_candidates = [
            c for c in doc._.tacitus_candidates
            if c.sources and (c.targets or len(c.sources) > 1 or c.code[:2] not in self.place_target_roots)]
        return doc

    def _default_protest_target(self, candidate) -> None:
        """A demonstration or strike that names no target is aimed at the protesters' own government."""
        if candidate.targets or not candidate.code.startswith("14") or not candidate.sources:
            return
        if not all(a.country and a.sector not in (None, "GOV", "MIL") for a in candidate.sources):
            return
        government = self._country_actor_gov(candidate.sources[0].country)
        if government is not None:
            candidate.targets = (government,)
            candidate.rule += " → target: the protesters' government"
            candidate.confidence *= 0.8

    def _country_actor_gov(self, iso3: str) -> Actor | None:
        country = self.kb.country_by_code(iso3)
        if country is None:
            return None
        return Actor(f"the {country.name} government", country.name, country.iso3, "GOV", f"{country.cameo}GOV")

    @staticmethod
    def _place_actors(candidate, home: str | None, place_target_roots: frozenset[str],
                      weapons: frozenset[str] = frozenset(), weapon_code: str = "150",
                      overflown: tuple[Actor, ...] = ()) -> None:
        """Give groups named without nationality ("protesters", "civilians") the country of the event's place,
        else, for coercion and violence, of the other side ("militants abducted schoolgirls"), else the
        document's home country; drop them otherwise."""
        def settle(actors: tuple[Actor, ...], others: tuple[Actor, ...]) -> tuple[Actor, ...]:
            settled = []
            for actor in actors:
                if actor.country is not None or actor.code != actor.sector:
                    settled.append(actor)
                    continue
                country = candidate.location.country if candidate.location else None
                if country is None and candidate.code[:2] in _REPRESSION_ROOTS:
                    # "militants abducted schoolgirls", "police detained protesters": the perpetrator's country
                    country = next((o.country for o in others if o.country), None)
                if country is None and actor.sector in _DOMESTIC_SECTORS:
                    country = home  # protesters, strikers, students of the story's own country
                if country:
                    settled.append(Actor(actor.text, actor.name, country, actor.sector, f"{country}{actor.sector}"))
            return tuple(settled)

        candidate.sources = settle(candidate.sources, candidate.targets)
        candidate.targets = settle(candidate.targets, candidate.sources)
        location = candidate.location
        if (not candidate.targets and len(candidate.sources) == 1 and candidate.code[:2] in place_target_roots
                and location is not None and location.country):
            # an attack on a place is an attack on the state it belongs to ("rebels shelled Juba")
            candidate.targets = (Actor(location.name, location.name, location.country, None, location.country),)
            candidate.rule += " → target from place"
        if (not candidate.targets and candidate.code[:2] in place_target_roots
                and candidate.object_lemma in weapons):
            candidate.code = weapon_code  # a missile fired at nobody: a show of force or a test
            candidate.rule += f" → {weapon_code}: no target"
            if overflown:  # "fired a ballistic missile over Japan": a show of force against Japan
                candidate.targets = overflown
                candidate.rule += ", over the target"

    @staticmethod
    def _overflown(trigger: Token, index: dict) -> tuple[Actor, ...]:
        """The states a weapon flew over or towards ("over Japan", "toward South Korea", "into the sea off Japan")."""
        heads = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("over", "toward", "towards", "near"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.i in index:
                            return tuple(a for a in index[pobj.i].actors if a.country)
        return ()

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
                if prep.dep_ != "prep" or not (prep.lower_ in _PLACE_PREPS or (
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
        doc = token.doc
        span = next((e for e in doc.ents if e.start <= token.i < e.end), None)
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
        if token.pos_ != "NOUN" or token.lemma_.lower() not in _PLACE_NOUNS:
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

    def _country_location(self, iso3: str | None) -> Location | None:
        if not iso3:
            return None
        country = self.kb.country_by_code(iso3)
        if country is None:
            return None
        return Location(country.name, country.iso3, country.lat, country.lon)
