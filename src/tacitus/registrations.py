"""Every spaCy factory and extension attribute of Tacitus, registered in one place.

Importing this module makes the components available to any spaCy pipeline:

    >>> import spacy, tacitus.registrations
    >>> nlp = spacy.load(...)                           # doctest: +SKIP
    >>> nlp.add_pipe("tacitus_gazetteer", before="ner")  # doctest: +SKIP
    >>> for name in ("tacitus_actors", "tacitus_coref", "tacitus_events", "tacitus_status",
    ...              "tacitus_when", "tacitus_where"):
    ...     nlp.add_pipe(name)                          # doctest: +SKIP
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from .components.actors import ActorResolver
from .components.coref import Coreference
from .components.events import EventCoder
from .components.status import StatusTagger
from .components.timeplace import PlaceResolver, TimeResolver
from .knowledge import load_knowledge

# Per-document context, set before the pipeline runs (tacitus.coder does this from the cleaned page).
_DOC_EXTENSIONS = {
    "published": None,           # datetime.date | None: the publication date
    "outlet": None,              # str | None
    "dateline": None,            # str | None: "TOKYO"
    "speakers": None,            # list[(start_char, end_char, tuple[str, ...])] of speaker lines
    # Set by the components:
    "home_country": None,        # ISO3 of the country an unqualified "the government" means
    "tacitus_mentions": None,    # list[Mention]
    "tacitus_speakers": None,    # list[(start_char, end_char, tuple[Actor, ...])]
    "tacitus_mention_index": None,  # dict[int, Mention] by head token
    "tacitus_candidates": None,  # list[Candidate]
}
for _name, _default in _DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory("tacitus_gazetteer", default_config={"overwrite_ents": False})
def make_gazetteer(nlp: Language, name: str, overwrite_ents: bool) -> EntityRuler:
    """An entity ruler with the states, capitals, territories, places and organisations of the knowledge files."""
    ruler = EntityRuler(nlp, name=name, overwrite_ents=overwrite_ents, phrase_matcher_attr="ORTH")
    ruler.add_patterns(load_knowledge().ruler_patterns())
    return ruler


@Language.factory("tacitus_actors", assigns=["doc._.tacitus_mentions", "doc._.home_country"],
                  requires=["doc.ents", "token.dep"])
def make_actors(nlp: Language, name: str) -> ActorResolver:
    """Resolve states, organisations, office holders (on the publication date) and groups."""
    return ActorResolver(nlp, name)


@Language.factory("tacitus_coref", assigns=["doc._.tacitus_mentions"], requires=["doc._.tacitus_mentions"])
def make_coref(nlp: Language, name: str) -> Coreference:
    """Resolve pronouns, "the two countries" and the "we" of speaker lines and quotations."""
    return Coreference(nlp, name)


@Language.factory("tacitus_events", assigns=["doc._.tacitus_candidates"], requires=["doc._.tacitus_mentions"])
def make_events(nlp: Language, name: str) -> EventCoder:
    """Code events from the verb and noun patterns of the lexicon."""
    return EventCoder(nlp, name)


@Language.factory("tacitus_status", assigns=["doc._.tacitus_candidates"], requires=["doc._.tacitus_candidates"])
def make_status(nlp: Language, name: str) -> StatusTagger:
    """Tell occurred, planned, requested, hypothetical and negated events apart."""
    return StatusTagger(nlp, name)


@Language.factory("tacitus_when", assigns=["doc._.tacitus_candidates"], requires=["doc._.tacitus_candidates"])
def make_when(nlp: Language, name: str) -> TimeResolver:
    """Date each event against the publication date."""
    return TimeResolver(nlp, name)


@Language.factory("tacitus_where", assigns=["doc._.tacitus_candidates"], requires=["doc._.tacitus_candidates"])
def make_where(nlp: Language, name: str) -> PlaceResolver:
    """Place each event with gazetteer coordinates."""
    return PlaceResolver(nlp, name)


COMPONENTS = ("tacitus_actors", "tacitus_coref", "tacitus_events", "tacitus_status", "tacitus_when",
              "tacitus_where")
