"""The event component: verb and noun patterns over the dependency parse → event candidates with their actors.

Verbal events take the subject as source and the pattern's slots as target, with passives turned round
("diplomats were expelled by Britain" → Britain expels diplomats) and subjects inherited through control
("Abe intends to visit", "asked Japan to …", "plans for Kishida to visit"). Nominal events take the source
from the possessor, a "by" phrase or a compound ("Putin's visit to Japan", "intrusions … by Chinese aircraft",
"the Japan-Russia … meeting"). Compound actors give one candidate per pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..context import load_context
from ..lexicon import Lexicon, NounPattern, VerbPattern, load_lexicon
from ..modality import load_modality, word_forms
from ..model import Actor, Location, When
from .mentions import Mention, sentence_of

_RELATIVE = frozenset({"which", "who", "that", "whom"})
_OBJECT_CONTROL = frozenset({"ask", "urge", "call", "request", "press", "invite", "encourage", "persuade",
                             "force", "allow", "order", "tell", "pressure", "push", "help", "authorize", "compel",
                             "instruct", "appeal", "advise", "permit", "require"})
# Named entities that, when not resolved to an actor, are somebody else (companies, products, unknown people).
_OPAQUE_ENTITIES = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})
_TALK_PREPS = frozenset({"after", "during", "following", "before", "at", "in"})
_BOUNDARIES = frozenset({"border", "frontier", "boundary", "line", "waters", "airspace"})
_QUANTITIES = frozenset({"million", "billion", "thousand", "hundred", "ton", "tonne", "tons", "tonnes", "unit",
                         "batch", "shipment", "package", "consignment", "worth", "lot", "dollar", "euro", "$",
                         "round", "convoy", "truckload", "planeload", "set", "number", "most", "some", "all",
                         "part", "many", "several", "half", "bulk", "rest", "remainder", "much", "one", "two",
                         "three", "dozens", "hundreds", "thousands"})
# Roots whose target is often the subject of a following clause ("demanded that Russia withdraw").
_CLAUSE_TARGET_ROOTS = frozenset({"02", "10", "11", "12", "13"})
_NOMINAL_SOURCE_DEFAULT = ("poss", "prep:by", "compound", "amod")
_NOMINAL_TARGET_DEFAULT = ("prep:to", "prep:on", "prep:against", "prep:with", "prep:of")
_VERB_TARGET_DEFAULT = ("dobj", "dative")


@dataclass(slots=True)
class Candidate:
    """An event found in the parse, before status, time and place are settled (mutable while the pipeline runs)."""

    trigger: int
    code: str
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    rule: str
    confidence: float
    kind: str  # "verb" or "noun"
    trigger_end: int = 0
    source_token: int | None = None
    open_target: bool = False  # the pattern expects a target the sentence may leave to the context
    object_lemma: str | None = None  # the object of a light-verb pattern ("missile" in "launched a missile")
    status: str = "occurred"
    status_cue: str | None = None
    when: When | None = None
    location: Location | None = None


class EventCoder:
    """Find event candidates (`doc._.tacitus_candidates`) from the lexicon's verb and noun patterns."""

    def __init__(self, nlp: Language, name: str, lexicon: Lexicon | None = None) -> None:
        self.name = name
        self.lexicon = lexicon or load_lexicon()
        self.modality = load_modality()
        self.sports = load_context()

    # -- finding actors in the parse -------------------------------------------------------------------------
    def actors_of(self, token: Token | None, index: dict[int, Mention], depth: int = 0,
                  direct_only: bool = False) -> tuple[list[Actor], float]:
        """The actors a noun phrase headed by `token` names, with conjuncts ("the U.S. and the EU").

        A phrase that is not itself a mention names the actors of its modifiers ("Japan's position",
        "the Japan-Russia … ministers"); `direct_only` turns that off (for conjuncts: "the abduction of
        Japanese nationals and the Northern Territories issue" does not make the territory a victim).
        """
        if token is None or depth > 3:
            return [], 0.0
        actors: list[Actor] = []
        confidence = 1.0
        mention = index.get(token.i)
        if mention is not None:
            actors.extend(mention.actors)
            confidence = mention.confidence
            # "Japan-Russia": a hyphenated compound of two mentions names both
            for child in token.children:
                if child.dep_ == "compound" and child.i in index and any(
                        t.text in ("-", "–") for t in token.doc[child.i + 1:token.i]):
                    actors.extend(index[child.i].actors)
        elif token.ent_type_ in _OPAQUE_ENTITIES:
            pass  # "German carmaker Volkswagen", "India's Reliance": a company is not its country
        elif not direct_only and token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            # an event noun stands for its agent: "condemned Turkey's offensive" targets Turkey
            event_noun = self._is_event_noun(token)
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") or (
                        child.dep_ == "prep" and child.lower_ == "of" and not event_noun) or (
                        child.dep_ == "prep" and child.lower_ == "by" and event_noun):
                    target = child if child.dep_ != "prep" else next(
                        (c for c in child.children if c.dep_ == "pobj"), None)
                    found, conf = self.actors_of(target, index, depth + 1)
                    if found:
                        actors.extend(found)
                        confidence = min(confidence, conf * 0.9)
        if mention is None and not direct_only and token.lemma_.lower() in _BOUNDARIES:
            # "its border with Finland" names both sides
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    found, conf = self.actors_of(pobj, index, depth + 1)
                    actors.extend(found)
        for child in token.children:
            if child.dep_ == "conj":
                found, conf = self.actors_of(child, index, depth + 1, direct_only=True)
                if actors:  # "Iran's oil exports, shipping and banks": a conjoined bare "banks" adds nobody
                    found = [a for a in found if a.country or a.code != a.sector]
                actors.extend(found)
                if found:
                    confidence = min(confidence, conf)
            elif child.dep_ == "appos" and (not actors or child.i in index):
                # "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt": a list the parser calls appos
                found, conf = self.actors_of(child, index, depth + 1, direct_only=bool(actors))
                actors.extend(found)
                confidence = min(confidence, conf) if actors else conf
        unique: dict[str, Actor] = {}
        for actor in actors:
            unique.setdefault(actor.code + "|" + actor.name, actor)
        return list(unique.values()), (confidence if actors else 0.0)

    def _is_event_noun(self, token: Token) -> bool:
        return bool(self.lexicon.nouns_for(token.lemma_.lower()))

    @staticmethod
    def _is_passive(verb: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)

    def subject_of(self, verb: Token, depth: int = 0) -> tuple[Token | None, str]:
        """The token acting as the subject of `verb` (climbing through control), and how it was found."""
        if depth > 5:
            return None, ""
        if self._is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    return pobj, "agent"
            if verb.dep_ == "acl":
                return None, ""
            return None, ""
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return verb.head, "relative"
                return child, "subject"
        dep, head = verb.dep_, verb.head
        if head is verb:
            return None, ""
        if dep == "conj":
            return self.subject_of(head, depth + 1)[0], "conjoined subject"
        if dep == "xcomp":
            if self._is_passive(head):
                # "X is expected to ask", "Japan was asked to be cautious": the passive subject acts
                subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                if subj is not None:
                    return subj, "passive subject control"
            if head.lemma_.lower() in _OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
                if obj is None:
                    # "called on the EU to impose …", "appealed to Venezuela to reopen …"
                    obj = next((p for c in head.children if c.dep_ in ("prep", "prt") and c.lower_ in
                                ("on", "upon", "to") for p in c.children if p.dep_ == "pobj"), None)
                if obj is not None:
                    return obj, "object control"
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                return self.subject_of(head, depth + 1)[0], "subject control"
        if dep == "relcl":
            return head, "relative"
        if dep in ("acomp", "attr") and head.pos_ in ("AUX", "VERB"):
            # "Blinken is due to visit Beijing", "Iran is ready to talk": the copula's subject
            return self.subject_of(head, depth + 1)[0], "subject of the copula"
        if dep == "acl":
            # "plans for Kishida to visit Russia": the subject is the object of "for" on the noun.
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "for":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj, "for-to infinitive"
            return None, ""
        if dep in ("advcl", "pcomp", "pobj", "prep", "ccomp"):
            node = head
            while node.dep_ in ("prep", "pobj", "pcomp") and node.head is not node:
                node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return self.subject_of(node, depth + 1)[0], "clause subject"
            if node.pos_ == "NOUN":
                poss = next((c for c in node.children if c.dep_ == "poss"), None)
                if poss is not None:
                    return poss, "possessor of governing noun"
        return None, ""

    # -- verbal events ---------------------------------------------------------------------------------------
    def _match_verb(self, verb: Token) -> tuple[VerbPattern, Token | None] | None:
        patterns = self.lexicon.verbs_for(verb.lemma_.lower())
        if not patterns:
            # the lemmatizer errs on some inflections ("hopes" → "hop"); try the plain base forms
            for form in sorted(word_forms(verb.lemma_, verb.text)):
                patterns = self.lexicon.verbs_for(form)
                if patterns:
                    break
        if not patterns:
            return None
        passive = self._is_passive(verb)
        direct = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        particles: dict[str, list[Token]] = {}
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "advmod"):
                particles.setdefault(child.lower_, []).append(child)
        for pattern in patterns:
            if pattern.particle and pattern.particle not in particles:
                continue
            obj = direct
            if pattern.particle and pattern.objects:
                # "call for a ceasefire", "agree on a deal": the object is the particle's object
                pobjs = [c for p in particles[pattern.particle] for c in p.children if c.dep_ == "pobj"]
                obj = next((c for c in pobjs if self._object_words(c) & set(pattern.objects)), None) or direct
            if pattern.objects:
                if obj is None:
                    continue
                obj_words = self._object_words(obj)
                if not (obj_words & set(pattern.objects)):
                    continue
                return pattern, obj
            return pattern, None
        return None

    @staticmethod
    def _names_nationality(obj: Token, index: dict[int, Mention]) -> bool:
        """Whether a noun's own modifiers name a state ("Russian diplomats"), not a pronoun ("his opposition")."""
        modifiers = [c for c in obj.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        modifiers += [g for c in modifiers for g in c.children if c.dep_ in ("amod", "compound")]  # British-flagged
        return any(m.i in index and index[m.i].kind not in ("pronoun", "speaker") for m in modifiers)

    @staticmethod
    def _object_words(obj: Token) -> set[str]:
        """The words an object pattern may match: the object's lemma, with its compound, and for a quantity
        ("$450 million in military aid", "ten tonnes of medicines") the thing counted."""
        words = {obj.lemma_.lower(), obj.lower_}
        heads = [obj]
        if obj.lemma_.lower() in _QUANTITIES:
            heads += [p for c in obj.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "worth")
                      for p in c.children if p.dep_ == "pobj"]
        for head in heads:
            words.add(head.lemma_.lower())
            for child in head.children:
                if child.dep_ in ("compound", "amod"):
                    words.add(f"{child.lemma_.lower()} {head.lemma_.lower()}")
                    if head.pos_ == "PROPN" and child.pos_ in ("PROPN", "NOUN"):
                        words.add(child.lemma_.lower())  # "summoned Chinese Ambassador Cheng Yonghua"
        return words

    def _slot(self, slot: str, verb: Token, obj: Token | None, index: dict[int, Mention]) -> tuple[list[Actor], float]:
        passive = self._is_passive(verb)
        if slot == "dobj":
            if obj is not None and obj.head is verb and obj.dep_ in ("dobj", "nsubjpass"):
                # a light verb's object is the event, not its target ("impose sanctions"); but in "provided
                # Ukraine with aid" the event is the object of "with" and the direct object is the recipient
                return [], 0.0
            dep = "nsubjpass" if passive else "dobj"
            token = next((c for c in verb.children if c.dep_ == dep), None)
            if token is not None and token.lower_ in _RELATIVE and verb.dep_ == "relcl" and passive:
                token = verb.head
            return self.actors_of(token, index)
        if slot == "dative":
            token = next((c for c in verb.children if c.dep_ == "dative"), None)
            return self.actors_of(token, index)
        if slot.startswith("prep:"):
            word = slot[5:]
            heads = [verb] + ([obj] if obj is not None else [])
            if obj is not None:  # "expressed its readiness to cooperate with South Korea"
                heads += [c for c in obj.children if c.dep_ in ("acl", "relcl")]
            for head in heads:
                for child in head.children:
                    if child.dep_ in ("prep", "prt", "dative", "agent") and child.lower_ == word:
                        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                        found = self.actors_of(pobj, index)
                        if found[0]:
                            return found
            return [], 0.0
        return [], 0.0

    def _verb_candidate(self, verb: Token, index: dict[int, Mention]) -> tuple[Candidate, Token | None] | None:
        matched = self._match_verb(verb)
        if matched is None:
            return None
        pattern, obj = matched
        subject, how = self.subject_of(verb)
        sources, source_conf = self.actors_of(subject, index)
        if not sources:
            return None
        targets: list[Actor] = []
        target_conf = 1.0
        used = ""
        for slot in pattern.target or _VERB_TARGET_DEFAULT:
            targets, target_conf = self._slot(slot, verb, obj, index)
            if targets:
                used = slot
                break
        if not targets and obj is not None and self._names_nationality(obj, index):
            # "expelled Russian diplomats", "detained British nationals": the object's own nationality
            source_countries = {a.country for a in sources}
            found, conf = self.actors_of(obj, index)
            found = [a for a in found if a.country not in source_countries]
            if found:
                targets, target_conf, used = found, conf, "object"
        if not targets and pattern.code.startswith("03"):
            # "pledged to send air defence systems to Ukraine": an intent's target is in its complement
            for child in verb.children:
                if child.dep_ == "xcomp":
                    for prep in child.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("to", "with", "for", "against", "on"):
                            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                            targets, target_conf = self.actors_of(pobj, index)
                            if targets:
                                used = f"complement prep:{prep.lower_}"
                                break
                    if targets:
                        break
        if not targets and pattern.code[:2] in _CLAUSE_TARGET_ROOTS:
            # "Britain demanded that Russia explain …", "warned Iran that …": the target acts in the clause
            for child in verb.children:
                if child.dep_ in ("ccomp", "xcomp"):
                    subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    targets, target_conf = self.actors_of(subj, index)
                    if targets:
                        used = "clause subject"
                        break
        code = pattern.code
        if obj is not None and pattern.lemma in self.modality.support_verbs:
            # "carried out ethnic cleansing", "launched a hunger strike": a multiword event noun is more specific
            noun = self._match_noun(obj)
            if noun is not None and noun.modifier:
                code = noun.code
        name = pattern.lemma + (f" {pattern.particle}" if pattern.particle else "") + (
            f" {obj.lemma_.lower()}" if obj is not None else "")
        rule = f"verb:{name}[{code}] {how or 'subject'}→{used or 'no target'}"
        confidence = 0.9 * source_conf * (target_conf if targets else 0.85)
        if how not in ("subject", "agent"):
            confidence *= 0.9
        end = max(verb.i, obj.i if obj is not None else verb.i) + 1
        return Candidate(verb.i, code, tuple(sources), tuple(targets), rule, confidence, "verb",
                         trigger_end=end, source_token=subject.i if subject is not None else None,
                         open_target=bool(pattern.target),
                         object_lemma=obj.lemma_.lower() if obj is not None else None), obj

    # -- nominal events --------------------------------------------------------------------------------------
    def _match_noun(self, noun: Token) -> NounPattern | None:
        for modifier in noun.children:
            if modifier.dep_ in ("compound", "amod") and modifier.pos_ in ("NOUN", "ADJ"):
                pattern = self.lexicon.noun_for(noun.lemma_.lower(), modifier.lemma_.lower())
                if pattern is not None and pattern.modifier:
                    return pattern
        return self.lexicon.noun_for(noun.lemma_.lower(), None)

    def _noun_sources(self, noun: Token, pattern: NounPattern, index: dict[int, Mention],
                      targets_tokens: set[int]) -> tuple[list[Actor], float, str]:
        for slot in pattern.source or _NOMINAL_SOURCE_DEFAULT:
            if slot in ("poss", "compound", "amod", "nmod"):
                found: list[Actor] = []
                conf = 1.0
                for child in noun.children:
                    if child.dep_ == slot or (slot == "compound" and child.dep_ == "nmod"):
                        actors, c = self.actors_of(child, index)
                        if actors:
                            found.extend(actors)
                            conf = min(conf, c)
                if found:
                    return found, conf, slot
            elif slot.startswith("prep:"):
                word = slot[5:]
                for child in noun.children:
                    if child.dep_ in ("prep", "agent") and child.lower_ == word:
                        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                        if pobj is not None and pobj.i not in targets_tokens:
                            actors, conf = self.actors_of(pobj, index)
                            if actors:
                                return actors, conf, slot
                # "the sanctions imposed by X": a participle's agent
                for child in noun.children:
                    if child.dep_ == "acl" and word == "by":
                        subject, _ = self.subject_of(child)
                        actors, conf = self.actors_of(subject, index)
                        if actors:
                            return actors, conf, "participle agent"
        # "Kishida said after talks with Zelensky": a meeting in an adverbial phrase was the subject's
        if (noun.dep_ == "pobj" and noun.head.lower_ in _TALK_PREPS and noun.head.head.pos_ in ("VERB", "AUX")
                and pattern.code.startswith("04")):
            subject, _ = self.subject_of(noun.head.head)
            actors, conf = self.actors_of(subject, index)
            if actors:
                return actors, conf * 0.8, "subject of the clause"
        # "Japan held talks", "he intends to continue dialogue": the subject of the verb carrying the noun
        carrier = self._carrier_verb(noun)
        if carrier is not None:
            subject, how = self.subject_of(carrier)
            actors, conf = self.actors_of(subject, index)
            if actors:
                return actors, conf * 0.9, f"subject of {carrier.lemma_.lower()}"
        return [], 0.0, ""

    def _carrier_verb(self, noun: Token) -> Token | None:
        """The carrier verb whose object is the noun, directly or through a quantity ("$200 million in aid")."""
        carrier = noun
        if (noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in") and noun.head.head.lemma_.lower() in _QUANTITIES
                and noun.head.head.dep_ == "dobj"):
            carrier = noun.head.head
        head = carrier.head
        if carrier.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and (
                word_forms(head.lemma_, head.text) & self.modality.carrier_verbs):
            return head
        return None

    def _noun_candidate(self, noun: Token, index: dict[int, Mention]) -> Candidate | None:
        pattern = self._match_noun(noun)
        if pattern is None:
            return None
        targets: list[Actor] = []
        target_conf = 1.0
        used_target = ""
        target_tokens: set[int] = set()
        for slot in pattern.target or _NOMINAL_TARGET_DEFAULT:
            if not slot.startswith("prep:"):
                continue
            word = slot[5:]
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == word:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    found, conf = self.actors_of(pobj, index)
                    if found:
                        targets, target_conf, used_target = found, conf, slot
                        target_tokens.add(pobj.i)
                        break
            if targets:
                break
        if not targets:
            # "approved a $1 billion loan to Pakistan", "announced $200 million in aid for Sudan": the
            # recipient may hang on the verb that carries the noun
            carrier = self._carrier_verb(noun)
            if carrier is not None:
                for slot in pattern.target or _NOMINAL_TARGET_DEFAULT:
                    word = slot[5:] if slot.startswith("prep:") else None
                    prep = next((c for c in carrier.children if c.dep_ in ("prep", "dative") and c.lower_ == word),
                                None)
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
                    found, conf = self.actors_of(pobj, index)
                    if found:
                        targets, target_conf, used_target = found, conf, f"{slot} of {carrier.lemma_.lower()}"
                        target_tokens.add(pobj.i)
                        break
        sources, source_conf, used_source = self._noun_sources(noun, pattern, index, target_tokens)
        if not sources and used_target == "prep:between" and len(targets) >= 2:
            # "talks between Serbian and Albanian officials": the parties act together
            sources, source_conf, used_source = targets, target_conf, "prep:between"
            targets = []
        if not sources:
            return None
        rule = f"noun:{pattern.lemma}[{pattern.code}] {used_source}→{used_target or 'no target'}"
        confidence = 0.8 * source_conf * (target_conf if targets else 0.85)
        return Candidate(noun.i, pattern.code, tuple(sources), tuple(targets), rule, confidence, "noun",
                         trigger_end=noun.i + 1)

    # -- the component ----------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        index: dict[int, Mention] = {}
        for mention in doc._.tacitus_mentions:
            index[mention.head] = mention
        doc._.tacitus_mention_index = index
        candidates: list[Candidate] = []
        light_objects: set[int] = set()
        for token in doc:
            if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
                found = self._verb_candidate(token, index)
                if found is not None:
                    candidate, obj = found
                    candidates.append(candidate)
                    if obj is not None:
                        light_objects.add(obj.i)
                        if obj.lemma_.lower() in _QUANTITIES:  # "$450 million in military aid"
                            light_objects.update(p.i for c in obj.children if c.dep_ == "prep"
                                                 for p in c.children if p.dep_ == "pobj")
        for token in doc:
            if token.pos_ in ("NOUN", "PROPN") and token.i not in light_objects:
                candidate = self._noun_candidate(token, index)
                if candidate is not None:
                    candidates.append(candidate)
        candidates = self._drop_sports(doc, candidates)
        for candidate in candidates:
            # A government that "protested" lodged a diplomatic protest; it did not march in the street.
            if candidate.code in ("140", "141") and all(a.country and a.sector in (None, "GOV")
                                                       for a in candidate.sources):
                candidate.code = "114"
                candidate.rule += " (state protest → 114)"
        self._drop_intent_frames(doc, candidates)
        candidates.extend(self._bare_intents(doc, candidates, index))
        self._absorb_threats(doc, candidates, index)
        self._carry_targets(doc, candidates)
        doc._.tacitus_candidates = [c for c in candidates if self._has_dyad(c)]
        return doc

    def _drop_sports(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """No events from sports sentences; in a sports report, none between states named without a sector."""
        sports_sentences = {sent.start for sent in doc.sents if self.sports.is_sports(sent.text)}
        sports_report = len(sports_sentences) >= 3
        kept = []
        for candidate in candidates:
            if sentence_of(doc[candidate.trigger]).start in sports_sentences:
                continue
            if sports_report and all(a.sector is None for a in candidate.sources + candidate.targets):
                continue
            kept.append(candidate)
        return kept

    def _drop_intent_frames(self, doc: Doc, candidates: list[Candidate]) -> None:
        """"Germany pledged to send weapons to Ukraine" is a planned sending, not also a pledge (03):
        an intent verb whose complement is itself an event only frames that event."""
        triggers = {c.trigger for c in candidates if self._has_dyad(c)}
        for candidate in list(candidates):
            if candidate.kind != "verb" or not candidate.code.startswith("03"):
                continue
            verb = doc[candidate.trigger]
            if any(child.dep_ == "xcomp" and child.i in triggers for child in verb.children):
                candidates.remove(candidate)

    def _bare_intents(self, doc: Doc, candidates: list[Candidate], index: dict[int, Mention]) -> list[Candidate]:
        """"Indonesia and Australia pledged to improve ties": a commitment whose act the lexicon does not know is
        an expression of intent to cooperate (030) toward whoever the complement names."""
        words = self.modality.plover_frames.get("AGREE", frozenset())
        triggers = {c.trigger for c in candidates if self._has_dyad(c)}
        found: list[Candidate] = []
        for token in doc:
            if token.i in triggers or token.pos_ not in ("VERB", "ADJ"):
                continue
            if not word_forms(token.lemma_, token.text) & words:
                continue
            complement = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if complement is None or complement.i in triggers or any(
                    c.i in triggers for c in complement.subtree):
                continue
            subject, how = self.subject_of(token if token.pos_ == "VERB" else token.head)
            sources, source_conf = self.actors_of(subject, index)
            if not sources:
                continue
            targets: list[Actor] = []
            target_conf = 1.0
            for child in complement.children:
                if child.dep_ == "dobj":
                    targets, target_conf = self.actors_of(child, index)
                elif child.dep_ == "prep" and child.lower_ in ("with", "to", "for"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    targets, target_conf = self.actors_of(pobj, index)
                if targets:
                    break
            source_codes = {a.country or a.code for a in sources}
            targets = [t for t in targets if (t.country or t.code) not in source_codes]
            if not targets and len(sources) < 2:
                continue
            rule = f"intent:{token.lemma_.lower()} to {complement.lemma_.lower()}[030] {how or 'subject'}→" + (
                "complement" if targets else "no target")
            found.append(Candidate(token.i, "030", tuple(sources), tuple(targets), rule,
                                   0.6 * source_conf * (target_conf if targets else 0.85), "verb",
                                   trigger_end=complement.i + 1))
        return found

    def _absorb_threats(self, doc: Doc, candidates: list[Candidate], index: dict[int, Mention]) -> None:
        """"China threatened to retaliate against Lithuania": the threat (13) happened; the act did not."""
        threat_words = self.modality.plover_frames.get("THREATEN", frozenset())
        for candidate in list(candidates):
            node = doc[candidate.trigger]
            frame = None
            for _ in range(3):
                if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head is node:
                    break
                node = node.head
                if word_forms(node.lemma_, node.text) & threat_words:
                    frame = node
                    break
            if frame is None:
                continue
            subject, _ = self.subject_of(frame)
            threateners, _ = self.actors_of(subject, index)
            if not {a.country or a.code for a in threateners} & {a.country or a.code for a in candidate.sources}:
                continue  # "officials warned that Russia could …": a warning about someone else
            plain = [c for c in candidates if c.trigger == frame.i]
            for other in plain:
                candidates.remove(other)
            candidate.code = self.modality.threat_code(candidate.code)
            candidate.rule = f"threat:{frame.lemma_.lower()}[{candidate.code}] of " + candidate.rule
            candidate.trigger_end = max(candidate.trigger_end, candidate.trigger + 1)
            candidate.trigger = frame.i
            candidate.kind = "verb"
            if not candidate.targets and plain and plain[0].targets:
                candidate.targets = plain[0].targets

    @staticmethod
    def _carry_targets(doc: Doc, candidates: list[Candidate]) -> None:
        """"The U.S. asked Japan to be cautious. It also conveyed its concern …": a pronoun subject that
        continues the previous sentence's actor keeps that sentence's target when its own verb names none."""
        for candidate in candidates:
            if candidate.targets or not candidate.open_target or candidate.source_token is None:
                continue
            if doc[candidate.source_token].pos_ != "PRON" or len(candidate.sources) != 1:
                continue
            sent = sentence_of(doc[candidate.trigger])
            if sent.start == 0:
                continue
            previous = sentence_of(doc[sent.start - 1])
            source = candidate.sources[0]
            for earlier in candidates:
                if (previous.start <= earlier.trigger < previous.end and earlier.targets
                        and any(s.country == source.country for s in earlier.sources)):
                    candidate.targets = earlier.targets
                    candidate.confidence *= 0.7
                    candidate.rule += " + target of the previous sentence"
                    break

    def _has_dyad(self, candidate: Candidate) -> bool:
        """Keep a candidate only if it has a target, two sources acting together, or a root that needs no target."""
        if candidate.targets:
            return True
        if len({a.code for a in candidate.sources}) >= 2 and self.modality.is_reciprocal(candidate.code):
            return True
        return candidate.code[:2] in self.modality.targetless_roots
