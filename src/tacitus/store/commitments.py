"""Commitment tracking: what became of each announced plan — fulfilled, pending, overdue or unknown.

A commitment is a story (see `tacitus.store.dedup`) of `planned` events ("Putin will visit Japan before the end of
the year"), announced on the publication date of its first report, with a deadline at the latest end of its
members' date windows (a plan naming no date stays open `OPEN_WINDOW_DAYS` after publication). It is

- **fulfilled** by the best-matching `occurred` event: same dyad in either direction (a visit made, or the same
  visit hosted), the same CAMEO root, a date window that ends after the announcement and starts no later than the
  deadline, and a confidence of at least `MIN_FULFILMENT_CONFIDENCE`. Candidates are ranked by how well they
  match — 4: the same act (the same code by the same side, or its complement by the other: a visit planned, the
  visit hosted); 3: the same code by the other side; 2: the same code family (its first three digits); 1: only the
  same root — then by date, earliest first. The view says how sure the match is (`match_score`) and why
  (`match_reason`), and how many candidates there were (`candidates`);
- **pending** when not fulfilled and the deadline is on or after the latest publication date in the corpus
  (`as_of`: the corpus is the clock, not today's date);
- **overdue** when not fulfilled, the deadline has passed by that date, and the corpus holds later coverage of the
  dyad: `later_articles` counts the articles published after the deadline with an event between the two sides;
- **unknown** when not fulfilled and the deadline has passed but no later article speaks of the dyad at all: the
  corpus cannot tell whether the plan was kept.

An event told as history (`Event.background`: dated weeks before its article) is neither a plan nor a fulfilment.
"""

from __future__ import annotations

__all__ = ["COUNTED", "COUNTS_MIGRATION", "FUTURE_STATUSES", "MIN_FULFILMENT_CONFIDENCE", "OPEN_WINDOW_DAYS",
           "REMATCH_MIGRATION", "STATES", "TABLE_MIGRATION", "VIEW_SQL", "VIEW_V2_SQL", "VIEW_V3_SQL", "mark_stale",
           "refresh_commitments"]

STATES = ("fulfilled", "pending", "overdue", "unknown")
#: An occurred event less sure than this does not fulfil a commitment.
MIN_FULFILMENT_CONFIDENCE = 0.3
#: Statuses about the future: with no end date named, their window stays open this many days after publication.
from ..model import FUTURE_STATUSES, OPEN_WINDOW_DAYS

# The planned stories with their deadline and first report: the start of both views.
_PLANNED = """    WITH planned AS (
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
"""

#: The first `commitments` view (migration 0003), kept so that the migrations replay as they ran.
VIEW_SQL = f"""CREATE VIEW commitments AS
{_PLANNED}    as_of AS (SELECT max(published) AS as_of FROM documents WHERE status = 'coded'),
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


# Codes that report one act from its two sides: "A visits B" (042) is "B hosts A" (043).
_COMPLEMENTS = "['042>043', '043>042']"

#: What a candidate fulfilment of a plan carries, and its score (4: the same act; 3: the same code; 2: the same
#: code family; 1: the same root). Shared by the view and the stored matches.
_CANDIDATE_COLUMNS = f"""        SELECT p.story_id, o.event_id, o.story_id AS o_story, o.doc_id AS o_doc, o.window_start AS o_start,
               o.sentence AS o_sentence, o.code AS o_code, o.confidence AS o_confidence,
               o.source_key = p.source AS same_direction,
               CASE WHEN (o.code = p.code AND o.source_key = p.source)
                      OR (o.source_key <> p.source AND list_contains({_COMPLEMENTS}, p.code || '>' || o.code)) THEN 4
                    WHEN o.code = p.code THEN 3
                    WHEN left(o.code, 3) = left(p.code, 3) THEN 2
                    ELSE 1 END AS score"""

#: The best-matching candidate of each commitment, and why (shared by the view and the stored matches).
_FULFILMENT = """    fulfilment AS (
        SELECT story_id, count(*) AS candidates,
               arg_min(event_id, (-score, o_start, event_id)) AS fulfilled_by,
               arg_min(o_story, (-score, o_start, event_id)) AS fulfilled_story,
               arg_min(o_doc, (-score, o_start, event_id)) AS fulfilled_doc,
               arg_min(o_start, (-score, o_start, event_id)) AS fulfilled_on,
               arg_min(o_sentence, (-score, o_start, event_id)) AS fulfilled_sentence,
               max(score) AS match_score,
               arg_min(concat_ws(', ',
                   CASE score WHEN 4 THEN CASE WHEN same_direction THEN 'the same act (' || o_code || ')'
                                               ELSE 'the same act seen from the other side (' || o_code || ')' END
                              WHEN 3 THEN 'the same code ' || o_code || ', the other side acting'
                              WHEN 2 THEN 'the same code family ' || left(o_code, 3)
                              ELSE 'only the same root ' || left(o_code, 2) END,
                   'confidence ' || round(o_confidence, 2)), (-score, o_start, event_id)) AS match_reason
        FROM candidates GROUP BY story_id),"""

#: The `commitments` view since migration 0005. Changing it needs a new migration that replaces the view.
VIEW_V2_SQL = f"""CREATE OR REPLACE VIEW commitments AS
{_PLANNED}    as_of AS (SELECT max(published) AS as_of FROM documents WHERE status = 'coded'),
    candidates AS (
{_CANDIDATE_COLUMNS}
        FROM planned p JOIN story_members o
          ON o.status = 'occurred' AND o.root = p.root AND o.confidence >= {MIN_FULFILMENT_CONFIDENCE}
         AND ((o.source_key = p.source AND o.target_key IS NOT DISTINCT FROM p.target)
              OR (o.source_key = p.target AND o.target_key = p.source))
         AND o.window_end > p.announced AND o.window_start <= p.deadline),
{_FULFILMENT}
    later AS (
        SELECT p.story_id, count(DISTINCT e.doc_id) AS later_articles
        FROM planned p JOIN story_members e
          ON (e.source_key = p.source AND e.target_key IS NOT DISTINCT FROM p.target)
          OR (e.source_key = p.target AND e.target_key = p.source)
        JOIN documents d ON d.doc_id = e.doc_id
        WHERE d.published > p.deadline
        GROUP BY p.story_id)
    SELECT p.story_id, p.source, p.target, p.root, p.code, p.announced, p.window_start, p.deadline,
           CASE WHEN f.fulfilled_by IS NOT NULL THEN 'fulfilled'
                WHEN p.deadline >= a.as_of THEN 'pending'
                WHEN coalesce(l.later_articles, 0) > 0 THEN 'overdue'
                ELSE 'unknown' END AS state,
           a.as_of, p.num_mentions, p.num_articles, p.event_id, p.doc_id, p.sentence,
           f.fulfilled_by, f.fulfilled_story, f.fulfilled_doc, f.fulfilled_on, f.fulfilled_sentence,
           f.match_score, f.match_reason, coalesce(f.candidates, 0) AS candidates,
           coalesce(l.later_articles, 0) AS later_articles
    FROM planned p CROSS JOIN as_of a LEFT JOIN fulfilment f USING (story_id) LEFT JOIN later l USING (story_id)"""


# -- since migration 0012: the matching is stored, the state (which depends on the latest article) is a view ----
#: Per planned story, everything but the state: what fulfils it and how much later coverage its dyad has. The
#: later coverage is counted by sorting each dyad's articles by date once (an ASOF join), not by joining every plan
#: to every event of its dyad.
#: A dyad either way as two keys: (the lesser key, the greater) with a target; (the source, '') without one.
def dyad_key(source: str, target: str) -> tuple[str, str]:
    """SQL for the two keys of the undirected dyad of columns `source` and `target`."""
    return (f"CASE WHEN {target} IS NULL THEN {source} ELSE least({source}, {target}) END",
            f"coalesce(greatest({source}, {target}), '')")


_PLAN_K1, _PLAN_K2 = dyad_key("source", "target")
_EVENT_K1, _EVENT_K2 = dyad_key("e.source_key", "e.target_key")

# A background event (history the story tells, `Event.background`) is never a plan nor its fulfilment.
_NEWS_PLANNED = (_PLANNED.replace("WITH planned AS (", "WITH planned_all AS (")
                 .replace("WHERE s.status = 'planned'", "WHERE s.status = 'planned' AND NOT coalesce(s.background, false)"))

MATCH_ROWS_SQL = f"""
{_NEWS_PLANNED}    planned AS (
        SELECT * FROM planned_all WHERE {{plans}}),
    plan_months AS (
        SELECT story_id, source, target, root, date_trunc('month', least(announced, deadline))::DATE AS first_month,
               unnest(generate_series(date_trunc('month', least(announced, deadline)), date_trunc('month', deadline),
                                      INTERVAL 1 MONTH))::DATE AS month
        FROM planned),
    occurred AS (
        SELECT *, date_trunc('month', window_start)::DATE AS first_month,
               unnest(generate_series(date_trunc('month', window_start), date_trunc('month', window_end),
                                      INTERVAL 1 MONTH))::DATE AS month
        FROM story_members
        WHERE status = 'occurred' AND confidence >= {MIN_FULFILMENT_CONFIDENCE} AND window_start <= window_end
          AND NOT coalesce(background, false)),
    candidates AS (
{_CANDIDATE_COLUMNS}
        FROM planned p JOIN (
            -- The dyad either way, as two joins on equal keys (a join on an OR pairs every plan with every event of
            -- its root), and on a month that both the plan's window and the event's cover: each pair meets once,
            -- in the first month they share, instead of every plan meeting every event of its dyad.
            SELECT p.story_id AS plan, o.* FROM plan_months p JOIN occurred o
              ON o.root = p.root AND o.source_key = p.source AND o.target_key IS NOT DISTINCT FROM p.target
             AND o.month = p.month AND o.month = greatest(o.first_month, p.first_month)
            UNION ALL
            SELECT p.story_id, o.* FROM plan_months p JOIN occurred o
              ON o.root = p.root AND o.source_key = p.target AND o.target_key = p.source
             AND o.month = p.month AND o.month = greatest(o.first_month, p.first_month)
             AND p.target IS DISTINCT FROM p.source) o ON o.plan = p.story_id
        WHERE o.window_end > p.announced AND o.window_start <= p.deadline),
{_FULFILMENT}
    -- A dyad either way: (the lesser key, the greater) with a target; (the source, '') without one.
    dyad_docs AS (
        SELECT DISTINCT {_EVENT_K1} AS k1, {_EVENT_K2} AS k2, e.doc_id, d.published
        FROM events e JOIN documents d ON d.doc_id = e.doc_id
        WHERE d.published IS NOT NULL AND {{dyads}}),
    dyad_dates AS (
        SELECT k1, k2, published, count(*) AS n FROM dyad_docs GROUP BY ALL),
    dyad_counts AS (
        SELECT k1, k2, published,
               CAST(sum(n) OVER (PARTITION BY k1, k2 ORDER BY published DESC ROWS UNBOUNDED PRECEDING) AS BIGINT)
                   AS from_here,  -- a count, not the HUGEINT of a sum: tables and CSV print 72, not 72.0
               lead(published) OVER (PARTITION BY k1, k2 ORDER BY published DESC) AS before
        FROM dyad_dates),
    later AS (
        -- the articles published after the deadline: the running count at the first date after it
        SELECT p.story_id, c.from_here AS later_articles
        FROM planned p JOIN dyad_counts c
          ON c.k1 = CASE WHEN p.target IS NULL THEN p.source ELSE least(p.source, p.target) END
         AND c.k2 = coalesce(greatest(p.source, p.target), '')
         AND c.published > p.deadline AND (c.before IS NULL OR c.before <= p.deadline))
    SELECT p.story_id, p.source, p.target, p.root, p.code, p.announced, p.window_start, p.deadline,
           p.num_mentions, p.num_articles, p.event_id, p.doc_id, p.sentence,
           f.fulfilled_by, f.fulfilled_story, f.fulfilled_doc, f.fulfilled_on, f.fulfilled_sentence,
           f.match_score, f.match_reason, coalesce(f.candidates, 0) AS candidates,
           coalesce(l.later_articles, 0) AS later_articles
    FROM planned p LEFT JOIN fulfilment f USING (story_id) LEFT JOIN later l USING (story_id)"""

#: The date the corpus has reached: its latest coded article's (the clock of the states).
_AS_OF = "SELECT max(published) AS as_of FROM documents WHERE status = 'coded'"
#: A commitment's state from whether it is fulfilled, its deadline, `as_of` and whether later articles speak of
#: its dyad (SQL conditions and columns; shared by the view and the kept counts).
_STATE = """CASE WHEN {fulfilled} THEN 'fulfilled'
                WHEN {deadline} >= {as_of} THEN 'pending'
                WHEN {later} THEN 'overdue'
                ELSE 'unknown' END"""

#: The `commitments` view since migration 0012: the stored matches, with the state as of the latest article.
VIEW_V3_SQL = f"""CREATE OR REPLACE VIEW commitments AS
    WITH as_of AS ({_AS_OF})
    SELECT m.story_id, m.source, m.target, m.root, m.code, m.announced, m.window_start, m.deadline,
           {_STATE.format(fulfilled="m.fulfilled_by IS NOT NULL", deadline="m.deadline", as_of="a.as_of",
                          later="m.later_articles > 0")} AS state,
           a.as_of, m.num_mentions, m.num_articles, m.event_id, m.doc_id, m.sentence,
           m.fulfilled_by, m.fulfilled_story, m.fulfilled_doc, m.fulfilled_on, m.fulfilled_sentence,
           m.match_score, m.match_reason, m.candidates, m.later_articles
    FROM commitment_matches m CROSS JOIN as_of a"""

# -- since migration 0016: the commitments counted per dyad, day announced, deadline and what decides the state --
#: The rows of `commitment_counts` from the stored matches (`where`: a condition on them, `m`).
_COUNT_ROWS = """SELECT m.source, m.target, m.announced, m.deadline, m.fulfilled_by IS NOT NULL AS fulfilled,
                        m.later_articles > 0 AS later, count(*) AS commitments
                 FROM commitment_matches m {where} GROUP BY ALL"""
#: The kept counts with each cell's state as of the latest article: a table `c` of source, target, announced,
#: state and commitments, which the filters of the `commitments` view also filter.
COUNTED = f"""(SELECT k.source, k.target, k.announced, k.commitments,
                      {_STATE.format(fulfilled="k.fulfilled", deadline="k.deadline", as_of="a.as_of",
                                     later="k.later")} AS state
               FROM commitment_counts k CROSS JOIN ({_AS_OF}) a) c"""
#: Migration 0016 (with the document and story counts): the counts, from the matches stored.
COUNTS_MIGRATION = (f"CREATE TABLE commitment_counts AS {_COUNT_ROWS.format(where='')}",)

#: Migration 0012: the matches as a table, filled from the stories stored, under the view.
def _match_rows(touched: str | None) -> str:
    """The match rows of every commitment, or (with `touched`, a table of dyads k1, k2) of those of these dyads."""
    if touched is None:
        return MATCH_ROWS_SQL.format(plans="TRUE", dyads="TRUE")
    return MATCH_ROWS_SQL.format(
        plans=f"EXISTS (SELECT 1 FROM {touched} t WHERE t.k1 = {_PLAN_K1} AND t.k2 = {_PLAN_K2})",
        dyads=f"EXISTS (SELECT 1 FROM {touched} t WHERE t.k1 = {_EVENT_K1} AND t.k2 = {_EVENT_K2})")


#: Migration 0012: the matches as a table, filled from the stories stored, under the view; and the dyads whose
#: events were deleted since the last refresh (an edited document), whose commitments must be looked at again.
TABLE_MIGRATION = (f"CREATE TABLE commitment_matches AS {_match_rows(None)}", VIEW_V3_SQL,
                   "CREATE TABLE commitment_stale_dyads (k1 VARCHAR NOT NULL, k2 VARCHAR NOT NULL)")

#: Migration 0013: the stored matches recomputed without background events (neither plans nor fulfilments).
REMATCH_MIGRATION = ("DELETE FROM commitment_matches", f"INSERT INTO commitment_matches BY NAME {_match_rows(None)}")


def mark_stale(con, doc_ids: list[str]) -> None:
    """Remember the dyads of these documents' events (about to be deleted): their commitments are recomputed at
    the next refresh. Call in the transaction that deletes them, before it does."""
    con.execute(f"""INSERT INTO commitment_stale_dyads SELECT DISTINCT {_EVENT_K1}, {_EVENT_K2} FROM events e
                    WHERE e.doc_id IN (SELECT unnest(?::VARCHAR[]))""", [doc_ids])


def refresh_commitments(con, dirty_keys: str | None = None) -> int:
    """Recompute the stored matches of the commitments (after the stories changed): of every one, or with
    `dirty_keys` (a table of the dyad keys whose stories were rebuilt: source_key, target_key) only those between
    the sides of these keys and of the dyads marked stale, which are all the matches these changes can move.
    Runs in the caller's transaction, with their counts (`commitment_counts`); returns how many commitments were
    recomputed."""
    if dirty_keys is None:
        con.execute("DELETE FROM commitment_matches")
        con.execute(f"INSERT INTO commitment_matches BY NAME {_match_rows(None)}")
        con.execute("DELETE FROM commitment_counts")
        con.execute(f"INSERT INTO commitment_counts BY NAME {_COUNT_ROWS.format(where='')}")
    else:
        k1, k2 = dyad_key("source_key", "target_key")
        con.execute(f"""CREATE OR REPLACE TEMP TABLE touched_dyads AS
                        SELECT DISTINCT {k1} AS k1, {k2} AS k2 FROM {dirty_keys}
                        UNION SELECT k1, k2 FROM commitment_stale_dyads""")
        con.execute(f"""DELETE FROM commitment_matches WHERE EXISTS (
                          SELECT 1 FROM touched_dyads t WHERE t.k1 = {_PLAN_K1} AND t.k2 = {_PLAN_K2})""")
        con.execute(f"INSERT INTO commitment_matches BY NAME {_match_rows('touched_dyads')}")
        touched = f"EXISTS (SELECT 1 FROM touched_dyads t WHERE t.k1 = {_PLAN_K1} AND t.k2 = {_PLAN_K2})"
        con.execute(f"DELETE FROM commitment_counts WHERE {touched}")
        con.execute(f"INSERT INTO commitment_counts BY NAME {_COUNT_ROWS.format(where='WHERE ' + touched)}")
        con.execute("DROP TABLE touched_dyads")
    con.execute("DELETE FROM commitment_stale_dyads")
    return con.execute("SELECT count(*) FROM commitment_matches").fetchall()[0][0]
