"""Commitment tracking: what became of each announced plan — fulfilled, pending or overdue.

A commitment is a story (see `tacitus.store.dedup`) of `planned` events ("Putin will visit Japan before the end of
the year"), announced on the publication date of its first report, with a deadline at the latest end of its
members' date windows (a plan naming no date stays open `OPEN_WINDOW_DAYS` after publication). It is

- **fulfilled** by the earliest `occurred` event with the same dyad (in either direction: a visit made or a visit
  hosted), the same CAMEO root code (the code family), and a date window that ends after the announcement and
  starts no later than the deadline; the view links that event, its story and its document;
- **pending** when not fulfilled and the deadline is on or after the latest publication date in the corpus
  (`as_of`: the corpus is the clock, not today's date);
- **overdue** when not fulfilled and the deadline has passed by that date.
"""

from __future__ import annotations

__all__ = ["FUTURE_STATUSES", "OPEN_WINDOW_DAYS", "STATES", "VIEW_SQL"]

STATES = ("fulfilled", "pending", "overdue")
#: Statuses about the future: with no end date named, their window stays open this many days after publication.
FUTURE_STATUSES = ("planned", "requested", "hypothetical")
OPEN_WINDOW_DAYS = 365

#: The `commitments` view (migration 0003). Changing it needs a new migration that replaces the view.
VIEW_SQL = """CREATE VIEW commitments AS
    WITH planned AS (
        SELECT s.story_id, min(s.source_key) AS source, min(s.target_key) AS target, min(s.root) AS root,
               mode(s.code) AS code, min(s.window_start) AS window_start, max(s.window_end) AS deadline,
               coalesce(min(d.published), min(s.window_start)) AS announced,
               count(*) AS num_mentions, count(DISTINCT s.doc_id) AS num_articles,
               arg_min(s.event_id, (d.published, s.doc_id, s.span_start)) AS event_id,
               arg_min(s.doc_id, (d.published, s.doc_id, s.span_start)) AS doc_id,
               arg_min(s.sentence, (d.published, s.doc_id, s.span_start)) AS sentence
        FROM story_members s JOIN documents d USING (doc_id)
        WHERE s.status = 'planned' AND s.window_end IS NOT NULL
        GROUP BY s.story_id),
    as_of AS (SELECT max(published) AS as_of FROM documents WHERE status = 'coded'),
    fulfilment AS (
        SELECT p.story_id,
               arg_min(o.event_id, (o.window_start, o.event_id)) AS fulfilled_by,
               arg_min(o.story_id, (o.window_start, o.event_id)) AS fulfilled_story,
               arg_min(o.doc_id, (o.window_start, o.event_id)) AS fulfilled_doc,
               min(o.window_start) AS fulfilled_on,
               arg_min(o.sentence, (o.window_start, o.event_id)) AS fulfilled_sentence
        FROM planned p JOIN story_members o
          ON o.status = 'occurred' AND o.root = p.root
         AND ((o.source_key = p.source AND o.target_key IS NOT DISTINCT FROM p.target)
              OR (o.source_key = p.target AND o.target_key = p.source))
         AND o.window_end > p.announced AND o.window_start <= p.deadline
        GROUP BY p.story_id)
    SELECT p.story_id, p.source, p.target, p.root, p.code, p.announced, p.window_start, p.deadline,
           CASE WHEN f.fulfilled_by IS NOT NULL THEN 'fulfilled'
                WHEN p.deadline >= a.as_of THEN 'pending'
                ELSE 'overdue' END AS state,
           a.as_of, p.num_mentions, p.num_articles, p.event_id, p.doc_id, p.sentence,
           f.fulfilled_by, f.fulfilled_story, f.fulfilled_doc, f.fulfilled_on, f.fulfilled_sentence
    FROM planned p CROSS JOIN as_of a LEFT JOIN fulfilment f USING (story_id)"""
