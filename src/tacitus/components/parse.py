"""Reading actors and roles off the dependency parse: subjects, the actors a phrase names, the slots of a pattern.

These helpers change nothing on the Doc; the event component (and any later component) reads the parse with them.
They take the word lists of data/lexicon/grammar.yaml, the lexicon (which nouns are events) and the modality file
(which verbs carry an event noun).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..grammar import Grammar
from ..lexicon import Lexicon, NounPattern, VerbPattern
from ..modality import Modality, word_forms
from ..model import UNNAMED_ATTACKERS, Actor
from .mentions import Mention


class ParseReader:
    """The parse helpers, with the knowledge they read."""

    def __init__(self, grammar: Grammar, lexicon: Lexicon, modality: Modality) -> None:
        self.grammar = grammar
        self.lexicon = lexicon
        self.modality = modality

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
        elif token.ent_type_ in self.grammar.opaque_entity_labels:
            pass  # "German carmaker Volkswagen", "India's Reliance": a company is not its country
        elif not direct_only and token.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            # an event noun stands for its agent: "condemned Turkey's offensive" targets Turkey
            event_noun = self.is_event_noun(token)
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
        if mention is None and not direct_only and token.lemma_.lower() in self.grammar.boundary_nouns:
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
            elif child.dep_ == "appos" and (not actors or child.i in index
                                            or any(c.dep_ == "conj" for c in child.children)):
                # "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt": a list the parser calls appos (and
                # goes on through its conjuncts: "… Baerbock, French Foreign Minister Le Drian and … Truss")
                found, conf = self.actors_of(child, index, depth + 1, direct_only=bool(actors))
                actors.extend(found)
                confidence = min(confidence, conf) if actors else conf
        unique: dict[str, Actor] = {}
        for actor in actors:
            unique.setdefault(actor.code + "|" + actor.name, actor)
        return list(unique.values()), (confidence if actors else 0.0)

    def match_verb(self, verb: Token, root: str | None = None) -> tuple[VerbPattern, Token | None] | None:
        """The most specific verb pattern of the lexicon whose particle and object the parse of `verb` has (of
        CAMEO root `root` only, when given), with the object it matched."""
        patterns = self.lexicon.verbs_for(verb.lemma_.lower())
        if not patterns:
            # the lemmatizer errs on some inflections ("hopes" → "hop"); try the plain base forms
            for form in sorted(word_forms(verb.lemma_, verb.text)):
                patterns = self.lexicon.verbs_for(form)
                if patterns:
                    break
        if not patterns:
            return None
        passive = self.is_passive(verb)
        direct = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        particles: dict[str, list[Token]] = {}
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "advmod"):
                particles.setdefault(child.lower_, []).append(child)
        for pattern in patterns:
            if root is not None and not pattern.code.startswith(root):
                continue
            if pattern.particle and pattern.particle not in particles:
                continue
            obj = direct
            if pattern.particle and pattern.objects:
                # "call for a ceasefire", "agree on a deal": the object is the particle's object
                pobjs = [c for p in particles[pattern.particle] for c in p.children if c.dep_ == "pobj"]
                obj = next((c for c in pobjs if self.object_words(c) & set(pattern.objects)), None) or direct
            if pattern.objects:
                if obj is None:
                    continue
                obj_words = self.object_words(obj)
                if not (obj_words & set(pattern.objects)):
                    continue
                return pattern, obj
            return pattern, None
        return None

    def match_noun(self, noun: Token) -> NounPattern | None:
        """The noun pattern of `noun`: a multiword one with its modifier ("hunger strike"), else the head's own."""
        for modifier in noun.children:
            if modifier.dep_ in ("compound", "amod") and modifier.pos_ in ("NOUN", "ADJ"):
                pattern = self.lexicon.noun_for(noun.lemma_.lower(), modifier.lemma_.lower())
                if pattern is not None and pattern.modifier:
                    return pattern
        return self.lexicon.noun_for(noun.lemma_.lower(), None)

    def is_event_noun(self, token: Token) -> bool:
        return bool(self.lexicon.nouns_for(token.lemma_.lower()))


    @staticmethod
    def is_passive(verb: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)

    def subject_of(self, verb: Token, depth: int = 0) -> tuple[Token | None, str]:
        """The token acting as the subject of `verb` (climbing through control), and how it was found."""
        if depth > 5:
            return None, ""
        if self.is_passive(verb):
            for child in verb.children:
                if child.dep_ == "agent":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    return pobj, "agent"
            if verb.dep_ == "acl":
                return None, ""
            return None, ""
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in self.grammar.relative_pronouns and verb.dep_ == "relcl":
                    return verb.head, "relative"
                return child, "subject"
        dep, head = verb.dep_, verb.head
        if head is verb:
            return None, ""
        if dep == "conj":
            return self.subject_of(head, depth + 1)[0], "conjoined subject"
        if dep == "xcomp":
            if self.is_passive(head):
                # "X is expected to ask", "Japan was asked to be cautious": the passive subject acts
                subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                if subj is not None:
                    return subj, "passive subject control"
            if head.lemma_.lower() in self.grammar.object_control_verbs:
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

    @staticmethod
    def names_nationality(obj: Token, index: dict[int, Mention]) -> bool:
        """Whether a noun's own modifiers name a state ("Russian diplomats"), not a pronoun ("his opposition")."""
        modifiers = [c for c in obj.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        modifiers += [g for c in modifiers for g in c.children if c.dep_ in ("amod", "compound")]  # British-flagged
        return any(m.i in index and index[m.i].kind not in ("pronoun", "speaker") for m in modifiers)

    def object_words(self, obj: Token) -> set[str]:
        """The words an object pattern may match: the object's lemma, with its compound, and for a quantity
        ("$450 million in military aid", "ten tonnes of medicines") the thing counted."""
        words = {obj.lemma_.lower(), obj.lower_}
        heads = [obj]
        if obj.lemma_.lower() in self.grammar.quantity_words:
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

    def slot(self, slot: str, verb: Token, obj: Token | None,
             index: dict[int, Mention]) -> tuple[list[Actor], float]:
        """The actors of one target slot of a verb pattern ("dobj", "dative", "prep:on"), with their confidence."""
        passive = self.is_passive(verb)
        if slot == "dobj":
            if obj is not None and obj.head is verb and obj.dep_ in ("dobj", "nsubjpass"):
                # a light verb's object is the event, not its target ("impose sanctions"); but in "provided
                # Ukraine with aid" the event is the object of "with" and the direct object is the recipient
                return [], 0.0
            dep = "nsubjpass" if passive else "dobj"
            token = next((c for c in verb.children if c.dep_ == dep), None)
            if (token is not None and token.lower_ in self.grammar.relative_pronouns and verb.dep_ == "relcl"
                    and passive):
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

    def carrier_verb(self, noun: Token) -> Token | None:
        """The carrier verb whose object is the noun, directly or through a quantity ("$200 million in aid")."""
        carrier = noun
        quantity = noun.head.head
        if (noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in")
                and quantity.lemma_.lower() in self.grammar.quantity_words and quantity.dep_ == "dobj"):
            carrier = quantity
        head = carrier.head
        if carrier.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and (
                word_forms(head.lemma_, head.text) & self.modality.carrier_verbs):
            return head
        return None

    def unnamed_attackers(self, obj: Token | None, index: dict[int, Mention]) -> Actor | None:
        """The unnamed perpetrators an attack named without them stands for ("condemns the bombings that occurred
        last night in Kandahar City", "the terrorist attack on a Red Cross vehicle"): an armed group (REB) whose
        country the roles settle from the place; None when `obj` is no act of violence or names who did it ("the
        PKK attack", "ISIL's attacks", "the bombing by al-Shabaab")."""
        if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.i in index:
            return None
        pattern = self.match_noun(obj)
        if pattern is None or pattern.code[:2] not in self.grammar.unnamed_source_roots:
            return None
        if self.actors_of(obj, index)[0]:
            return None
        modifiers = [c.i for c in obj.lefts if c.dep_ in ("compound", "amod", "nmod")]
        words = obj.doc[min(modifiers, default=obj.i):obj.i + 1].text
        return Actor(words, UNNAMED_ATTACKERS, None, "REB", "REB", "none")

    def unnamed_authorities(self, verb: Token, code: str) -> Actor | None:
        """The unnamed authorities (grammar.yaml unnamed_authority) who did an arrest or an expulsion told in the
        passive with no agent ("union leaders were detained after nightfall"); their country is settled by the
        roles from the place, else from the people it was done to."""
        rule = self.grammar.unnamed_authority
        if code not in rule.codes or verb.pos_ != "VERB" or not self.is_passive(verb):
            return None
        if any(c.dep_ == "agent" for c in verb.children):
            return None
        return Actor("the authorities", "unnamed authorities", None, rule.sector, rule.sector, "none")

