"""Fusing the trained detector with the rules: the event candidates of a Doc from both.

Rule candidates stay, except those of a sentence the detector is sure reports no event (every root scores
below the `veto` of its settings) and verb-pattern candidates of a root the sentence scores below `root_veto`
while it scores another root at or above the threshold (the detector is sure the sentence reports something
else). For each root the detector scores at or above its threshold in a sentence where the rules found no
candidate of that root, a candidate is added:

- **trigger**: a word of the sentence the lexicon knows for a code of that root, read as the event component
  reads it (`ParseReader.match_verb`, `match_noun`: a verb before a noun), else,
  when the score reaches `main_verb_threshold`, the sentence's main verb (under a reporting verb, the verb of
  what is reported) unless it is a light verb of grammar.yaml ("be", "come", "face") or a verb the lexicon
  knows for another root ("urged" is no protest, "will travel" no assault); the code is that word's
  code, else the root's general code ("190");
- **actors** from the parse around the trigger (subject or agent → source; object, passive subject or a
  preposition's object → target), else the actor mentions of the sentence in order.

A rule candidate whose pattern found no target, in a sentence that scores its root at or above the threshold,
takes as target the first actor named after its trigger within the trigger's phrase. A rule candidate of violence
that names no actor ("the attack on a Red Cross vehicle"; grammar.yaml `unnamed_source_roots`) stands only when
its root scores at or above the threshold, and gives way to a proposal of its root that names the actor.

Every candidate then carries a calibrated confidence (the settings' calibrations, fitted on dev), and a
detector candidate says in its rule which model proposed it and with what score.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..detector import Settings
from ..modality import Modality, word_forms
from ..model import Actor
from .candidate import Candidate
from .detector import SentenceScores
from .mentions import Mention, sentence_of
from .parse import ParseReader
from .roles import has_dyad, is_protest_force, may_have_dyad

TARGET_PREPOSITIONS = ("to", "with", "against", "on", "at", "for", "from", "into", "toward", "towards", "upon")


class Fusion:
    """Merge rule candidates with the detector's proposals (see the module's docstring)."""

    def __init__(self, parse: ParseReader, modality: Modality, settings: Settings, model: str) -> None:
        self.parse = parse
        self.modality = modality
        self.settings = settings
        self.model = model

    def __call__(self, doc: Doc, candidates: list[Candidate], detections: list[SentenceScores],
                 index: dict[int, Mention], mentions: list[Mention]) -> list[Candidate]:
        by_start = {d.start: d for d in detections}
        kept: list[Candidate] = []
        roots_found: dict[int, set[str]] = {}
        proposed: set[tuple[int, str]] = set()   # (sentence, root) of proposals that name their actor
        unnamed: set[tuple[int, str]] = set()    # (sentence, root) of rule candidates that name none
        for candidate in candidates:
            sentence = sentence_of(doc[candidate.trigger])
            scores = by_start.get(sentence.start)
            if scores is not None and scores.top < self.settings.veto:
                continue
            root = candidate.code[:2]
            agreement = (max(scores.score(r) for r in self.roots_it_may_take(candidate))
                         if scores is not None else None)
            if (agreement is not None and agreement < self.settings.root_veto and candidate.kind == "verb"
                    and scores.top >= self.settings.threshold):
                # the detector is sure the sentence reports another event, and this one's root scores next to
                # nothing. Only a verb's event: a nominal one is often a side remark of a sentence about something
                # else ("… concerned that Putin's visit may send the wrong message after Russia's annexation …")
                continue
            if not candidate.sources and (agreement is None or agreement < self.settings.threshold_for(root)):
                continue  # violence with no named actor stands only when the detector agrees it is reported
            if (agreement is not None and agreement >= self.settings.threshold_for(root) and candidate.sources
                    and (candidate.open_target or candidate.kind == "noun")
                    and not has_dyad(candidate.code, candidate.sources, candidate.targets, self.modality)):
                candidate = self.with_target(doc, candidate, sentence, mentions, agreement)
            if not candidate.sources:
                unnamed.add((sentence.start, root))
            elif may_have_dyad(doc, candidate, self.modality):
                # a rule candidate that cannot make an event, or names no actor, leaves its root to the detector's
                # proposal
                roots_found.setdefault(sentence.start, set()).add(root)
            kept.append(replace(candidate, confidence=round(self.settings.rule_calibration(candidate.confidence), 3),
                                rule=candidate.rule + ("" if agreement is None else
                                                       f"; {self.model} p[{root}]={agreement:.2f}")))
        for scores in detections:
            sentence = doc[scores.start:scores.end]
            for root, score in scores.scores:
                if score < self.settings.threshold_for(root) or root in roots_found.get(scores.start, set()):
                    continue
                proposal = self.propose(doc, sentence, root, score, index, mentions)
                if proposal is not None and not proposal.sources and (scores.start, root) in unnamed:
                    continue  # the rule's candidate already stands for it
                if proposal is not None and (may_have_dyad(doc, proposal, self.modality)
                                             or root in self.parse.grammar.unnamed_source_roots):
                    kept.append(proposal)
                    roots_found.setdefault(scores.start, set()).add(root)
                    if proposal.sources:
                        proposed.add((scores.start, root))
        # a proposal that names the actor replaces a rule candidate of its root that names none
        return [c for c in kept if c.sources or c.kind == "model"
                or (sentence_of(doc[c.trigger]).start, c.code[:2]) not in proposed]

    def roots_it_may_take(self, candidate: Candidate) -> set[str]:
        """The roots a rule candidate may end with: its own, or the one the roles' code rules give it (a missile
        fired at nobody is a show of force, 150; a state's protest is 114, an army's strike 190; force against
        protesters 175)."""
        roots = {candidate.code[:2]}
        if candidate.object_lemma in self.modality.untargeted_weapons:
            roots.add(self.modality.untargeted_weapon_code[:2])
        for _, recode in self.parse.grammar.source_recodes:
            if candidate.code in recode.codes:
                roots.add(recode.code[:2])
        if is_protest_force(candidate, self.parse.grammar):
            roots.add(self.parse.grammar.protest_force.code[:2])
        return roots

    def with_target(self, doc: Doc, candidate: Candidate, sentence: Span, mentions: list[Mention],
                    score: float) -> Candidate:
        """A rule candidate whose pattern found no target, in a sentence the detector scores for its root: the
        first actor named after the trigger within the trigger's phrase ("We condemn in the strongest possible
        terms the recent massacres of Syrian civilians") is its target."""
        trigger = doc[candidate.trigger]
        head = trigger if trigger.pos_ in ("VERB", "AUX") else (self.parse.carrier_verb(trigger) or trigger)
        left, right = head.left_edge.i, head.right_edge.i
        keys = {a.key for a in candidate.sources}
        after = sorted((m for m in mentions if trigger.i < m.head <= right and left <= m.start
                        and sentence.start <= m.head < sentence.end and m.actors
                        and not {a.key for a in m.actors} & keys and not self.is_place(doc[m.head])),
                       key=lambda m: m.start)
        if not after:
            return candidate
        return replace(candidate, targets=after[0].actors,
                       rule=candidate.rule + f" + target: mention after ({self.model} p={score:.2f})")

    def is_place(self, token: Token) -> bool:
        """Whether an actor's word is where the event happens ("meet Thursday in Lesotho", "in the northern city of
        Tripoli"), not who acts or whom it is done to."""
        if token.dep_ != "pobj" or token.ent_type_ not in ("GPE", "LOC", "FAC"):
            return False
        grammar = self.parse.grammar
        prep = token.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in grammar.place_nouns:
            return True  # "the city of Tripoli", "the town of Dikwa"
        return prep.lower_ in grammar.place_prepositions

    # -- a detector candidate --------------------------------------------------------------------------------
    def propose(self, doc: Doc, sentence: Span, root: str, score: float, index: dict[int, Mention],
                mentions: list[Mention]) -> Candidate | None:
        """The candidate for `root` in `sentence`, or None when the sentence names no actor to act."""
        trigger, code, how = self.trigger(sentence, root)
        if trigger is None or (how == "main verb" and score < self.settings.main_verb_threshold):
            return None
        sources, targets, roles = self.actors(trigger, sentence, index, mentions,
                                              targeted=how != "lexicon, no target", root=root)
        if not sources and root not in self.parse.grammar.unnamed_source_roots:
            return None
        rule = (f"model:{self.model}[{root}] p={score:.2f} trigger {how} {trigger.lemma_.lower()}[{code}] "
                f"{roles}")
        return Candidate(trigger.i, code, tuple(sources), tuple(targets), rule,
                         round(self.settings.calibration(score), 3), "model", trigger_end=trigger.i + 1,
                         source_token=None, open_target=False)

    def trigger(self, sentence: Span, root: str) -> tuple[Token | None, str, str]:
        """The word that reports `root` in `sentence`, its code and how it was chosen."""
        general = root + "0"
        for kind in ("VERB", "NOUN"):
            for token in sentence:
                if kind == "VERB" and token.pos_ == "VERB":
                    matched = self.parse.match_verb(token, root)
                    code = matched[0].code if matched else None
                    targeted = bool(matched[0].target) if matched else True
                elif kind == "NOUN" and token.pos_ in ("NOUN", "PROPN"):
                    pattern = self.parse.match_noun(token)
                    code = pattern.code if pattern is not None and pattern.code.startswith(root) else None
                    targeted = bool(pattern.target) if pattern is not None else True
                else:
                    continue
                if code is not None:
                    return token, code, "lexicon" if targeted else "lexicon, no target"
        main = self.main_verb(sentence)
        if main is None or word_forms(main.lemma_, main.text) & self.parse.grammar.light_verbs:
            return None, general, ""
        if main.pos_ in ("VERB", "AUX") and self.parse.match_verb(main) is not None:
            # the lexicon knows the main verb for another root ("urged", "will travel"): what the detector
            # scores is elsewhere in the sentence, not in this verb
            return None, general, ""
        return main, general, "main verb"

    def main_verb(self, sentence: Span) -> Token | None:
        """The sentence's main verb; under a reporting verb ("officials said …"), the verb of what is said."""
        head = sentence.root
        reporting = self.modality.reporting
        for _ in range(3):
            if word_forms(head.lemma_, head.text) & reporting:
                inner = next((c for c in head.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")),
                             None)
                if inner is None:
                    break
                head = inner
            else:
                break
        if head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            return head
        return next((t for t in sentence if t.pos_ == "VERB"), None)

    def topic_of_other_act(self, trigger: Token, root: str | None) -> bool:
        """Whether a noun trigger is what another act is about ("The United States condemns the bombings", "welcomed
        the release of …"): the object of a verb the lexicon knows for another root, whose subject did that act, not
        the one the noun names."""
        if trigger.pos_ not in ("NOUN", "PROPN") or root is None:
            return False
        head = trigger.head
        if trigger.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        elif trigger.dep_ not in ("dobj", "nsubjpass"):
            return False
        if head.pos_ not in ("VERB", "AUX") or head is trigger:
            return False
        matched = self.parse.match_verb(head)
        return matched is not None and not matched[0].code.startswith(root) and \
            not (word_forms(head.lemma_, head.text) & self.modality.carrier_verbs)

    def actors(self, trigger: Token, sentence: Span, index: dict[int, Mention], mentions: list[Mention], *,
               targeted: bool = True, root: str | None = None) -> tuple[list[Actor], list[Actor], str]:
        """The source and target actors of a detector candidate, and how they were found.

        `targeted`: the trigger's pattern takes a target (False: "disarmed Kosovo militias" has none). `root`: the
        root proposed; a noun that is what another act is about takes no source from the mentions before it.
        """
        sources: list[Actor] = []
        targets: list[Actor] = []
        how_source = how_target = ""
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else self.parse.carrier_verb(trigger)
        if trigger.pos_ in ("NOUN", "PROPN"):
            for child in trigger.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found, _ = self.parse.actors_of(child, index)
                    if found:
                        sources, how_source = found, child.dep_
                        break
        if not sources and verb is not None:
            subject, how = self.parse.subject_of(verb)
            sources, _ = self.parse.actors_of(subject, index)
            how_source = how if sources else ""
        heads = [trigger] + ([verb] if verb is not None and verb is not trigger else []) if targeted else []
        for head in heads:
            for child in head.children:
                if child.dep_ in ("dobj", "dative", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
                    found, _ = self.parse.actors_of(child, index)
                elif child.dep_ == "prep" and child.lower_ in TARGET_PREPOSITIONS:
                    found, _ = self.parse.actors_of(next((c for c in child.children if c.dep_ == "pobj"), None),
                                                    index)
                else:
                    continue
                found = [a for a in found if a.key not in {s.key for s in sources}]
                if found:
                    targets, how_target = found, child.dep_ + (f":{child.lower_}" if child.dep_ == "prep" else "")
                    break
            if targets:
                break
        opaque_subject = verb is not None and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ in self.parse.grammar.opaque_entity_labels
            for c in verb.children)
        if opaque_subject and not sources:
            # "German carmaker Volkswagen will invest …": a company or a person the tables don't know acts;
            # the nationality beside it is not the actor
            return [], [], "opaque subject"
        if not sources or not targets:
            named = [m for m in mentions if sentence.start <= m.head < sentence.end and m.actors]
            named.sort(key=lambda m: m.start)
            if not sources and not self.topic_of_other_act(trigger, root):
                before = [m for m in named if m.head < trigger.i and not self.is_place(trigger.doc[m.head])]
                if before:  # none before the trigger: whoever is named after it is no source
                    sources, how_source = list(before[-1].actors), "mention before"
                    keys = {a.key for a in sources}
                    targets = [a for a in targets if a.key not in keys]
            if sources and not targets and targeted:
                keys = {a.key for a in sources}
                after = [m for m in named if m.head > trigger.i and not {a.key for a in m.actors} & keys
                         and not self.is_place(trigger.doc[m.head])]
                if after:
                    targets, how_target = list(after[0].actors), "mention after"
        return sources, targets, f"{how_source or 'none'}→{how_target or 'no target'}"
