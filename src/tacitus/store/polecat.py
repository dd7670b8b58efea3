"""POLECAT-style PLOVER JSON: one JSON object per event, as the POLECAT data set publishes its records.

Each line holds the event id, the PLOVER event type, its mode and context where its CAMEO code tells them
(`tacitus.plover_modes`; null otherwise), the actor and recipient *lists* (name, country, sector, CAMEO actor
code), the event date, the event location (name, country, lat, lon), the evidence sentence, and the story and
document ids. An event whose CAMEO code PLOVER
drops has a null event_type (its CAMEO code stays in cameo_code). docs/polecat-export.md documents every field.
"""

from __future__ import annotations

import functools

from ..ontology import load_ontology

#: The fields of a record, in order.
POLECAT_FIELDS: tuple[str, ...] = (
    "event_id", "event_type", "mode", "context", "status", "actors", "recipients", "event_date", "location",
    "sentence", "cameo_code", "goldstein", "story_id", "doc_id", "published", "outlet", "url",
)


def _party(side: str) -> str:
    return (f"CASE WHEN e.{side}_code IS NULL THEN []::STRUCT(name VARCHAR, country VARCHAR, sector VARCHAR, "
            f"code VARCHAR)[] ELSE [{{'name': coalesce(e.{side}_name, e.{side}_text), 'country': e.{side}_country, "
            f"'sector': e.{side}_sector, 'code': e.{side}_code}}] END")


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@functools.cache
def _modes_table() -> str:
    """A VALUES list of (code, its own PLOVER type, mode, context) for every CAMEO code that has a mode or context."""
    from ..plover_modes import load_plover_modes  # YAML: only when an export is written, not for every query

    modes = load_plover_modes()
    rows = []
    for cameo in load_ontology():
        detail = modes.of(cameo.code)
        if detail.mode is None and not detail.context:
            continue
        context = f"[{', '.join(map(_quoted, detail.context))}]::VARCHAR[]" if detail.context else "NULL::VARCHAR[]"
        rows.append(f"({_quoted(cameo.code)}, {_quoted(cameo.plover) if cameo.plover else 'NULL'}, "
                    f"{_quoted(detail.mode) if detail.mode else 'NULL'}, {context})")
    rows = rows or ["(NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR[])"]  # a file that maps nothing
    return f"(VALUES {', '.join(rows)}) AS pm(code, own_type, mode, context)"


def polecat_query(where: str = "TRUE") -> str:
    """The SELECT that turns the events table (`e`) into POLECAT records (in date order); `where` chooses the
    events."""
    return f"""
        SELECT e.event_id, e.plover AS event_type,
               -- the act's mode only while it keeps its own type (an announced attack is a THREATEN)
               CASE WHEN e.plover IS NOT DISTINCT FROM pm.own_type THEN pm.mode END AS mode,
               pm.context AS context, e.status,
               {_party('source')} AS actors, {_party('target')} AS recipients,
               strftime(coalesce(e.date_start, e.window_start), '%Y-%m-%d') AS event_date,
               CASE WHEN e.location_name IS NULL AND e.location_lat IS NULL THEN NULL
                    ELSE {{'name': e.location_name, 'country': e.location_country, 'lat': e.location_lat,
                           'lon': e.location_lon}} END AS location,
               trim(e.sentence) AS sentence, e.code AS cameo_code, e.goldstein,
               coalesce(m.story_id, e.event_id) AS story_id, e.doc_id,
               strftime(d.published, '%Y-%m-%d') AS published, d.outlet, d.url
        FROM events e JOIN documents d USING (doc_id) LEFT JOIN mentions m USING (event_id)
             LEFT JOIN {_modes_table()} ON pm.code = e.code
        WHERE {where}
        ORDER BY e.window_start NULLS LAST, e.doc_id, e.span_start, e.event_id"""
