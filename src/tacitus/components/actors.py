"""The actor component: finds the mentions of states, organisations, office holders and groups, and resolves them.

Each mention becomes a `Mention` (see mentions.py) whose actors carry ISO3 country, CAMEO sector and code.
Office holders are looked up on the publication date, so "Abe" in 2015 is JPNGOV and in 2022 JPNELI.
Pronouns, "the two countries" and speaker lines are resolved afterwards by the coreference component.
"""

from __future__ import annotations

from dataclasses import replace

from datetime import date

from spacy.tokens import Doc, Span, Token

from ..knowledge import Title
from ..knowledge_files import KnowledgeFiles
from ..model import Actor
from ..outlets import outlet_country
from ..pagemeta import load_page_words
from .base import Component
from .mentions import Mention, entity_of, sentence_of, sentences_of, tokens_of

# Sectors whose members act for their state even when the text gives no nationality ("the government").
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
# Sectors whose titled members named without nationality are of the story's country: its officials, and its
# elites (a former vice president, a prince).
_HOME_TITLE_SECTORS = _STATE_SECTORS | {"ELI"}
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "appos"})


#: How a mention's resolution (`Mention.how`) tells where its actors' countries came from: the first entry whose
#: words the `how` starts with or holds (see `Actor.country_source`); anything else the text names.
_KNOWN_HOWS = ("office holder", "former office holder", "armed group", "security forces", "state body",
               "members of an organisation", "earlier mention")


def country_source_of(how: str, home_source: str) -> str:
    """The `Actor.country_source` of an actor resolved as `how` says, in a story whose home country came from
    `home_source`."""
    if "document's country" in how:
        return home_source
    if how.startswith(_KNOWN_HOWS):
        return "knowledge"
    return "text"


def with_country_sources(mention: Mention, home_source: str) -> Mention:
    """The mention with each actor saying where its country came from."""
    source = country_source_of(mention.how, home_source)
    actors = tuple(replace(a, country_source=source if a.country else "none") for a in mention.actors)
    return replace(mention, actors=actors)


class ActorResolver(Component):
    """Resolve entity, person and group mentions of a Doc (`doc._.tacitus_mentions`)."""

    def configure(self, files: KnowledgeFiles) -> None:
        self.kb = files.knowledge
        self.grammar = files.grammar

    # -- countries --------------------------------------------------------------------------------------------
    def country_actor(self, text: str, iso3: str, sector: str | None = None) -> Actor | None:
        country = self.kb.country_by_code(iso3)
        if country is None:
            return None
        return Actor(text, country.name, country.iso3, sector, country.actor_code(sector))

    def _country_of_text(self, text: str) -> tuple[str, str] | None:
        """(iso3, how) for a country name, demonym, capital or seat of government."""
        country = self.kb.country(text)
        if country is None:
            return None
        return country.iso3, self.kb.how_named(text) or "name"

    def _country_of_qualifier(self, qualifier: str) -> tuple[str, str] | None:
        """The country a title's qualifier names: the whole ("South Korean"), else its longest ending that names
        one ("Moderate Palestinian", "veteran Ugandan", "outspoken South Korean")."""
        words = qualifier.split()
        for start in range(len(words)):
            found = self._country_of_text(" ".join(words[start:]))
            if found is not None:
                return found
        return None

    # -- the document's home country ----------------------------------------------------------------------------
    def home_country(self, doc: Doc) -> str | None:
        """Whose government an unqualified "the government" means: the outlet's, the dateline's, or the most named."""
        home = outlet_country(doc._.tacitus_outlet)
        if home:
            return home
        if doc._.tacitus_dateline:
            for part in doc._.tacitus_dateline.split(","):  # "KYIV, Ukraine"
                part = part.strip()
                place = self.kb.place(part.title()) or self.kb.place(part)
                if place is not None and place.country:
                    return place.country
                found = self._country_of_text(part.title())
                if found:
                    return found[0]
        counts: dict[str, int] = {}
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                found = self._country_of_text(ent.text)
                if found:
                    counts[found[0]] = counts.get(found[0], 0) + 1
        if not counts:
            return None
        # Only a country that dominates the story is its home: in a Japan–China story "the coast guard" is neither.
        best = max(counts, key=lambda c: counts[c])
        return best if counts[best] * 2 >= sum(counts.values()) else None

    # -- people -----------------------------------------------------------------------------------------------
    def _title_prefix(self, ent: Span) -> Span:
        """Extend a PERSON entity leftwards over its title words ("Ukrainian President" Petro Poroshenko)."""
        start = ent.start
        doc = ent.doc
        while start > sentence_of(ent.root).start:
            tok = doc[start - 1]
            if tok.pos_ in ("PROPN", "NOUN", "ADJ") and start <= tok.head.i < ent.end \
                    and tok.dep_ in ("compound", "amod", "nmod"):
                start -= 1
            elif tok.text in ("-",) and start - 2 >= sentence_of(ent.root).start:
                start -= 1
            else:
                break
        return self._title_of_phrase(doc[start:ent.end])

    def _title_of_phrase(self, span: Span) -> Span:
        """"Deputy Secretary of Defense Bob Work": extend a titled name over a title with an "of" phrase, which the
        parse hangs off the title word, when the words before the name make a title the tables know."""
        doc = span.doc
        floor = sentence_of(span.root).start
        start = span.start
        while start > floor and start - span.start > -6:
            tok = doc[start - 1]
            head, steps = tok.head, 0
            while head.i < start and head is not head.head and steps < 3:
                head, steps = head.head, steps + 1
            if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "ADP") or not start <= head.i < span.end:
                break
            start -= 1
        if start == span.start:
            return span
        wider = doc[start:span.end]
        _, title, name = self.kb.split_title(wider.text)
        return wider if title is not None and name.strip() and self.kb.split_title(span.text)[1] is None else span

    def resolve_person(self, text: str, published: date | None, registry: dict[str, Actor],
                       home: str | None, voice: str | None = None) -> tuple[Actor, float, str] | None:
        """Resolve a person's name (with any title words) to an actor, or None when unknown.

        `voice`: the government whose own site the page is (`doc._.tacitus_voice`): its secretaries and ambassadors
        named without nationality are its own ("Deputy Secretary of Defense Bob Work" on the Pentagon's pages).
        """
        qualifier, title, name = self.kb.split_title(text)
        name = name.strip() or text
        key = name.lower()
        surname = key.split()[-1] if key.split() else key
        if len(key.split()) == 1 and key in registry:
            # a bare surname that this article has already given a full name ("U.S. Ambassador Keith Harper" …
            # "Ambassador Harper"): that person, not an office holder who shares the surname (Stephen Harper)
            known = registry[key]
            return Actor(text, known.name, known.country, known.sector, known.code), 0.85, "earlier mention"
        if title is not None and title.sector == "IGO" and qualifier:
            # "U.N. Secretary-General Ban Ki-moon": the organisation's officer acts for it, whatever state office
            # the person held before or after (Ban was South Korea's foreign minister until 2006)
            officer = self._officer_of(text, qualifier)
            if officer is not None and officer[0].sector == "IGO":
                return officer
        holders = self.kb.office_holders(name, published)
        if holders:
            h = holders[0]
            actor = self._person_actor(text, h.name, h.country, h.sector)
            return actor, 0.95, f"office holder ({h.office}, {h.start}..{h.end or ''})"
        if qualifier:
            found = self._country_of_qualifier(qualifier)
            if found:
                sector = title.sector if title else None
                return self._person_actor(text, name, found[0], sector), 0.85, f"title with nationality {qualifier!r}"
        if key in registry or surname in registry:
            known = registry.get(key) or registry[surname]
            return Actor(text, known.name, known.country, known.sector, known.code), 0.85, "earlier mention"
        if title is not None and voice and title.sector in _STATE_SECTORS and not qualifier \
                and self.is_voice_title(title.phrase) and self.kb.country_by_code(voice) is not None:
            return self._person_actor(text, name, voice, title.sector), 0.7, "title of the page's government"
        if title is not None and home and title.sector in _HOME_TITLE_SECTORS:
            officer = self._officer_of(text, qualifier)
            if officer is not None:
                return officer
            return self._person_actor(text, name, home, title.sector), 0.6, "title, document's country"
        # a term that ended before the publication date (a holder who took office after it is no "former" one)
        former = [h for h in self.kb.office_holders(name, None)
                  if published is None or (h.end is not None and h.end < published)]
        if former:
            h = former[0]
            return self._person_actor(text, h.name, h.country, "ELI"), 0.7, "former office holder"
        # a person named in full who takes a state office after the article (Morgan Tsvangirai, opposition leader
        # in 2008, prime minister from 2009) is of that state already, in no office; not a bare surname ("Harper")
        later = [h for h in self.kb.office_holders(name, None)
                 if published is not None and h.start > published] if len(key.split()) >= 2 else []
        if later:
            h = later[0]
            return self._person_actor(text, h.name, h.country, None), 0.7, "later office holder's country"
        return None

    def _officer_of(self, text: str, qualifier: str | None) -> tuple[Actor, float, str] | None:
        """"SADC Executive Secretary Tomaz Salamao", "Hamas leader Ismail Abu Shanab": the organisation or group
        the title's qualifier names, which its officer acts for (rather than for the story's country)."""
        if not qualifier:
            return None
        org = self.kb.organisation(qualifier)
        if org is not None:
            return Actor(text, org.name, None, org.kind, org.code), 0.85, f"officer of {org.code}"
        group = self.kb.group(qualifier) or self.kb.agency(qualifier)
        if group is not None:
            return Actor(text, group.name, group.country, group.sector, group.code), 0.85, f"officer of {group.name}"
        return None

    def _person_actor(self, text: str, name: str, iso3: str, sector: str | None) -> Actor:
        # every country code of the knowledge files is one of countries.tsv (checked on load)
        return Actor(text, name, iso3, sector, self.kb.country_by_code(iso3).actor_code(sector))

    # -- organisations and groups ---------------------------------------------------------------------------
    def resolve_organisation(self, ent: Span, home: str | None,
                             entity_actors: dict[int, tuple[Actor, ...]] | None = None
                             ) -> tuple[tuple[Actor, ...], float, str] | None:
        text = ent.text
        org = self.kb.organisation(text)
        if org is not None:
            return (Actor(text, org.name, None, org.kind, org.code),), 0.95, org.kind.lower()
        group = self.kb.group(text)
        if group is not None:
            return (Actor(text, group.name, group.country, group.sector, group.code),), 0.9, "armed group"
        agency = self.kb.agency(text)
        if agency is not None:
            return (Actor(text, agency.name, agency.country, agency.sector, agency.code),), 0.9, "state body by name"
        # "the Japanese Foreign Ministry", "Russia's Defence Ministry": a state body named by its country.
        sector = None
        if len(ent) >= 2:  # "coast guard", "air force", "security forces"
            sector = self.kb.group_sector(f"{ent[-2].lower_} {ent[-1].lemma_.lower()}")
        for tok in reversed(ent):
            if sector:
                break
            sector = self.kb.group_sector(tok.lemma_.lower()) or self.kb.group_sector(tok.text.lower())
        if sector is None:
            return None
        for tok in ent:
            found = self._country_of_text(tok.text)
            if found:
                return (self.country_actor(text, found[0], sector),), 0.85, "state body"
        # "Japan's coast guard": the country is named just outside the entity
        outside = [c for c in ent.root.children if c.dep_ in _MODIFIER_DEPS and not (ent.start <= c.i < ent.end)]
        # "the Government of Mali" when the model's entity stops at "of"
        outside += [p for c in ent.root.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                    for p in c.children if p.dep_ == "pobj" and not (ent.start <= p.i < ent.end)]
        countries = self._direct_countries(outside, entity_actors or {})
        if countries:
            return (self.country_actor(text, countries[0], sector),), 0.85, "state body"
        if home and sector in _STATE_SECTORS:
            return (self.country_actor(text, home, sector),), 0.55, "state body, document's country"
        return None

    def _modifier_countries(self, token: Token, entity_actors: dict[int, tuple[Actor, ...]]) -> list[str]:
        """Countries named by a noun's modifiers: the U.S. government, Japan's army, the government of Japan."""
        found: list[str] = []
        stack = [c for c in token.children if c.dep_ in _MODIFIER_DEPS]
        stack += [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "from") for p in c.children
                  if p.dep_ == "pobj"]
        # "protesters in Bangkok", "workers across France", "dockworkers at the port of Antwerp" — unless the
        # phrase says whose they are ("the U.S. embassy in Tehran" is American)
        direct = self._direct_countries(stack, entity_actors)
        if direct:
            return direct
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "across", "at", "throughout"):
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    place = self._place_country(pobj)
                    if place:
                        found.append(place)
        return list(dict.fromkeys(found))

    def _direct_countries(self, stack: list[Token], entity_actors: dict[int, tuple[Actor, ...]]) -> list[str]:
        found: list[str] = []
        stack = list(stack)
        while stack:
            tok = stack.pop(0)
            actors = entity_actors.get(tok.i)
            if actors:
                found.extend(a.country for a in actors if a.country)
            else:
                hit = self._country_of_text(tok.text)
                if hit:
                    found.append(hit[0])
            stack.extend(c for c in tok.children if c.dep_ in ("conj", "compound", "amod"))
        return list(dict.fromkeys(found))

    def _place_country(self, token: Token) -> str | None:
        """The country of a place named by `token` or by the "of" phrase under it ("the port of Antwerp")."""
        for tok in [token] + [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                              for p in c.children if p.dep_ == "pobj"]:
            ent = entity_of(tok)
            if ent is None or ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            place = self.kb.place(ent.text)
            if place is not None and place.country:
                return place.country
            found = self._country_of_text(ent.text)
            if found:
                return found[0]
        return None

    # -- the component ----------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        published: date | None = doc._.tacitus_published
        home = self.home_country(doc)
        doc._.tacitus_home_country = home
        registry: dict[str, Actor] = {}
        mentions: list[Mention] = []
        entity_actors: dict[int, tuple[Actor, ...]] = {}
        datelines = self._datelines(doc)
        for ent in doc.ents:
            if any(start <= ent.start_char and ent.end_char <= end for start, end in datelines):
                continue  # "DHAKA, SEPTEMBER 20, 2017: The United States …": where the story was filed, no actor
            mention = self._entity_mention(ent, published, registry, home, entity_actors)
            if mention is None and ent.label_ != "PERSON" and self.kb.person_known(ent.text):
                # the small model often tags a leader's surname as ORG or GPE ("Lavrov", "Sunak")
                mention = self._person_mention(ent, published, registry, home)
            if mention is None:
                continue
            mentions.append(mention)
            for i in range(mention.start, mention.end):
                entity_actors[i] = mention.actors
        for token in tokens_of(doc):
            # names the model did not tag at all ("Merkel received Poroshenko", "Secretary of Defense Ash Carter")
            name = self._untagged_name(doc, token, entity_actors)
            if name is not None:
                mention = self._person_mention(name, published, registry, home)
                if mention is not None:
                    mentions.append(mention)
                    for i in range(name.start, name.end):
                        entity_actors[i] = mention.actors
        for token in tokens_of(doc):
            # "the central African country", "the kingdom": the story's state, where it fits the description
            if token.pos_ == "NOUN" and token.i not in entity_actors:
                mention = self._description_mention(token, mentions, entity_actors)
                if mention is not None:
                    mentions.append(mention)
                    for i in range(mention.start, mention.end):
                        entity_actors[i] = mention.actors
        doc._.tacitus_speakers = self._speakers(doc, published, registry, home)
        in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        # groups already named with a nationality, for "the coast guard" later on: (position, name, country)
        named_groups: list[tuple[int, str, str]] = []
        for m in mentions:
            if m.kind == "entity" and m.end - m.start >= 2 and len(m.actors) == 1 and m.actors[0].country \
                    and m.actors[0].sector:
                named_groups.append((m.start, doc[m.end - 1].lemma_.lower(), m.actors[0].country))
                named_groups.append((m.start, f"{doc[m.end - 2].lower_} {doc[m.end - 1].lemma_.lower()}",
                                     m.actors[0].country))
        for token in tokens_of(doc):
            if token.pos_ not in ("NOUN", "PROPN") or token.i in in_entity:
                continue
            mention = self._group_mention(token, entity_actors, home, named_groups)
            if mention is None and token.i not in entity_actors:
                mention = self._title_mention(token, entity_actors)
            if mention is not None:
                mentions.append(mention)
        mentions.sort(key=lambda m: (m.start, m.end))
        home_source = self.home_source(doc, home)
        doc._.tacitus_mentions = [with_country_sources(m, home_source) for m in mentions]
        return doc

    @staticmethod
    def _datelines(doc: Doc) -> list[tuple[int, int]]:
        """The character spans of the datelines that open the Doc's sentences ("WASHINGTON, Nov. 9, 2017 —")."""
        words = load_page_words()
        spans = []
        for sent in sentences_of(doc):
            if not sent.text[:1].isupper():
                continue
            match = words.dateline(doc.text, sent.start_char, sent.end_char)
            if match is not None and match.place:
                spans.append((sent.start_char, match.end))
        return spans

    @staticmethod
    def home_source(doc: Doc, home: str | None) -> str:
        """Where the document's home country came from: "dateline" when only the dateline names it, else
        "story" (the outlet's country, or the country the story names most); "none" without one."""
        if home is None:
            return "none"
        if outlet_country(doc._.tacitus_outlet) != home and doc._.tacitus_dateline:
            return "dateline"
        return "story"

    def _untagged_name(self, doc: Doc, token: Token, entity_actors: dict[int, tuple[Actor, ...]]) -> Span | None:
        """The name of a known office holder that starts at `token` and that the model left untagged: the longest
        run of up to three capitalised, untagged words (not already an actor) that the knowledge knows."""
        if token.ent_type_ or token.i in entity_actors or not token.text[:1].isupper() \
                or (token.i > 0 and self._untagged_word(doc[token.i - 1], entity_actors)):
            return None
        end = token.i
        limit = min(len(doc), token.i + 3, sentence_of(token).end)
        while end < limit and self._untagged_word(doc[end], entity_actors):
            end += 1
        for stop in range(end, token.i, -1):
            span = doc[token.i:stop]
            if (stop - token.i > 1 or token.pos_ == "PROPN") and self.kb.person_known(span.text):
                return span
        return None

    @staticmethod
    def _untagged_word(token: Token, entity_actors: dict[int, tuple[Actor, ...]]) -> bool:
        return (token.pos_ in ("PROPN", "NOUN") and not token.ent_type_ and token.i not in entity_actors
                and token.text[:1].isupper() and token.is_alpha)

    def _person_mention(self, ent: Span, published: date | None, registry: dict[str, Actor],
                        home: str | None, entity_actors: dict[int, tuple[Actor, ...]] | None = None
                        ) -> Mention | None:
        span = self._title_prefix(ent)
        resolved = self.resolve_person(span.text, published, registry, home, ent.doc._.tacitus_voice)
        if resolved is None and entity_actors is not None:
            # "the American student Otto Warmbier", "the Saudi journalist Jamal Khashoggi": a private person
            # of a named nationality
            modifiers = [c for c in ent.root.children if c.dep_ in _MODIFIER_DEPS and not (ent.start <= c.i < ent.end)]
            countries = self._direct_countries(modifiers, entity_actors)
            if countries:
                title = next((self.kb.title(c.text) for c in modifiers if self.kb.title(c.text)), None)
                sector = title.sector if title else "CVL"
                resolved = (self._person_actor(span.text, ent.text, countries[0], sector), 0.7,
                            "person of a named nationality")
        if resolved is None:
            return None
        actor, confidence, how = resolved
        registry[actor.name.lower()] = actor
        registry[actor.name.lower().split()[-1]] = actor
        registry[ent.text.lower()] = actor
        return Mention(span.start, span.end, ent.root.i, (actor,), "person", confidence, how)

    def _speakers(self, doc: Doc, published: date | None, registry: dict[str, Actor],
                  home: str | None) -> list[tuple[int, int, tuple[Actor, ...]]]:
        """Resolve the speakers of speaker lines (`doc._.tacitus_speaker_lines`: (start_char, end_char, names))."""
        out = []
        for start, end, names in doc._.tacitus_speaker_lines or ():
            actors = []
            for name in names:
                resolved = self.resolve_person(name, published, registry, home)
                if resolved:
                    actors.append(resolved[0])
            if actors:
                out.append((start, end, tuple(actors)))
        return out

    def _entity_mention(self, ent: Span, published: date | None, registry: dict[str, Actor],
                        home: str | None, entity_actors: dict[int, tuple[Actor, ...]]) -> Mention | None:
        label = ent.label_
        root = ent.root.i
        if label == "PERSON":
            return self._person_mention(ent, published, registry, home, entity_actors)
        if label in ("GPE", "NORP", "LOC", "FAC"):
            text = ent.text
            found = self._country_of_text(text)
            if found:
                iso3, how = found
                sector = "GOV" if how in ("capital", "seat") else None
                actor = self.country_actor(text, iso3, sector)
                if actor is None:
                    return None
                # A capital inside a "talks in Moscow" phrase is a place; events only read it as an actor
                # when it fills a subject or object role.
                return Mention(ent.start, ent.end, root, (actor,), "entity", 0.95 if how != "capital" else 0.8, how)
            place = self.kb.place(text)
            if place is not None and place.country and place.kind in ("territory",):
                actor = self.country_actor(text, place.country)
                if actor is not None:
                    return Mention(ent.start, ent.end, root, (actor,), "entity", 0.8, f"territory of {place.country}")
            org = self.kb.organisation(text)
            if org is not None:
                return Mention(ent.start, ent.end, root, (Actor(text, org.name, None, org.kind, org.code),),
                               "entity", 0.9, org.kind.lower())
            agency = self.kb.agency(text)  # "Capitol Hill", "Westminster" tagged as places
            if agency is not None:
                return Mention(ent.start, ent.end, root, (Actor(text, agency.name, agency.country, agency.sector,
                                                                agency.code),), "entity", 0.85, "state body by name")
            return None
        if label == "ORG":
            resolved_org = self.resolve_organisation(ent, home, entity_actors)
            if resolved_org is None:
                return None
            actors, confidence, how = resolved_org
            return Mention(ent.start, ent.end, root, actors, "entity", confidence, how)
        return None

    def _group_mention(self, token: Token, entity_actors: dict[int, tuple[Actor, ...]], home: str | None,
                       named_groups: list[tuple[int, str, str]]) -> Mention | None:
        lemma = token.lemma_.lower()
        compound = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"), None)
        sector = None
        if compound is not None:
            sector = self.kb.group_sector(f"{compound.lemma_.lower()} {lemma}")
        sector = sector or self._members_sector(token, compound) or self.kb.group_sector(lemma) \
            or self.kb.group_sector(token.lower_)
        if sector is None:
            return None
        organisations = [a for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" for a in entity_actors.get(p.i, ())
                         if a.country is None and a.sector in ("IGO", "NGO")]
        if organisations:
            # "leaders of the G7", "officials of the European Union" act for the organisation
            start = min(token.left_edge.i, token.i)
            return Mention(start, token.i + 1, token.i, tuple(organisations[:1]), "group", 0.85,
                           "members of an organisation")
        named_groups_of = [a for c in token.children if c.dep_ in ("compound", "poss")
                           for a in entity_actors.get(c.i, ()) if a.sector and a.sector not in _STATE_SECTORS
                           and (a.country or a.sector in ("IGO", "NGO"))]
        if named_groups_of:
            # "the Hamas leader", "Houthi officials", "NATO troops": they act for the named group or
            # organisation, not for a country
            start = min(token.left_edge.i, token.i)
            return Mention(start, token.i + 1, token.i, tuple(named_groups_of[:1]), "group", 0.85,
                           "members of a named group")
        countries = self._modifier_countries(token, entity_actors)
        confidence, how = 0.9, "group with nationality"
        if not countries:
            people = [a for c in token.children if c.dep_ in ("compound", "poss")
                      for a in entity_actors.get(c.i, ()) if a.country]
            countries = [people[0].country] if people else []
            how = "group of a named person"
        if not countries and any(c.lower_ == "the" for c in token.children):
            # "the coast guard" after "the Japan Coast Guard": the group named before
            keys = {lemma} | ({f"{compound.lower_} {lemma}"} if compound is not None else set())
            earlier = [country for position, name, country in named_groups if position < token.i and name in keys]
            if earlier:
                countries, confidence, how = [earlier[-1]], 0.7, "the group named before"
        if not countries:
            if sector not in _STATE_SECTORS:
                # "protesters", "civilians": placed later from where the event happens or whom it involves
                start = min(token.left_edge.i, token.i)
                actor = Actor(token.text, token.lemma_.lower(), None, sector, sector)
                return Mention(start, token.i + 1, token.i, (actor,), "group", 0.6, "group without nationality")
            if home is None:
                return None
            countries, confidence, how = [home], 0.55, "group, document's country"
        start = min(token.left_edge.i, token.i)
        actors = tuple(a for a in (self.country_actor(token.text, c, sector) for c in countries) if a)
        if not actors:
            return None
        if len(countries) == 1 and how != "group, document's country":
            named_groups.append((token.i, lemma, countries[0]))
            if compound is not None:
                named_groups.append((token.i, f"{compound.lower_} {lemma}", countries[0]))
        return Mention(start, token.i + 1, token.i, actors, "group", confidence, how)

    def _members_sector(self, token: Token, compound: Token | None) -> str | None:
        """The sector of a member noun (grammar.yaml member_nouns) from the group it names: "union leaders" LAB,
        "opposition members" OPP, "members of the activist group" CVL, "supporters of the rebels" REB; None when
        the group is a state's body or no group ("party leaders", "members of parliament" stay as they are)."""
        if token.lemma_.lower() not in self.grammar.member_nouns and token.lower_ not in self.grammar.member_nouns:
            return None
        groups = [compound] if compound is not None else []
        groups += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                   if p.dep_ == "pobj" and p.pos_ == "NOUN"]
        for group in groups:
            inner = next((c for c in group.children if c.dep_ in ("compound", "amod")), None)
            sector = ((self.kb.group_sector(f"{inner.lower_} {group.lemma_.lower()}") if inner is not None else None)
                      or self.kb.group_sector(group.lemma_.lower()))
            if sector is not None and sector not in _STATE_SECTORS:
                return sector
        return None

    # -- officials by title, states by description --------------------------------------------------------------
    def _title_mention(self, token: Token, entity_actors: dict[int, tuple[Actor, ...]]) -> Mention | None:
        """"the Japanese foreign minister", "Kenya's interior minister", "the country's defence minister": a state
        official named by title and nationality (or by a description of the state), without a name."""
        if token.pos_ not in ("NOUN", "PROPN") or (token.pos_ == "PROPN" and token.doc._.tacitus_voice is None):
            return None
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
        if any(a.sector is not None for c in token.children for a in entity_actors.get(c.i, ())):
            return None  # "the Hamas leader", "the UN envoy": the group's or organisation's, not a state's
        words = [c for c in modifiers if c.i not in entity_actors and not self._country_of_text(c.text)]
        phrase = " ".join(t.text for t in sorted([*words, token], key=lambda t: t.i))
        title = self.kb.title(phrase)
        countries = self._modifier_countries(token, entity_actors)
        how = f"title {title.phrase if title else phrase.lower()!r} with nationality"
        if not countries and self._page_official(token, words):
            countries, how = [token.doc._.tacitus_voice], f"title {phrase.lower()!r} of the page's government"
            title = title or Title(phrase.lower(), "GOV", "official")
        elif token.pos_ == "PROPN":
            return None  # a capitalised title is the page's official or a name ("Ambassador Harper" is a mention)
        if title is None or title.sector not in _STATE_SECTORS:
            return None
        if len(countries) != 1:
            return None
        start = min(token.left_edge.i, token.i)
        text = token.doc[start:token.i + 1].text
        actor = self.country_actor(text, countries[0], title.sector)
        if actor is None:
            return None
        kind = "group" if token.tag_ == "NNS" else "person"
        return Mention(start, token.i + 1, token.i, (actor,), kind, 0.8, how)

    def _page_official(self, token: Token, words: list[Token]) -> bool:
        """Whether a bare title on a government's own site (`doc._.tacitus_voice`) is that government's official:
        "the Secretary" on the State Department's pages, "the Ambassador" on an embassy's (grammar.yaml
        voice_titles); not "the minister", who is as often the host's."""
        return (token.doc._.tacitus_voice is not None and token.tag_ != "NNS"
                and self.is_voice_title(" ".join(t.lower_ for t in sorted([*words, token], key=lambda t: t.i)))
                and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children))

    def is_voice_title(self, phrase: str) -> bool:
        """Whether a title is, or begins with, one of grammar.yaml voice_titles ("secretary of defense")."""
        words = phrase.lower().split()
        return any(words[:len(t.split())] == t.split() for t in self.grammar.voice_titles)

    def _description_mention(self, token: Token, mentions: list[Mention],
                             entity_actors: dict[int, tuple[Actor, ...]]) -> Mention | None:
        """"the central African country", "the Gulf state", "the kingdom": the state the story is about — the
        most named state of the document that fits the description."""
        dets = [c for c in token.children if c.dep_ == "det"]
        if token.tag_ != "NN" or len(dets) != 1 or dets[0].lower_ != "the" or dets[0].i > token.i:
            return None
        doc = token.doc
        span = doc[dets[0].i + 1:token.i + 1]
        if any(t.i in entity_actors and t.i != token.i and all(a.sector is None for a in entity_actors[t.i])
               and self._country_of_text(t.text) for t in span):
            return None  # "the Kenyan state": named, not described
        if any(not (t.is_alpha or t.text == "-") for t in span):
            return None
        found = self.kb.descriptions.noun([t.text for t in span])
        if found is None:
            return None
        noun, size = found
        described = [t.text for t in span][:len(span) - size]
        if not described and noun in ("state", "republic"):
            return None  # a bare "the state" is the government in general, or a federal state
        fits = self.kb.descriptions.fitting(described, noun)
        if fits is not None and not fits:
            return None
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for m in mentions:
            if m.kind == "entity" and len(m.actors) == 1 and m.actors[0].country and m.how in (
                    "name", "alias", "demonym", "capital"):
                iso3 = m.actors[0].country
                if fits is None or iso3 in fits:
                    counts[iso3] = counts.get(iso3, 0) + 1
                    if m.start < token.i:
                        last[iso3] = m.start
        if not counts:
            return None
        best = max(counts, key=lambda c: (counts[c], last.get(c, -1)))
        actor = self.country_actor(doc[dets[0].i:token.i + 1].text, best)
        if actor is None:
            return None
        phrase = " ".join([*described, noun])
        return Mention(dets[0].i, token.i + 1, token.i, (actor,), "entity", 0.7,
                       f"description {phrase!r}: the story's state that fits it")
