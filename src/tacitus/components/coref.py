"""The coreference component: pronouns, "the two countries", and the "we" of a speaker line or a quotation.

Runs after the actor component and adds mentions for words that point back to actors already named:
  he/she/his/her/him   → the nearest earlier person, preferring subjects;
  it/its/they/their    → the nearest earlier state, organisation or group that was a subject;
  we/our/us/I/my       → the speaker of a speaker line ("Abe: We will …") or of the quotation it stands in;
  the two countries / both sides / the two leaders → the last two distinct states named.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..knowledge_files import KnowledgeFiles
from ..model import Actor
from .base import Component
from .mentions import Mention, doc_text, sentence_of, tokens_of

_QUOTES = "\"“”"
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _quote_index(doc: Doc) -> dict[str, list[int]]:
    """Where each kind of quotation mark stands in the Doc's text, found once per Doc (counting the marks before
    each pronoun anew costs time in the square of the document's length)."""
    index = doc.user_data.get("tacitus_quote_index")
    if index is None:
        text = doc_text(doc)
        index = {mark: [i for i, ch in enumerate(text) if ch == mark] for mark in _QUOTES}
        doc.user_data["tacitus_quote_index"] = index
    return index


def _with_text(actor: Actor, text: str) -> Actor:
    return replace(actor, text=text)


class Coreference(Component):
    """Write `doc._.tacitus_coref`: the actor component's mentions with pronoun, pair and speaker mentions added."""

    def configure(self, files: KnowledgeFiles) -> None:
        self.kb = files.knowledge
        self.grammar = files.grammar
        self.speech_verbs = files.modality.reporting | {"quote", "tell"}

    def __call__(self, doc: Doc) -> Doc:
        base: list[Mention] = list(doc._.tacitus_mentions)
        speakers = doc._.tacitus_speakers or []
        added: list[Mention] = []
        covered = {i for m in base for i in range(m.start, m.end)}
        for token in tokens_of(doc):
            if token.i in covered:
                continue
            lower = token.lower_
            mention = None
            if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$"):
                known = base + added  # resolved pronouns are antecedents too ("He … his visit")
                if lower in self.grammar.personal_pronouns:
                    mention = self._antecedent(token, known, person=True)
                elif lower in self.grammar.impersonal_pronouns and token.dep_ != "expl":
                    mention = self._antecedent(token, known, person=False)
                elif lower in self.grammar.first_person_pronouns:
                    mention = self._first_person(token, known, speakers)
            elif token.pos_ == "NOUN" and token.lemma_.lower() in self.grammar.pair_nouns and token.tag_ == "NNS":
                mention = self._pair(token, base + added)
            if mention is not None:
                added.append(mention)
        doc._.tacitus_coref = sorted(base + added, key=lambda m: (m.start, m.end))
        return doc

    # -- he / she / it / they --------------------------------------------------------------------------------
    def _antecedent(self, token: Token, mentions: list[Mention], person: bool) -> Mention | None:
        doc = token.doc
        sent_start = sentence_of(token).start
        is_person = ("person",) if person else ("entity", "group")
        earlier = sorted((m for m in mentions if m.end <= token.i and (
            m.kind in is_person or (m.kind == "pronoun" and (m.actors[0].name != m.actors[0].code) == person
                                    and self._pronoun_is_person(doc[m.head]) == person))),
            key=lambda m: m.start)
        if not person:
            plural = token.lower_ in ("they", "them", "their", "themselves")
            earlier = [m for m in earlier if m.kind in ("entity", "group", "pronoun", "pair")
                       and (plural or m.kind != "group" or doc[m.head].tag_ != "NNS")]
            if plural:
                # "they" prefers a plural antecedent: detained sailors, the two sides, Japan and Russia
                many = [m for m in earlier if doc[m.head].tag_ in ("NNS", "NNPS") or len(m.actors) > 1
                        or any(c.dep_ == "conj" for c in doc[m.head].children)]
                earlier = many or earlier
        if not earlier:
            return None
        # Prefer the subject of the current sentence, then the subject of the nearest earlier sentence.
        subjects = [m for m in earlier if doc[m.head].dep_ in _SUBJECT_DEPS]
        same_sentence = [m for m in subjects if m.start >= sent_start and doc[m.head].head != token.head]
        recent_here = [m for m in earlier if m.start >= sent_start]
        if token.lower_ in ("its", "their"):
            # "Ecuadorian police stormed its embassy": a possessive in a verb's object is not that verb's subject
            clause_subject = self._clause_subject(token)
            if clause_subject is not None:
                recent_here = [m for m in recent_here if not (m.start <= clause_subject.i < m.end)
                               and m.head != clause_subject.i]
        if not person and token.lower_ in ("its", "their") and recent_here:
            # "sanctions on Russia over its annexation of Crimea": a possessive "its" takes the nearest
            chosen, confidence = recent_here[-1], 0.75
        elif same_sentence:
            chosen, confidence = same_sentence[-1], 0.8
        elif subjects and sentence_of(doc[subjects[-1].head]).start >= self._previous_sentence_start(token):
            chosen, confidence = subjects[-1], 0.75
        else:
            chosen, confidence = earlier[-1], 0.6
        if sentence_of(doc[chosen.head]).start < self._previous_sentence_start(token) and not person:
            return None
        actors = tuple(_with_text(a, token.text) for a in chosen.actors)
        return Mention(token.i, token.i + 1, token.i, actors, "pronoun",
                       round(confidence * chosen.confidence, 3), f"coref → {doc[chosen.start:chosen.end].text}")

    @staticmethod
    def _clause_subject(token: Token) -> Token | None:
        node = token.head
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX"):
                if token.head.dep_ in ("nsubj", "nsubjpass"):
                    return None  # "its troops attacked": the possessive is in the subject itself
                return next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if node.head is node:
                return None
            node = node.head
        return None

    def _pronoun_is_person(self, token: Token) -> bool:
        return token.lower_ in self.grammar.personal_pronouns

    @staticmethod
    def _previous_sentence_start(token: Token) -> int:
        sent = sentence_of(token)
        if sent.start == 0:
            return 0
        return sentence_of(token.doc[sent.start - 1]).start

    # -- we / I ----------------------------------------------------------------------------------------------
    def _first_person(self, token: Token, mentions: list[Mention],
                      speakers: list[tuple[int, int, tuple[Actor, ...]]]) -> Mention | None:
        plural = token.lower_ in ("we", "us", "our", "ours", "ourselves")
        for start, end, actors in speakers:
            if start <= token.idx < end:
                chosen = actors if plural else actors[:1]
                country_level = tuple(self._as_state(a, token.text, plural) for a in chosen)
                return Mention(token.i, token.i + 1, token.i, country_level, "speaker", 0.85, "speaker line")
        if not self._inside_quotes(token):
            return self._page_voice(token, plural)
        speaker = self._quoted_speaker(token, mentions)
        if speaker is None:
            return None
        actors = tuple(self._as_state(a, token.text, plural) for a in speaker.actors)
        return Mention(token.i, token.i + 1, token.i, actors, "speaker", round(0.75 * speaker.confidence, 3),
                       f"quoted speaker → {token.doc[speaker.start:speaker.end].text}")

    def _page_voice(self, token: Token, plural: bool) -> Mention | None:
        """An unquoted "we" on a government's own site (`doc._.tacitus_voice`) is that government: "We strongly
        condemn today's attack" on usembassy.gov."""
        voice = token.doc._.tacitus_voice
        country = self.kb.country_by_code(voice) if voice and plural else None
        if country is None:
            return None
        actor = Actor(token.text, country.name, country.iso3, "GOV", country.actor_code("GOV"), country_source="story")
        return Mention(token.i, token.i + 1, token.i, (actor,), "speaker", 0.7, "the page's government")

    def _as_state(self, actor: Actor, text: str, plural: bool) -> Actor:
        # "We" said by a head of government is the government; "I" is the person.
        if plural and actor.country and actor.sector in ("GOV", "ELI", None):
            return replace(actor, text=text, sector="GOV", code=actor.code if actor.sector == "GOV"
                           else self.kb.country_by_code(actor.country).actor_code("GOV"))
        return _with_text(actor, text)

    @staticmethod
    def _inside_quotes(token: Token) -> bool:
        quotes = _quote_index(token.doc)
        opened = bisect_left(quotes["“"], token.idx) - bisect_left(quotes["”"], token.idx)
        if opened > 0:
            return True
        return bisect_left(quotes['"'], token.idx) % 2 == 1

    def _quoted_speaker(self, token: Token, mentions: list[Mention]) -> Mention | None:
        doc = token.doc
        sents = [sentence_of(token)]
        if sentence_of(token).start > 0:
            sents.append(sentence_of(doc[sentence_of(token).start - 1]))
        by_head = {m.head: m for m in mentions}
        for sent in sents:
            for verb in sent:
                if verb.lemma_.lower() not in self.speech_verbs:
                    continue
                deps = ("dobj",) if verb.lemma_.lower() == "quote" else _SUBJECT_DEPS
                for child in verb.children:
                    if child.dep_ in deps and child.i in by_head:
                        return by_head[child.i]
        return None

    # -- the two countries --------------------------------------------------------------------------------
    def _pair(self, token: Token, mentions: list[Mention]) -> Mention | None:
        determiners = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet", "amod")}
        if not ({"two", "both"} & determiners):
            return None
        states: list[Actor] = []
        for m in reversed([m for m in mentions if m.end <= token.i]):
            for actor in m.actors:
                if actor.country and actor.country not in {s.country for s in states}:
                    states.append(actor)
            if len(states) >= 2:
                break
        if len(states) < 2:
            return None
        sector = "GOV" if token.lemma_.lower() in ("government", "leader", "minister", "administration",
                                                   "capital") else None
        actors = tuple(replace(s, text=token.text, sector=sector,
                               code=self.kb.country_by_code(s.country).actor_code(sector)) for s in reversed(states[:2]))
        return Mention(token.left_edge.i, token.i + 1, token.i, actors, "pair", 0.7,
                       f"pair → {actors[0].country}, {actors[1].country}")
