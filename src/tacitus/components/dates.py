"""The time component: each event candidate's date interval, resolved against the publication date.

The time expressions of the sentence (tacitus.when) are attached to the event whose trigger governs them in
the parse; a sentence with one unattached expression gives it to all its events; otherwise the publication
date bounds the event. The component writes `doc._.tacitus_dates`; what a date after publication says about
the status is the status component's to judge.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from ..knowledge_files import KnowledgeFiles
from ..when import TimeExpression, find_time_expressions, publication_window
from .base import Component
from .candidate import Candidate, Dating
from .mentions import sentence_of, span_text
from .status import StatusCues

_OTHER_EVENT, _REPORT_TIME = -1, -2  # owners of a time expression that is not an event's own date


def _tense(trigger: Token, status: str) -> str | None:
    if status in ("planned", "requested"):
        return "future"
    if trigger.tag_ in ("VBD", "VBN"):
        return "past"
    if any(c.lower_ in ("will", "shall", "'ll") for c in trigger.children):
        return "future"
    return None


class TimeResolver(Component):
    """Write `doc._.tacitus_dates`, one `Dating` per candidate of `doc._.tacitus_candidates`."""

    def configure(self, files: KnowledgeFiles) -> None:
        self.event_nouns = files.lexicon.noun_heads
        self.reporting = files.modality.reporting
        self.cues = StatusCues(files.modality, files.grammar)

    def __call__(self, doc: Doc) -> Doc:
        published: date | None = doc._.tacitus_published
        all_candidates: list[Candidate] = doc._.tacitus_candidates
        all_triggers = {c.trigger for c in all_candidates}
        dates: list[Dating | None] = [None] * len(all_candidates)
        by_sentence: dict[int, list[tuple[int, Candidate]]] = {}
        for position, candidate in enumerate(all_candidates):
            by_sentence.setdefault(sentence_of(doc[candidate.trigger]).start, []).append((position, candidate))
        for sent_start, candidates in by_sentence.items():
            sent = sentence_of(doc[sent_start])
            triggers = {c.trigger for _, c in candidates}
            expressions_by_tense: dict[str | None, list[TimeExpression]] = {}
            attached: dict[int, TimeExpression] = {}
            loose: list[TimeExpression] = []
            reported: list[TimeExpression] = []
            text = span_text(sent)
            expressions_by_tense[None] = find_time_expressions(text, published)
            for expression in expressions_by_tense[None]:
                owner = self._owner(sent, expression, triggers)
                if owner == _OTHER_EVENT:
                    continue
                if owner == _REPORT_TIME:
                    reported.append(expression)
                elif owner is None:
                    loose.append(expression)
                else:
                    attached.setdefault(owner, expression)
            for position, candidate in candidates:
                trigger = doc[candidate.trigger]
                status, _ = self.cues.of(doc, candidate, all_triggers)
                tense = _tense(trigger, status)
                expression = attached.get(candidate.trigger)
                if expression is None and len(loose) == 1 and len(attached) == 0:
                    expression = loose[0]
                if expression is None and len(reported) == 1 and status == "occurred":
                    # "…, the ministry said on Monday": what was reported had happened by then
                    expression, tense = reported[0], "past"
                when = None
                if expression is not None:
                    # resolve again with the event's tense ("on Wednesday" before or after publication)
                    key = tense
                    if key not in expressions_by_tense:
                        expressions_by_tense[key] = find_time_expressions(text, published, tense=tense)
                    match = next((e for e in expressions_by_tense[key] if e.start == expression.start), expression)
                    when = match.when
                dates[position] = Dating(when or publication_window(published), when is not None, tense)
        doc._.tacitus_dates = dates
        return doc

    def _owner(self, sent: Span, expression: TimeExpression, triggers: set[int]) -> int | None:
        """The trigger that governs the expression in the parse, if any."""
        start_char = sent.start_char + expression.start
        end_char = sent.start_char + expression.end
        span = sent.doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            return None
        node = span.root
        for _ in range(8):
            if node.i in triggers:
                return node.i
            if node.pos_ == "NOUN" and node.lemma_.lower() in self.event_nouns and node not in span:
                return _OTHER_EVENT  # the date of another event ("the talks … on May 18"), not of this one
            if node.pos_ == "VERB" and node not in span:
                carried = next((c.i for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                                and c.i in triggers), None)
                if carried is None and node.dep_ in ("acl", "relcl") and node.head.i in triggers:
                    carried = node.head.i  # "the summit held in Washington on April 28"
                if carried is not None:
                    return carried  # "the meeting was held on Monday": the date of the event the verb carries
                if node.lemma_.lower() in self.reporting:
                    return _REPORT_TIME  # when it was said, not when it happens
                return _OTHER_EVENT  # "since Japan purchased the islands in 2012": the date of that clause
            if node.head is node:
                return None
            node = node.head
        return None
