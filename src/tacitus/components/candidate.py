"""What the components of the pipeline hand on to each other: one frozen record per stage and event candidate.

Each component writes its own `Doc` extension and only reads the earlier ones. The lists of `tacitus_dates`,
`tacitus_status` and `tacitus_places` run parallel to `tacitus_candidates` (item i is about candidate i);
`tacitus_dyads` names its candidate by index. Who owns each field of an `Event`:

    =====================================  ========================  ==========================================
    Event field                            owner (extension)         record and attribute
    =====================================  ========================  ==========================================
    trigger, trigger_span, sentence, span  tacitus_events            Candidate.trigger, .trigger_end
    (candidates, the pattern's code)       (tacitus_candidates)      Candidate.code, .sources, .targets, .rule,
                                                                     .confidence, .kind, .source_token,
                                                                     .open_target, .object_lemma
    date, background                       tacitus_when              Dating.when, .background (.explicit,
                                           (tacitus_dates)           .tense, .carried)
    status, and the rule's status cue      tacitus_status            Verdict.status, .cue
                                           (tacitus_status)          (owns "dated after publication → planned")
    location: a place the text names       tacitus_where             Location | None
                                           (tacitus_places)
    source, target, code, root, label,     tacitus_roles             Dyad.source, .target, .code, .rule,
    quad_class, goldstein, rule,           (tacitus_dyads)           .confidence, .location: place nationality,
    confidence; location of a visit                                  default targets, the 114/150 rules, carried
                                                                     targets, one actor per country, pairs, the
                                                                     dyad filter; a visit's host as its place
    doc_id, event_id, plover               tacitus.coder             assembled from the above
    =====================================  ========================  ==========================================
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Actor, Location, Status, When


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event the patterns found in the parse, with the actors its pattern names.

    Attributes:
        trigger: index of the token that triggers the event (the verb, the noun, or a threat's verb).
        trigger_end: end (exclusive) of the trigger's words ("launched a missile").
        code: the CAMEO code of the pattern (a threat's code for a threatened act).
        sources, targets: the actors the pattern's slots name, as the text gives them.
        rule: the pattern that fired and how the actors were found.
        confidence: in [0, 1].
        kind: "verb" or "noun" for a pattern's, "model" for the detector's.
        source_token: the token the source was read from (a pronoun may carry the previous sentence's target).
        open_target: the pattern expects a target the sentence may leave to the context.
        object_lemma: the object of a light-verb pattern ("missile" in "launched a missile").
    """

    trigger: int
    code: str
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    rule: str
    confidence: float
    kind: str
    trigger_end: int = 0
    source_token: int | None = None
    open_target: bool = False
    object_lemma: str | None = None


def named_by_noun(candidate: Candidate, trigger: Token) -> bool:
    """Whether a noun names the event ("the attack", "a meeting"): a noun pattern's, or a detector candidate's
    (kind "model") whose trigger is a noun, which takes its status and date from the verb that carries it."""
    return candidate.kind == "noun" or (candidate.kind == "model" and trigger.pos_ in ("NOUN", "PROPN"))


@dataclass(frozen=True, slots=True)
class Dating:
    """The date of a candidate (`tacitus_dates`).

    Attributes:
        when: the interval; the publication window when the text gives no date of its own.
        explicit: the date comes from a time expression of the text (of the sentence, or carried).
        tense: the tense the expression was resolved with ("past", "future" or None).
        carried: the date is an earlier mention's of the same event, the sentence giving none.
        background: the event is told as history: it occurred weeks before publication.
    """

    when: When
    explicit: bool = False
    tense: str | None = None
    carried: bool = False
    background: bool = False


@dataclass(frozen=True, slots=True)
class Verdict:
    """The status of a candidate (`tacitus_status`) and the words that cued it (None for a plain occurrence)."""

    status: Status
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Dyad:
    """One (source, target) event of a candidate (`tacitus_dyads`).

    Attributes:
        candidate: the index of its candidate in `tacitus_candidates`.
        code: the CAMEO code after the code rules (a state protest is 114, a missile at nobody 150).
        source, target: the settled actors; target None for an event without one.
        reciprocal: the pair was made from sources acting together ("Japan and Russia held talks").
        rule: the candidate's rule with what the roles component did.
        confidence: in [0, 1], before the event's rounding.
        location: where the event happened: the place the text names, else a visit's host country.
    """

    candidate: int
    code: str
    source: Actor
    target: Actor | None
    reciprocal: bool
    rule: str
    confidence: float
    location: Location | None = None
