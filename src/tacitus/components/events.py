"""The event component: verb and noun patterns over the dependency parse → event candidates with their actors.

Verbal events take the subject as source and the pattern's slots as target, with passives turned round
("diplomats were expelled by Britain" → Britain expels diplomats) and subjects inherited through control
("Abe intends to visit", "asked Japan to …", "plans for Kishida to visit"). Nominal events take the source
from the possessor, a "by" phrase or a compound ("Putin's visit to Japan", "intrusions … by Chinese aircraft",
"the Japan-Russia … meeting"). Intent verbs frame the act they announce, and threats absorb the act threatened.
When the pipeline runs the trained detector, its proposals are fused with the patterns' candidates
(`tacitus.components.fusion`). The component writes `doc._.tacitus_candidates`; settling the actors into dyads
is the roles component's job.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..detector import load_detector
from ..errors import ModelError
from ..knowledge_files import KnowledgeFiles
from ..lexicon import NounPattern
from ..modality import word_forms
from ..model import Actor
from .base import Component
from .candidate import Candidate
from .fusion import Fusion
from .mentions import Mention, mention_index, sentence_of, sentences_of, span_text, tokens_of
from .parse import ParseReader
from .roles import has_dyad, may_have_dyad


class EventCoder(Component):
    """Find event candidates (`doc._.tacitus_candidates`) from the lexicon's verb and noun patterns, fused with
    the trained detector's proposals when the pipeline runs it (`doc._.tacitus_detections`)."""

    def __init__(self, name: str, data_dir: str | None = None, model_dir: str | None = None) -> None:
        self.model_dir = model_dir
        super().__init__(name, data_dir)

    def configure(self, files: KnowledgeFiles) -> None:
        self.lexicon = files.lexicon
        self.modality = files.modality
        self.grammar = files.grammar
        self.sports = files.sports
        self.parse = ParseReader(files.grammar, files.lexicon, files.modality)
        self.fusion: Fusion | None = None
        if self.model_dir != "off":
            try:
                detector = load_detector(self.model_dir)
            except ModelError:
                detector = None
            if detector is not None:
                self.fusion = Fusion(self.parse, files.modality, detector.settings,
                                     f"{detector.name}-{detector.version}")

    # -- verbal events ---------------------------------------------------------------------------------------
    def _verb_candidate(self, verb: Token, index: dict[int, Mention]) -> tuple[Candidate, Token | None] | None:
        matched = self.parse.match_verb(verb)
        if matched is None:
            return None
        pattern, obj = matched
        subject, how = self.parse.subject_of(verb)
        sources, source_conf = self.parse.actors_of(subject, index)
        authorities = None if sources else self.parse.unnamed_authorities(verb, pattern.code)
        if authorities is not None:  # "union leaders were detained": by the authorities (roles settle whose)
            sources, source_conf, how = [authorities], 0.7, "unnamed authorities"
        if not sources and not self._unnamed_agent(subject, pattern.code):
            return None
        if not sources:
            source_conf, how = 0.7, "unnamed " + (subject.lemma_.lower() if subject is not None else "")
        targets: list[Actor] = []
        target_conf = 1.0
        used = ""
        for slot in pattern.target:
            targets, target_conf = self.parse.slot(slot, verb, obj, index)
            if targets:
                used = slot
                break
        if not targets and pattern.code in self.modality.perpetrator_target_codes:
            # "condemns the bombings that occurred last night in Kandahar City": the unnamed attackers
            attack = obj or next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            attackers = self.parse.unnamed_attackers(attack, index)
            if attackers is not None:
                targets, target_conf, used = [attackers], 0.8, "unnamed perpetrators"
        if not targets and obj is not None and self.parse.names_nationality(obj, index):
            # "expelled Russian diplomats", "detained British nationals": the object's own nationality
            source_countries = {a.country for a in sources}
            found, conf = self.parse.actors_of(obj, index)
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
                            targets, target_conf = self.parse.actors_of(pobj, index)
                            if targets:
                                used = f"complement prep:{prep.lower_}"
                                break
                    if targets:
                        break
        if not targets and pattern.code[:2] in self.grammar.clause_target_roots:
            # "Britain demanded that Russia explain …", "warned Iran that …": the target acts in the clause
            for child in verb.children:
                if child.dep_ in ("ccomp", "xcomp"):
                    subj = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    targets, target_conf = self.parse.actors_of(subj, index)
                    if targets:
                        used = "clause subject"
                        break
        code = pattern.code
        if obj is not None and pattern.lemma in self.modality.support_verbs:
            # "carried out ethnic cleansing", "launched a hunger strike": a multiword event noun is more specific
            noun = self.parse.match_noun(obj)
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
    def _noun_sources(self, noun: Token, pattern: NounPattern, index: dict[int, Mention],
                      targets_tokens: set[int]) -> tuple[list[Actor], float, str]:
        for slot in pattern.source:
            if slot in ("poss", "compound", "amod", "nmod"):
                found: list[Actor] = []
                conf = 1.0
                for child in noun.children:
                    if child.dep_ == slot or (slot == "compound" and child.dep_ == "nmod"):
                        actors, c = self.parse.actors_of(child, index)
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
                            actors, conf = self.parse.actors_of(pobj, index)
                            if actors:
                                return actors, conf, slot
                # "the sanctions imposed by X": a participle's agent
                for child in noun.children:
                    if child.dep_ == "acl" and word == "by":
                        subject, _ = self.parse.subject_of(child)
                        actors, conf = self.parse.actors_of(subject, index)
                        if actors:
                            return actors, conf, "participle agent"
        # "Kishida said after talks with Zelensky": a meeting in an adverbial phrase was the subject's
        if (noun.dep_ == "pobj" and noun.head.lower_ in self.grammar.talk_prepositions
                and noun.head.head.pos_ in ("VERB", "AUX")
                and pattern.code.startswith("04")):
            subject, _ = self.parse.subject_of(noun.head.head)
            actors, conf = self.parse.actors_of(subject, index)
            if actors:
                return actors, conf * 0.8, "subject of the clause"
        # "Japan held talks", "he intends to continue dialogue": the subject of the verb carrying the noun
        carrier = self.parse.carrier_verb(noun)
        if carrier is not None:
            subject, how = self.parse.subject_of(carrier)
            actors, conf = self.parse.actors_of(subject, index)
            if actors:
                return actors, conf * 0.9, f"subject of {carrier.lemma_.lower()}"
        return [], 0.0, ""

    def _unnamed_agent(self, subject: Token | None, code: str) -> bool:
        """Whether a verb of violence has a subject that names no actor but the weapon or the act ("a roadside
        bomb killed", "the blast wounded"): the event stands with an unnamed source (roles settle its country)."""
        return (subject is not None and code[:2] in self.grammar.unnamed_source_roots
                and subject.pos_ in ("NOUN", "PROPN") and subject.lemma_.lower() in self.grammar.weapon_nouns)

    def _noun_candidate(self, noun: Token, index: dict[int, Mention]) -> Candidate | None:
        pattern = self.parse.match_noun(noun)
        if pattern is None:
            return None
        targets: list[Actor] = []
        target_conf = 1.0
        used_target = ""
        target_tokens: set[int] = set()
        for slot in pattern.target:
            if not slot.startswith("prep:"):
                continue
            word = slot[5:]
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == word:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    found, conf = self.parse.actors_of(pobj, index)
                    if found:
                        targets, target_conf, used_target = found, conf, slot
                        target_tokens.add(pobj.i)
                        break
            if targets:
                break
        if not targets:
            # "approved a $1 billion loan to Pakistan", "announced $200 million in aid for Sudan": the
            # recipient may hang on the verb that carries the noun
            carrier = self.parse.carrier_verb(noun)
            if carrier is not None:
                for slot in pattern.target:
                    word = slot[5:] if slot.startswith("prep:") else None
                    prep = next((c for c in carrier.children if c.dep_ in ("prep", "dative") and c.lower_ == word),
                                None)
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
                    found, conf = self.parse.actors_of(pobj, index)
                    if found:
                        targets, target_conf, used_target = found, conf, f"{slot} of {carrier.lemma_.lower()}"
                        target_tokens.add(pobj.i)
                        break
        if not targets and pattern.code in self.modality.perpetrator_target_codes:
            # "condemnation of the attack on a Red Cross vehicle": the unnamed attackers
            for child in noun.children:
                if child.dep_ == "prep" and (f"prep:{child.lower_}" in pattern.target or child.lower_ == "on"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    attackers = self.parse.unnamed_attackers(pobj, index)
                    if attackers is not None:
                        targets, target_conf, used_target = [attackers], 0.8, "unnamed perpetrators"
                        target_tokens.add(pobj.i)
                        break
        sources, source_conf, used_source = self._noun_sources(noun, pattern, index, target_tokens)
        if not sources and used_target == "prep:between" and len(targets) >= 2:
            # "talks between Serbian and Albanian officials": the parties act together
            sources, source_conf, used_source = targets, target_conf, "prep:between"
            targets = []
        if not sources and pattern.code[:2] not in self.grammar.unnamed_source_roots:
            return None
        if not sources:  # "the attack on a Red Cross vehicle": violence whose actor the text does not name
            source_conf, used_source = 0.7, "unnamed"
        rule = f"noun:{pattern.lemma}[{pattern.code}] {used_source}→{used_target or 'no target'}"
        confidence = 0.8 * source_conf * (target_conf if targets else 0.85)
        return Candidate(noun.i, pattern.code, tuple(sources), tuple(targets), rule, confidence, "noun",
                         trigger_end=noun.i + 1)

    # -- the component ----------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        index = mention_index(doc)
        candidates: list[Candidate] = []
        light_objects: set[int] = set()
        for token in tokens_of(doc):
            if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
                found = self._verb_candidate(token, index)
                if found is not None:
                    candidate, obj = found
                    candidates.append(candidate)
                    if obj is not None:
                        light_objects.add(obj.i)
                        if obj.lemma_.lower() in self.grammar.quantity_words:  # "$450 million in military aid"
                            light_objects.update(p.i for c in obj.children if c.dep_ == "prep"
                                                 for p in c.children if p.dep_ == "pobj")
        for token in tokens_of(doc):
            if token.pos_ in ("NOUN", "PROPN") and token.i not in light_objects:
                candidate = self._noun_candidate(token, index)
                if candidate is not None:
                    candidates.append(candidate)
        candidates = self._drop_sports(doc, candidates)
        self._drop_intent_frames(doc, candidates)
        candidates.extend(self._bare_intents(doc, candidates, index))
        self._absorb_threats(doc, candidates, index)
        candidates = [c for c in candidates if may_have_dyad(doc, c, self.modality)]
        detections = doc._.tacitus_detections
        if detections is not None and self.fusion is not None:
            candidates = self.fusion(doc, candidates, detections, index, list(doc._.tacitus_coref or ()))
            candidates = self._drop_sports(doc, candidates)  # nor from the detector ("will meet in the final")
        else:
            # a nominal mention of violence that names no actor ("the attack on a Red Cross vehicle") is kept only
            # when the detector agrees that its sentence reports it (see Fusion): without it, too often history
            candidates = [c for c in candidates if c.sources or c.kind != "noun"]
        doc._.tacitus_candidates = [c for c in candidates if not self._habitual(doc[c.trigger])]
        return doc

    def _habitual(self, trigger: Token) -> bool:
        """Whether the event is told as a habit ("frequently mediates", "routinely sends ships"): an adverb of
        grammar.yaml's habitual_adverbs on its verb, or on the verb that carries its noun."""
        node = trigger
        for _ in range(4):
            if node.pos_ in ("VERB", "AUX"):
                return any(c.dep_ == "advmod" and c.lower_ in self.grammar.habitual_adverbs for c in node.children)
            if node.head is node:
                return False
            node = node.head
        return False

    def _drop_sports(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """No events from sports sentences; in a sports report, none between states named without a sector."""
        sports_sentences = {sent.start for sent in sentences_of(doc) if self.sports.is_sports(span_text(sent))}
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
        triggers = {c.trigger for c in candidates if has_dyad(c.code, c.sources, c.targets, self.modality)}
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
        triggers = {c.trigger for c in candidates if has_dyad(c.code, c.sources, c.targets, self.modality)}
        found: list[Candidate] = []
        for token in tokens_of(doc):
            if token.i in triggers or token.pos_ not in ("VERB", "ADJ"):
                continue
            if not word_forms(token.lemma_, token.text) & words:
                continue
            complement = next((c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if complement is None or complement.i in triggers or any(
                    c.i in triggers for c in complement.subtree):
                continue
            subject, how = self.parse.subject_of(token if token.pos_ == "VERB" else token.head)
            sources, source_conf = self.parse.actors_of(subject, index)
            if not sources:
                continue
            targets: list[Actor] = []
            target_conf = 1.0
            for child in complement.children:
                if child.dep_ == "dobj":
                    targets, target_conf = self.parse.actors_of(child, index)
                elif child.dep_ == "prep" and child.lower_ in ("with", "to", "for"):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    targets, target_conf = self.parse.actors_of(pobj, index)
                if targets:
                    break
            source_keys = {a.key for a in sources}
            targets = [t for t in targets if t.key not in source_keys]
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
            subject, _ = self.parse.subject_of(frame)
            threateners, _ = self.parse.actors_of(subject, index)
            if not {a.key for a in threateners} & {a.key for a in candidate.sources}:
                continue  # "officials warned that Russia could …": a warning about someone else
            plain = [c for c in candidates if c.trigger == frame.i]
            for other in plain:
                candidates.remove(other)
            code = self.modality.threat_code(candidate.code)
            threat = replace(candidate, code=code, rule=f"threat:{frame.lemma_.lower()}[{code}] of " + candidate.rule,
                             trigger=frame.i, trigger_end=max(candidate.trigger_end, candidate.trigger + 1),
                             kind="verb",
                             targets=candidate.targets or (plain[0].targets if plain else candidate.targets))
            position = next((i for i, c in enumerate(candidates) if c is candidate), None)
            if position is not None:  # a frame removed above is absorbed in nobody
                candidates[position] = threat

