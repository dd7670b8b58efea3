"""The roles component: from event candidates to dyads — who did it to whom, under which code.

It reads what the earlier components wrote (candidates, dates, status, places) and writes `doc._.tacitus_dyads`:
  code rules        a state that protests lodges a diplomatic protest (114), an army's or a state's strike is an
                    attack (190); a missile fired at nobody is a show of force (150), against the state it flew
                    over;
  carried targets   "The U.S. asked Japan to … It also conveyed its concern": the pronoun keeps the target;
  place nationality protesters, civilians and militants named without a country take the country of the place,
                    of the other side (coercion, violence) or of the story;
  default targets   an attack on a place is an attack on its state; a protest is aimed at its own government;
  pairs             one actor per country in a role, one event per (source, target), reciprocal events for
                    actors acting together; a side of more than MAX_SIDE actors is one multilateral actor with
                    its participants listed; an event needs a dyad (or a root that needs no target);
  consequences      "fired a missile at a house, killing eight": the killing is the attack's, not an event;
  repeats           a bare nominal mention of an event the article dates or qualifies elsewhere is not a new one;
                    one event per sentence, dyad, code and status (the most confident).
The words and codes are data: data/lexicon/grammar.yaml and modality.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..grammar import Grammar
from ..knowledge_files import KnowledgeFiles
from ..model import TRANSNATIONAL, UNKNOWN_COUNTRY, UNNAMED_ATTACKERS, Actor, Location, Status, multilateral
from ..modality import Modality
from .base import Component
from .candidate import Candidate, Dating, Dyad, Verdict
from .mentions import Mention, mention_index, sentence_of


def has_dyad(code: str, sources: tuple[Actor, ...], targets: tuple[Actor, ...], modality: Modality) -> bool:
    """Whether a candidate can make an event: a target, two sources acting together, a root that needs none, or
    condolences (their target is the victims)."""
    if targets:
        return True
    if len({a.code for a in sources}) >= 2 and modality.is_reciprocal(code):
        return True
    # condolences with no one named go to the victims (the roles component gives them: RoleResolver._victims)
    return code[:2] in modality.targetless_roots or (bool(sources) and code in modality.victim_target_codes)


def may_carry_target(doc: Doc, candidate: Candidate) -> bool:
    """Whether a candidate may take the previous sentence's target: its pattern expects a target its sentence
    does not name, and its one source is a pronoun ("It also conveyed its concern")."""
    if candidate.targets or not candidate.open_target or candidate.source_token is None:
        return False
    return doc[candidate.source_token].pos_ == "PRON" and len(candidate.sources) == 1


def members_meet(doc: Doc, candidate: Candidate) -> bool:
    """Whether a candidate is a meeting of an organisation's members, which has no target: "SADC leaders gathered in
    Lusaka", "NATO's defence ministers will meet", "ASEAN wraps up foreign ministers' talks" — a meeting (root 04)
    whose every source is an organisation, said by a verb or by a noun that is no setting ("met Putin at the G20
    summit", "on the sidelines of the APEC summit": the summit is where another meeting happens)."""
    if candidate.targets or not candidate.sources or not candidate.code.startswith(MEETING_ROOT):
        return False
    if not all(a.sector == "IGO" for a in candidate.sources):
        return False
    trigger = doc[candidate.trigger]
    return trigger.pos_ in ("VERB", "AUX") or trigger.dep_ != "pobj"


#: The root of meetings and talks (`members_meet`).
MEETING_ROOT = "04"


def may_have_dyad(doc: Doc, candidate: Candidate, modality: Modality) -> bool:
    """Whether a candidate can still make an event once the roles are settled (what the event component keeps)."""
    return (has_dyad(candidate.code, candidate.sources, candidate.targets, modality)
            or may_carry_target(doc, candidate) or members_meet(doc, candidate))


def unnamed_actor_words(trigger: Token) -> str:
    """The words that stand for an unnamed actor: a verb's subject that names no one ("a roadside bomb" killed),
    else the act's noun with its modifiers ("terrorist attack")."""
    if trigger.pos_ in ("VERB", "AUX"):
        subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "agent")), None)
        if subject is not None and subject.dep_ == "agent":
            subject = next((c for c in subject.children if c.dep_ == "pobj"), None)
        if subject is not None:
            return trigger.doc[max(subject.left_edge.i, subject.i - 4):subject.i + 1].text
        return trigger.text
    modifiers = [c.i for c in trigger.lefts if c.dep_ in ("compound", "amod", "nmod")]
    return trigger.doc[min(modifiers, default=trigger.i):trigger.i + 1].text


def is_protest_force(candidate: Candidate, grammar: Grammar) -> bool:
    """Whether a candidate is violence by police or troops against protesters (grammar.yaml protest_force)."""
    rule = grammar.protest_force
    return (candidate.code[:2] in rule.roots and bool(candidate.sources) and bool(candidate.targets)
            and all(a.sector in rule.sectors for a in candidate.sources)
            and any(set(a.text.lower().split()) & rule.words for a in candidate.targets))


def one_per_country(actors: tuple[Actor, ...]) -> list[Actor]:
    """"Four Russian intelligence officers": one actor per country in a role, the most specific one."""
    chosen: dict[str, Actor] = {}
    for actor in actors:
        if actor.key not in chosen or (chosen[actor.key].sector is None and actor.sector is not None):
            chosen[actor.key] = actor
    return list(chosen.values())


#: The most actors one side of a candidate keeps apart: a sentence that lists more ("leaders of 40 countries
#: met in Paris") gives one event with one multilateral actor on that side (`tacitus.model.multilateral`, its
#: participants listed), not one event per pair — so the events of a sentence stay few, however long its lists.
MAX_SIDE = 8


def _side(actors: tuple[Actor, ...]) -> list[Actor]:
    chosen = one_per_country(actors)
    return [multilateral(chosen)] if len(chosen) > MAX_SIDE else chosen


def pairs(code: str, sources: tuple[Actor, ...], targets: tuple[Actor, ...],
          modality: Modality) -> list[tuple[Actor, Actor | None, bool]]:
    """(source, target, reciprocal) for each dyad of a candidate: one event per pair of a compound actor, and
    a multilateral actor for a side of more than `MAX_SIDE` (reciprocal among its participants when the code is
    reciprocal and there is no target)."""
    chosen_sources = _side(sources)
    chosen_targets = _side(targets)
    if len(chosen_sources) == 1 and chosen_sources[0].participants and not chosen_targets \
            and modality.is_reciprocal(code):
        return [(chosen_sources[0], None, True)]
    if chosen_targets:
        return [(s, t, False) for s in chosen_sources for t in chosen_targets if s.code != t.code]
    if len(chosen_sources) >= 2 and modality.is_reciprocal(code):
        return [(a, b, True) for a in chosen_sources for b in chosen_sources if a.code != b.code]
    if len(chosen_sources) == 1 and modality.is_reciprocal(code):
        sides = sides_within_country(sources)
        if len(sides) >= 2:
            # "clashes between opposition and government supporters", "talks between the government and the
            # FARC": two sides of one country act on each other
            return [(a, b, True) for a in sides for b in sides if a.code != b.code]
    return [(s, None, False) for s in chosen_sources]


def sides_within_country(actors: tuple[Actor, ...]) -> list[Actor]:
    """The sides of one country a mutual act lists: one actor per code among those with a sector (the government
    and the opposition, the police and protesters), at most `MAX_SIDE`; a bare country ("Lebanon") is no side."""
    chosen: dict[str, Actor] = {}
    for actor in actors:
        if actor.sector is not None and actor.country is not None:
            chosen.setdefault(actor.code, actor)
    sides = list(chosen.values())
    return sides if len({a.country for a in sides}) == 1 and len(sides) <= MAX_SIDE else []


@dataclass(slots=True)
class _Settling:
    """A candidate while the roles component settles it (its own working copy; nothing else sees it)."""

    index: int
    candidate: Candidate
    location: Location | None = None


class RoleResolver(Component):
    """Write `doc._.tacitus_dyads` from the candidates, their dates, status and places."""

    def configure(self, files: KnowledgeFiles) -> None:
        self.kb = files.knowledge
        self.modality = files.modality
        self.grammar = files.grammar

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[Candidate] = doc._.tacitus_candidates
        places: list[Location | None] = doc._.tacitus_places
        recoded = [self._without_press(self._recoded(self._protest_force(c))) for c in candidates]
        violence = {c.trigger for c in recoded  # acts of violence whose actor the text names (an army's "strike")
                    if c.code[:2] in self.grammar.unnamed_source_roots and c.sources}
        settling = [_Settling(i, c) for i, c in enumerate(recoded) if not self._consequence(doc, c, violence)]
        self._carry_targets(doc, settling)
        settling = [s for s in settling if has_dyad(s.candidate.code, s.candidate.sources, s.candidate.targets,
                                                    self.modality)
                    or (not s.candidate.sources and s.candidate.code[:2] in self.grammar.unnamed_source_roots)
                    or members_meet(doc, s.candidate)]
        index = mention_index(doc)
        kept: list[_Settling] = []
        for item in settling:
            item.location = places[item.index] or self._visit_host(item.candidate)
            item.candidate = self._attackers(item.candidate, item.location, doc._.tacitus_home_country)
            item.candidate = self._settle(item.candidate, item.location, doc._.tacitus_home_country)
            item.candidate = self._unnamed_source(item.candidate, item.location, doc[item.candidate.trigger])
            item.candidate = self._target_from_place(item.candidate, item.location, doc[item.candidate.trigger],
                                                     index)
            item.candidate = self._protest_target(item.candidate)
            item.candidate = self._victims(item.candidate, item.location, doc._.tacitus_home_country,
                                           doc[item.candidate.trigger])
            c = item.candidate
            if c.sources and (c.targets or len(c.sources) > 1 or c.code[:2] not in self.modality.place_target_roots):
                kept.append(item)
        doc._.tacitus_dyads = self._dyads(doc, kept, doc._.tacitus_dates, doc._.tacitus_status)
        return doc

    def _consequence(self, doc: Doc, candidate: Candidate, violence: set[int]) -> bool:
        """Whether a candidate of violence is what another one did: its verb (grammar.yaml consequence_verbs)
        hangs as a participle on that one's trigger ("fired a missile at a house, killing eight"), or has it as
        its subject ("the attack … has killed 20 soldiers")."""
        trigger = doc[candidate.trigger]
        if (candidate.code[:2] not in self.grammar.unnamed_source_roots
                or trigger.lemma_.lower() not in self.grammar.consequence_verbs):
            return False
        if trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "xcomp", "conj") and trigger.head.i in violence:
            return True
        return any(child.dep_ in ("nsubj", "nsubjpass") and child.i in violence for child in trigger.children)

    # -- code rules ---------------------------------------------------------------------------------------------
    def _without_press(self, candidate: Candidate) -> Candidate:
        """A consultation whose only audience is the press ("spoke to reporters") has no target."""
        g = self.grammar
        if candidate.code[:2] in g.press_roots and candidate.targets and all(
                a.sector in g.press_sectors and a.country in (None, UNKNOWN_COUNTRY) for a in candidate.targets):
            return replace(candidate, targets=(), open_target=False)
        return candidate

    def _protest_force(self, candidate: Candidate) -> Candidate:
        """"Police fired rubber bullets at protesters": the repression of a protest (grammar.yaml protest_force)."""
        if not is_protest_force(candidate, self.grammar):
            return candidate
        code = self.grammar.protest_force.code
        return replace(candidate, code=code, rule=candidate.rule + f" (force against protesters → {code})")

    def _recoded(self, candidate: Candidate) -> Candidate:
        """A state's protest is a diplomatic one, an army's strike an attack (grammar.yaml state_protest,
        military_strike)."""
        for why, rule in self.grammar.source_recodes:
            if (candidate.code in rule.codes and candidate.sources
                    and all(a.country and a.sector in rule.sectors for a in candidate.sources)):
                return replace(candidate, code=rule.code, rule=candidate.rule + f" ({why} → {rule.code})")
        return candidate

    def _target_from_place(self, candidate: Candidate, location: Location | None, trigger: Token,
                           index: dict[int, Mention]) -> Candidate:
        """An attack on a place is an attack on its state ("rebels shelled Juba", "troops seized the city of Kidal");
        a missile fired at nobody is a show of force or a test (150), against the state it flew over when there is
        one."""
        roots = self.modality.place_target_roots
        if candidate.targets or candidate.code[:2] not in roots:
            return candidate
        # one side, or several that took a place together ("French and Malian troops seized the city of Timbuktu":
        # allies, not each other's targets)
        together = candidate.object_lemma in self.grammar.place_nouns
        if (len(candidate.sources) == 1 or together) and candidate.sources and location is not None \
                and location.country:
            target = Actor(location.name, location.name, location.country, None, location.country, "place")
            return replace(candidate, targets=(target,), rule=candidate.rule + " → target from place")
        if candidate.object_lemma not in self.modality.untargeted_weapons:
            return candidate
        code = self.modality.untargeted_weapon_code
        candidate = replace(candidate, code=code, rule=candidate.rule + f" → {code}: no target")
        overflown = self._overflown(trigger, index)
        if overflown:
            candidate = replace(candidate, targets=overflown, rule=candidate.rule + ", over the target")
        return candidate

    @staticmethod
    def _overflown(trigger: Token, index: dict[int, Mention]) -> tuple[Actor, ...]:
        """The states a weapon flew over or towards ("over Japan", "toward South Korea", "into the sea off Japan")."""
        heads = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("over", "toward", "towards", "near"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.i in index:
                            return tuple(a for a in index[pobj.i].actors if a.country)
        return ()

    def _unnamed_source(self, candidate: Candidate, location: Location | None, trigger: Token) -> Candidate:
        """Violence whose actor the text does not name ("a roadside bomb killed three soldiers", "the attack on a
        Red Cross vehicle") is done by an unnamed armed actor (REB) of the country where it happened, else of none
        (`---`); the actor's words are those of the weapon or the act."""
        if candidate.sources or candidate.code[:2] not in self.grammar.unnamed_source_roots:
            return candidate
        words = unnamed_actor_words(trigger)
        hit = next((t.country for t in candidate.targets if t.country and t.sector not in ("IGO", "NGO")), None)
        # the country where it happened, else (armed groups fight where their targets are: "two roadside bombs
        # killed four people" in Afghanistan) the target's
        iso3, how = (location.country, "place") if location is not None and location.country else (hit, "story")
        country = self.kb.country_by_code(iso3) if iso3 else None
        if country is not None:
            actor = Actor(words, UNNAMED_ATTACKERS, country.iso3, "REB", country.actor_code("REB"), how)
        else:
            actor = Actor(words, UNNAMED_ATTACKERS, None, "REB", UNKNOWN_COUNTRY + "REB", "none")
        return replace(candidate, sources=(actor,), confidence=candidate.confidence * 0.8,
                       rule=candidate.rule + f" → source: unnamed, {actor.country_source}")

    # -- targets ------------------------------------------------------------------------------------------------
    @staticmethod
    def _carry_targets(doc: Doc, settling: list[_Settling]) -> None:
        """"The U.S. asked Japan to be cautious. It also conveyed its concern …": a pronoun subject that
        continues the previous sentence's actor keeps that sentence's target when its own verb names none."""
        for item in settling:
            candidate = item.candidate
            if not may_carry_target(doc, candidate):
                continue
            sent = sentence_of(doc[candidate.trigger])
            if sent.start == 0:
                continue
            previous = sentence_of(doc[sent.start - 1])
            source = candidate.sources[0]
            for earlier in settling:
                other = earlier.candidate
                if (previous.start <= other.trigger < previous.end and other.targets
                        and any(s.country == source.country for s in other.sources)):
                    item.candidate = replace(candidate, targets=other.targets, confidence=candidate.confidence * 0.7,
                                             rule=candidate.rule + " + target of the previous sentence")
                    break

    def _protest_target(self, candidate: Candidate) -> Candidate:
        """A demonstration or strike that names no target is aimed at the protesters' own government."""
        rule = self.grammar.protest_target
        if candidate.targets or not candidate.code.startswith(rule.root) or not candidate.sources:
            return candidate
        if not all(a.country and a.sector not in rule.excluded_sectors for a in candidate.sources):
            return candidate
        country = self.kb.country_by_code(candidate.sources[0].country)
        if country is None:
            return candidate
        government = Actor(f"the {country.name} government", country.name, country.iso3, "GOV",
                           country.actor_code("GOV"), candidate.sources[0].country_source)
        return replace(candidate, targets=(government,), confidence=candidate.confidence * 0.8,
                       rule=candidate.rule + " → target: the protesters' government")

    def _victims(self, candidate: Candidate, location: Location | None, home: str | None,
                 trigger: Token) -> Candidate:
        """Condolences that name no one they go to ("We extend our deepest condolences to the families of the
        victims") go to the victims: civilians of the country of the event's place, else of the story's, else of
        none (`---`)."""
        if candidate.targets or not candidate.sources or candidate.code not in self.modality.victim_target_codes:
            return candidate
        pobj = next((p for c in trigger.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "with")
                     for p in c.children if p.dep_ == "pobj"), None)
        words = trigger.doc[pobj.left_edge.i:pobj.right_edge.i + 1].text if pobj is not None else "the victims"
        iso3, how = ((location.country, "place") if location is not None and location.country
                     else (home, "story") if home else (None, "none"))
        country = self.kb.country_by_code(iso3) if iso3 else None
        if country is not None and all(s.country != country.iso3 for s in candidate.sources):
            victims = Actor(words, "civilians", country.iso3, "CVL", country.actor_code("CVL"), how)
        else:
            victims = Actor(words, "civilians", None, "CVL", UNKNOWN_COUNTRY + "CVL", "none")
        return replace(candidate, targets=(victims,),
                       rule=candidate.rule + f" → target: the victims, {victims.country_source}")

    def _attackers(self, candidate: Candidate, location: Location | None, home: str | None) -> Candidate:
        """The unnamed perpetrators of a condemned attack (modality.yaml perpetrator_target_codes) are an armed
        group of the country where the attack happened, else of the story's country (unless it is the condemner's own),
        else of none (`---`)."""
        if candidate.code not in self.modality.perpetrator_target_codes:
            return candidate
        iso3, how = ((location.country, "place") if location is not None and location.country
                     else (home, "story") if home else (None, "none"))
        if how == "story" and any(s.country == iso3 for s in candidate.sources):
            return candidate  # the condemner's own country is no attacker's by default: "---"
        country = self.kb.country_by_code(iso3) if iso3 else None
        if country is None:
            return candidate
        targets = tuple(replace(a, country=country.iso3, code=country.actor_code(a.sector), country_source=how)
                        if a.name == UNNAMED_ATTACKERS and a.country is None else a for a in candidate.targets)
        return replace(candidate, targets=targets)

    # -- places -------------------------------------------------------------------------------------------------
    def _visit_host(self, candidate: Candidate) -> Location | None:
        """A visit the text does not place happens in the host country."""
        if candidate.code[:3] not in self.grammar.visit_codes or not candidate.targets:
            return None
        country = self.kb.country_by_code(candidate.targets[0].country) if candidate.targets[0].country else None
        if country is None:
            return None
        return Location(country.name, country.iso3, country.lat, country.lon)

    def _settle(self, candidate: Candidate, location: Location | None, home: str | None) -> Candidate:
        """Give groups named without nationality ("protesters", "civilians") the country of the event's place,
        else, for coercion and violence, of the other side ("militants abducted schoolgirls"), else the
        document's home country; drop them otherwise. A transnational group (Islamic State) takes the country of
        the event's place."""
        def settle(actors: tuple[Actor, ...], others: tuple[Actor, ...]) -> tuple[Actor, ...]:
            settled = []
            for actor in actors:
                if actor.country is None and actor.code.startswith(TRANSNATIONAL) and location and location.country:
                    # "airstrikes against ISIL in Iraq": a transnational group is of the country it fights in
                    # (its code still says who it is)
                    settled.append(replace(actor, country=location.country, country_source="place"))
                    continue
                if actor.country is not None or actor.code != actor.sector:
                    settled.append(actor)
                    continue
                country, source = (location.country, "place") if location and location.country else (None, "none")
                if country is None and candidate.code[:2] in self.grammar.repression_roots:
                    country, source = next((o.country for o in others if o.country), None), "story"
                if country is None and actor.sector in self.grammar.domestic_sectors:
                    country, source = home, "story"
                known = self.kb.country_by_code(country) if country else None
                if known is not None:
                    settled.append(replace(actor, country=known.iso3, code=known.actor_code(actor.sector),
                                           country_source=source))
                elif any(o.country for o in others):
                    # "gunmen attacked a Nigerian convoy": the group stays, its country unknown
                    settled.append(replace(actor, code=UNKNOWN_COUNTRY + (actor.sector or ""), country_source="none"))
            return tuple(settled)

        # the sources are settled against the targets as they will be settled ("union leaders were detained": the
        # unnamed authorities are of the country the union leaders take from the story), then the targets against
        # the sources
        sources = settle(candidate.sources, settle(candidate.targets, candidate.sources))
        return replace(candidate, sources=sources, targets=settle(candidate.targets, sources))

    # -- pairs --------------------------------------------------------------------------------------------------
    def _dyads(self, doc: Doc, kept: list[_Settling], dates: list[Dating], verdicts: list[Verdict]) -> list[Dyad]:
        explicit: set[tuple] = set()
        for item in kept:
            verdict, dating = verdicts[item.index], dates[item.index]
            if verdict.cue is not None or (dating.when.named and not dating.carried):
                for source, target, _ in pairs(item.candidate.code, item.candidate.sources, item.candidate.targets,
                                               self.modality):
                    explicit.add((source.key, target and target.key, item.candidate.code[:2]))
        unique: dict[tuple, tuple[tuple, Dyad]] = {}
        for item in kept:
            candidate, verdict, dating = item.candidate, verdicts[item.index], dates[item.index]
            trigger = doc[candidate.trigger]
            sentence = sentence_of(trigger)
            confidence = round(max(0.05, min(1.0, candidate.confidence)), 3)
            for source, target, reciprocal in pairs(candidate.code, candidate.sources, candidate.targets,
                                                    self.modality):
                # A bare nominal mention ("the visit would …") of an event the article already dates or
                # qualifies elsewhere is that same event again, not a new one that occurred (a date carried from
                # that other mention is not one of its own).
                if (candidate.kind == "noun" and verdict.status == Status.OCCURRED and verdict.cue is None
                        and (not dating.when.named or dating.carried)
                        and (source.key, target and target.key, candidate.code[:2]) in explicit):
                    continue
                dyad = Dyad(item.index, candidate.code, source, target, reciprocal,
                            candidate.rule + (" (reciprocal)" if reciprocal else ""), confidence, item.location)
                key = (sentence.start, source.code, target.code if target else None, candidate.code, verdict.status)
                previous = unique.get(key)
                if previous is None or previous[1].confidence < confidence:
                    unique[key] = ((sentence.start_char, trigger.idx, source.code), dyad)
        return [dyad for _, dyad in sorted(unique.values(), key=lambda pair: pair[0])]
