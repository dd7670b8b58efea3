"""The status component: occurred, planned, requested, hypothetical or negated, from the trigger's context.

A planned visit is not a visit. The cues (`StatusCues`) read the trigger's own negation, auxiliaries and
subordinators, then climb the parse through the words that govern it ("intends to", "plans for",
"the possibility of", "asked … to", "refused to") and stop at reporting verbs and relative clauses.
The component (`StatusTagger`) writes `doc._.tacitus_status`: the cue's verdict, except that an event the
sentence dates after publication (`doc._.tacitus_dates`) has not occurred yet: it is planned.
The cue words are data: data/lexicon/modality.yaml and grammar.yaml.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from ..grammar import Grammar
from ..knowledge_files import KnowledgeFiles
from ..modality import Modality, word_forms
from ..model import Status, When
from .base import Component
from .candidate import Candidate, Dating, Verdict, named_by_noun

_WORD_KIND = {"VERB": "verbs", "AUX": "verbs", "NOUN": "nouns", "PROPN": "nouns", "ADJ": "adjectives"}
# Dependencies through which a verb's status is inherited from the word governing it.
_CLIMB = frozenset({"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "conj", "advcl", "oprd", "acomp"})


def dated_after(when: When, published: date) -> bool:
    """Whether an interval starts (or, open at the start, ends) after the publication date."""
    day = published.isoformat()
    if when.start is not None:
        return when.start > day
    return when.end is not None and when.end > day


class StatusTagger(Component):
    """Write `doc._.tacitus_status`, one `Verdict` per candidate of `doc._.tacitus_candidates`."""

    def configure(self, files: KnowledgeFiles) -> None:
        self.cues = StatusCues(files.modality, files.grammar)

    def __call__(self, doc: Doc) -> Doc:
        published: date | None = doc._.tacitus_published
        candidates: list[Candidate] = doc._.tacitus_candidates
        dates: list[Dating] = doc._.tacitus_dates
        triggers = {c.trigger for c in candidates}
        verdicts = []
        for candidate, dating in zip(candidates, dates):
            status, cue = self.cues.of(doc, candidate, triggers)
            if (status == "occurred" and published is not None and dating.explicit and dating.tense != "past"
                    and dated_after(dating.when, published)):
                status, cue = "planned", dating.when.text
            verdicts.append(Verdict(Status(status), cue))
        doc._.tacitus_status = verdicts
        return doc


class StatusCues:
    """The status the words around a trigger signal; pure reading of the parse."""

    def __init__(self, modality: Modality, grammar: Grammar) -> None:
        self.modality = modality
        self.grammar = grammar

    def of(self, doc: Doc, candidate: Candidate, triggers: set[int]) -> tuple[str, str | None]:
        """The status and cue of one candidate, given the triggers of all the Doc's candidates."""
        token = doc[candidate.trigger]
        if named_by_noun(candidate, token):
            return self.noun_status(token, triggers)
        return self.verb_status(token)

    # -- cues on one word ---------------------------------------------------------------------------------
    def _own_cues(self, node: Token, trigger: Token) -> tuple[str, str] | None:
        m = self.modality
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ in ("advmod", "preconj") and m.is_negator(child.lower_)):
                return "negated", child.text
        for child in node.children:
            if child.dep_ == "mark" and m.is_conditional_mark(child.lower_):
                return "hypothetical", child.text
        for child in node.children:
            if child.dep_ in ("aux", "auxpass"):
                word = child.lower_
                status = m.status_of_modal(word)
                if status is None:
                    continue
                if word in ("would", "'d") and self._under_reporting(node):
                    return "planned", child.text  # "said he would visit": a reported intention
                return status, child.text
        if node is not trigger and node.lemma_.lower() == "go" and node.tag_ == "VBG":
            return "planned", "going to"
        return None

    def _under_reporting(self, node: Token) -> bool:
        while node.dep_ in ("ccomp", "conj", "xcomp") and node.head is not node:
            node = node.head
            if node.lemma_.lower() in self.modality.reporting:
                return True
        return False

    def _governing_cue(self, node: Token, via: str) -> tuple[str, str] | None:
        lemma = word_forms(node.lemma_, node.text)
        kind = _WORD_KIND.get(node.pos_)
        if kind is None or (kind == "verbs" and any(c.dep_ == "prt" for c in node.children)):
            # a phrasal verb is another verb: "set up an inquiry" is no "set to"
            return None
        status = self.modality.status_of_word(lemma, kind)
        if status == "requested" and kind == "verbs" and via not in ("xcomp", "ccomp", "pobj", "prep", "pcomp"):
            status = None
        if status is None and kind == "verbs" and node.tag_ == "VBN":
            # "is expected to", "is scheduled to": the participle is listed as an adjective
            status = self.modality.status_of_word(lemma, "adjectives")
        if status is None and kind == "adjectives":
            status = self.modality.status_of_word(lemma, "adjectives")
        return (status, node.text) if status else None

    # -- verbs ---------------------------------------------------------------------------------------------
    def verb_status(self, trigger: Token, max_steps: int = 7) -> tuple[str, str | None]:
        """Status of an event whose trigger is a verb."""
        node, via = trigger, ""
        for _ in range(max_steps):
            own = self._own_cues(node, trigger)
            if own:
                return own
            if node is not trigger and via != "conj":
                if via in ("ccomp", "advcl") and word_forms(node.lemma_, node.text) & self.modality.reporting:
                    return "occurred", None
                cue = self._governing_cue(node, via)
                if cue:
                    return cue
            dep = node.dep_
            if node.head is node or dep not in _CLIMB:
                break
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.grammar.opaque_marks
                                      for c in node.children):
                break
            if dep in ("pobj",) or node.pos_ == "ADP":
                via = via or dep
            else:
                via = dep
            node = node.head
        return "occurred", None

    # -- nouns ---------------------------------------------------------------------------------------------
    def noun_status(self, trigger: Token, triggers: set[int] = frozenset()) -> tuple[str, str | None]:
        """Status of an event named by a noun ("Putin's visit", "sanctions on Russia").

        The noun takes the status of a verb that carries it ("will hold talks", "the talks could take
        place", "talks have not resumed"), but not of a verb that is an event of its own ("India has not
        condemned Russia's invasion": the invasion happened).
        """
        for child in trigger.children:
            if child.dep_ == "det" and child.lower_ == "no":
                return "negated", child.text
        node = trigger
        for _ in range(5):
            dep, head = node.dep_, node.head
            if head is node:
                break
            if dep == "nsubj" and node is trigger and head.lemma_.lower() not in self.grammar.occurrence_verbs:
                # "A Chinese blockade of Taiwan would trigger a crisis": an indefinite event in a conditional
                modal = next((c for c in head.children if c.dep_ == "aux"
                              and self.modality.status_of_modal(c.lower_) == "hypothetical"), None)
                indefinite = not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any")
                                     for c in trigger.children)
                if modal is not None and indefinite:
                    return "hypothetical", modal.text
                break
            occurs = head.lemma_.lower() in self.grammar.occurrence_verbs
            if dep in ("dobj", "nsubjpass") or (dep == "nsubj" and occurs):
                if head.pos_ not in ("VERB", "AUX") or head.i in triggers:
                    return "occurred", None
                # "is weighing a ban": the verb carrying the noun is itself a cue
                return self._governing_cue(head, dep) or self.verb_status(head)
            if dep == "pobj":
                node = head  # the preposition
                continue
            if dep == "conj":
                node = head
                continue
            if (node.pos_ == "ADP" and dep == "prep" and node.lower_ in ("in", "of")
                    and head.lemma_.lower() in self.grammar.quantity_words and head.dep_ in ("dobj", "nsubjpass")):
                # "pledged $640 million in food assistance": the noun takes the status of the verb carrying the
                # quantity, as with "pledged food assistance" — but money committed or allocated is given
                if word_forms(head.head.lemma_, head.head.text) & self.grammar.allocation_verbs:
                    return "occurred", None
                node = head
                continue
            if node.pos_ == "ADP" and dep in ("prep", "agent"):
                # "plans for a visit", "the possibility of talks", "called for talks" — but not "agreed at
                # the summit": places and times do not take on the modality of what happened there.
                if node.lower_ not in self.grammar.frame_prepositions:
                    break
                cue = self._governing_cue(head, "prep")
                if cue:
                    return cue
                if head.pos_ in ("VERB", "AUX") and head.i not in triggers:
                    # "urged Pyongyang to return to the talks": the talks take the status of returning
                    return self.verb_status(head)
                if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("pobj", "dobj", "conj"):
                    node = head
                    continue
            break
        return "occurred", None
