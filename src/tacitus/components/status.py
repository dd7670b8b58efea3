"""The status component: occurred, planned, requested, hypothetical or negated, from the trigger's context.

A planned visit is not a visit. The component reads the trigger's own negation, auxiliaries and
subordinators, then climbs the parse through the words that govern it ("intends to", "plans for",
"the possibility of", "asked … to", "refused to") and stops at reporting verbs and relative clauses.
The cue words are data: data/lexicon/modality.yaml.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..modality import Modality, load_modality, word_forms

_WORD_KIND = {"VERB": "verbs", "AUX": "verbs", "NOUN": "nouns", "PROPN": "nouns", "ADJ": "adjectives"}
# Dependencies through which a verb's status is inherited from the word governing it.
_CLIMB = frozenset({"xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "conj", "advcl", "oprd", "acomp"})
# Subordinators of adverbial clauses that do not pass their main clause's modality on ("because", "after").
# Verbs that say an event noun happens: "talks could take place", "the meeting will go ahead".
_OCCURRENCE_VERBS = frozenset({"take", "happen", "occur", "go", "begin", "start", "resume", "continue", "open",
                               "proceed", "end", "collapse", "conclude", "restart", "stall", "break"})
_FRAME_PREPS = frozenset({"for", "of", "on", "to", "about", "into", "toward", "towards"})
_OPAQUE_MARKS = frozenset({"because", "as", "after", "when", "while", "since", "although", "though", "before",
                           "until", "once", "so"})


class StatusTagger:
    """Set `status` and `status_cue` on each event candidate of `doc._.tacitus_candidates`."""

    def __init__(self, nlp: Language, name: str, modality: Modality | None = None) -> None:
        self.name = name
        self.modality = modality or load_modality()

    def __call__(self, doc: Doc) -> Doc:
        triggers = {c.trigger for c in doc._.tacitus_candidates}
        for candidate in doc._.tacitus_candidates:
            token = doc[candidate.trigger]
            if candidate.kind == "noun":
                status, cue = self.noun_status(token, triggers)
            else:
                status, cue = self.verb_status(token)
            candidate.status, candidate.status_cue = status, cue
        return doc

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
        if kind is None:
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
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OPAQUE_MARKS for c in node.children):
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
            if dep == "nsubj" and node is trigger and head.lemma_.lower() not in _OCCURRENCE_VERBS:
                # "A Chinese blockade of Taiwan would trigger a crisis": an indefinite event in a conditional
                modal = next((c for c in head.children if c.dep_ == "aux"
                              and self.modality.status_of_modal(c.lower_) == "hypothetical"), None)
                indefinite = not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any")
                                     for c in trigger.children)
                if modal is not None and indefinite:
                    return "hypothetical", modal.text
                break
            if dep in ("dobj", "nsubjpass") or (dep == "nsubj" and head.lemma_.lower() in _OCCURRENCE_VERBS):
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
            if node.pos_ == "ADP" and dep in ("prep", "agent"):
                # "plans for a visit", "the possibility of talks", "called for talks" — but not "agreed at
                # the summit": places and times do not take on the modality of what happened there.
                if node.lower_ not in _FRAME_PREPS:
                    break
                cue = self._governing_cue(head, "prep")
                if cue:
                    return cue
                if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("pobj", "dobj", "conj"):
                    node = head
                    continue
            break
        return "occurred", None
