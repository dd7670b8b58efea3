"""Every spaCy factory and extension attribute of Tacitus, registered in one place.

Importing this module makes the components available to any spaCy pipeline:

    >>> import spacy, tacitus.registrations
    >>> nlp = spacy.load(...)                           # doctest: +SKIP
    >>> nlp.add_pipe("tacitus_gazetteer", before="ner")  # doctest: +SKIP
    >>> for name in tacitus.registrations.COMPONENTS:
    ...     nlp.add_pipe(name, config={"data_dir": None})  # doctest: +SKIP

Each factory takes `data_dir`: a directory laid out like the package's `data/` (None: the packaged files).
Each component writes its own extension and reads those of the components before it:

    tacitus_paragraphs → tacitus_paragraphs (before the parser: a paragraph's first word starts a sentence)
    tacitus_actors   → tacitus_mentions, tacitus_speakers, tacitus_home_country
    tacitus_coref    → tacitus_coref        (the mentions, with pronouns, pairs and speakers resolved)
    tacitus_detector → tacitus_detections   (the trained detector's root scores per sentence; optional)
    tacitus_events   → tacitus_candidates   (patterns fused with the detections; see components/candidate.py)
    tacitus_when     → tacitus_dates
    tacitus_status   → tacitus_status
    tacitus_where    → tacitus_places
    tacitus_roles    → tacitus_dyads
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from .components.actors import ActorResolver
from .components.coref import Coreference
from .components.dates import TimeResolver
from .components.detector import DetectorComponent
from .components.events import EventCoder
from .components.paragraphs import ParagraphBreaks
from .components.places import PlaceResolver
from .components.roles import RoleResolver
from .components.status import StatusTagger
from .knowledge_files import load_knowledge_files

# Per-document context, set before the pipeline runs (tacitus.coder does this from the cleaned page).
CONTEXT_EXTENSIONS = {
    "tacitus_published": None,      # datetime.date | None: the publication date
    "tacitus_outlet": None,         # str | None
    "tacitus_voice": None,          # str | None: ISO3 of the government whose own site the page is on (tacitus.voices)
    "tacitus_dateline": None,       # str | None: "TOKYO"
    "tacitus_headline": None,       # str | None: the page's headline (dates it gives carry to the body's events)
    "tacitus_speaker_lines": None,  # list[(start_char, end_char, tuple[str, ...])] of speaker lines
}
# Written by the components: name → the component that writes it.
COMPONENT_EXTENSIONS = {
    "tacitus_paragraphs": "tacitus_paragraphs",  # tuple[int, ...]: first token of each paragraph after the first
    "tacitus_mentions": "tacitus_actors",      # list[Mention]
    "tacitus_speakers": "tacitus_actors",      # list[(start_char, end_char, tuple[Actor, ...])]
    "tacitus_home_country": "tacitus_actors",  # ISO3 of the country an unqualified "the government" means
    "tacitus_coref": "tacitus_coref",          # list[Mention]: the actor mentions and the resolved ones
    "tacitus_detections": "tacitus_detector",  # list[SentenceScores]: the detector's root scores per sentence
    "tacitus_candidates": "tacitus_events",    # list[Candidate]
    "tacitus_dates": "tacitus_when",           # list[Dating], parallel to tacitus_candidates
    "tacitus_status": "tacitus_status",        # list[Verdict], parallel to tacitus_candidates
    "tacitus_places": "tacitus_where",         # list[Location | None], parallel to tacitus_candidates
    "tacitus_dyads": "tacitus_roles",          # list[Dyad]
}
for _name in [*CONTEXT_EXTENSIONS, *COMPONENT_EXTENSIONS]:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_DATA = {"data_dir": None}


@Language.factory("tacitus_gazetteer", default_config={"overwrite_ents": False, "data_dir": None})
def make_gazetteer(nlp: Language, name: str, overwrite_ents: bool, data_dir: str | None) -> EntityRuler:
    """An entity ruler with the states, capitals, territories, places and organisations of the knowledge files."""
    ruler = EntityRuler(nlp, name=name, overwrite_ents=overwrite_ents, phrase_matcher_attr="ORTH")
    ruler.add_patterns(load_knowledge_files(data_dir).knowledge.ruler_patterns())
    return ruler


@Language.factory("tacitus_paragraphs", assigns=["token.is_sent_start", "doc._.tacitus_paragraphs"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    """Start a sentence at each paragraph's first word (runs before the parser, which keeps the boundary)."""
    return ParagraphBreaks(name)


@Language.factory("tacitus_actors", default_config=_DATA,
                  assigns=["doc._.tacitus_mentions", "doc._.tacitus_speakers", "doc._.tacitus_home_country"],
                  requires=["doc.ents", "token.dep"])
def make_actors(nlp: Language, name: str, data_dir: str | None) -> ActorResolver:
    """Resolve states, organisations, office holders (on the publication date) and groups."""
    return ActorResolver(name, data_dir)


@Language.factory("tacitus_coref", default_config=_DATA, assigns=["doc._.tacitus_coref"],
                  requires=["doc._.tacitus_mentions", "doc._.tacitus_speakers"])
def make_coref(nlp: Language, name: str, data_dir: str | None) -> Coreference:
    """Resolve pronouns, "the two countries" and the "we" of speaker lines and quotations."""
    return Coreference(name, data_dir)


@Language.factory("tacitus_detector", default_config={"data_dir": None, "model_dir": None},
                  assigns=["doc._.tacitus_detections"], requires=["token.is_sent_start"])
def make_detector(nlp: Language, name: str, data_dir: str | None, model_dir: str | None) -> DetectorComponent:
    """Score each sentence for the CAMEO roots it reports with the trained detector (`model_dir`: None for the
    packaged model)."""
    return DetectorComponent(name, data_dir, model_dir)


@Language.factory("tacitus_events", default_config={"data_dir": None, "model_dir": None},
                  assigns=["doc._.tacitus_candidates"],
                  requires=["doc._.tacitus_coref", "token.dep", "token.lemma"])
def make_events(nlp: Language, name: str, data_dir: str | None, model_dir: str | None) -> EventCoder:
    """Find event candidates from the verb and noun patterns of the lexicon, fused with the detector's scores
    when the pipeline runs the detector (`model_dir`: its settings; None for the packaged model, "off": none)."""
    return EventCoder(name, data_dir, model_dir)


@Language.factory("tacitus_when", default_config=_DATA, assigns=["doc._.tacitus_dates"],
                  requires=["doc._.tacitus_candidates"])
def make_when(nlp: Language, name: str, data_dir: str | None) -> TimeResolver:
    """Date each candidate against the publication date."""
    return TimeResolver(name, data_dir)


@Language.factory("tacitus_status", default_config=_DATA, assigns=["doc._.tacitus_status"],
                  requires=["doc._.tacitus_candidates", "doc._.tacitus_dates"])
def make_status(nlp: Language, name: str, data_dir: str | None) -> StatusTagger:
    """Tell occurred, planned, requested, hypothetical and negated events apart."""
    return StatusTagger(name, data_dir)


@Language.factory("tacitus_where", default_config=_DATA, assigns=["doc._.tacitus_places"],
                  requires=["doc._.tacitus_candidates", "doc.ents", "doc._.tacitus_home_country"])
def make_where(nlp: Language, name: str, data_dir: str | None) -> PlaceResolver:
    """Place each candidate with gazetteer coordinates."""
    return PlaceResolver(name, data_dir)


@Language.factory("tacitus_roles", default_config=_DATA, assigns=["doc._.tacitus_dyads"],
                  requires=["doc._.tacitus_candidates", "doc._.tacitus_dates", "doc._.tacitus_status",
                            "doc._.tacitus_places", "doc._.tacitus_coref", "doc._.tacitus_home_country"])
def make_roles(nlp: Language, name: str, data_dir: str | None) -> RoleResolver:
    """Settle each candidate's actors into dyads under the code rules."""
    return RoleResolver(name, data_dir)


#: The component that runs before spaCy's parser.
PARAGRAPHS = "tacitus_paragraphs"
#: The components in pipeline order; the detector (`DETECTOR`) runs between coreference and events when on.
DETECTOR = "tacitus_detector"
COMPONENTS = ("tacitus_actors", "tacitus_coref", "tacitus_events", "tacitus_when", "tacitus_status",
              "tacitus_where", "tacitus_roles")
