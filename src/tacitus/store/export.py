"""Export an event database: parquet, csv or jsonl of a table, GDELT 2.0's event and mentions tables, or POLECAT's
PLOVER JSON (tacitus.store.polecat).

The GDELT export writes one row per story (a deduplicated event, as GDELT's events are) of events that occurred,
tab-separated without a header, in GDELT's column order; docs/gdelt-export.md documents every column.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ..errors import DataFileError, StoreError
from ..formats import EXPORT_FORMATS
from .polecat import polecat_query
from .query import BACKGROUND, EVENT_IS_BACKGROUND, STORY_IS_BACKGROUND, EventDB, Where, _background_filter

if TYPE_CHECKING:
    import pyarrow as pa

TABLES = ("events", "stories", "documents", "commitments", "runs", "mentions")
#: The tables whose rows are events or stories, which `background` filters (a commitment is never background).
EVENT_TABLES = ("events", "stories", "mentions")

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: The 61 columns of a GDELT 2.0 event record, in GDELT's order.
GDELT_COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR) + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO) + tuple(f"Actor2Geo_{c}" for c in _GEO)
    + tuple(f"ActionGeo_{c}" for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)


@functools.lru_cache(maxsize=1)
def fips_codes(path: Path | None = None) -> dict[str, str]:
    """ISO3 → FIPS 10-4 country code, from data/export/fips.tsv (or `path`).

    Raises:
        DataFileError: a malformed line or a repeated code.
    """
    if path is None:
        from ..knowledge import DATA_DIR  # the knowledge module (and YAML) loads on export, not for every command

        path = DATA_DIR / "export" / "fips.tsv"
    codes: dict[str, str] = {}
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells[:2] != ["iso3", "fips"]:
                raise DataFileError(str(path), number, "the header must start with iso3, fips")
            header_seen = True
            continue
        iso3, fips = cells[0].strip(), cells[1].strip() if len(cells) > 1 else ""
        if len(iso3) != 3 or not iso3.isupper() or len(fips) != 2 or not fips.isupper():
            raise DataFileError(str(path), number, f"expected an ISO3 and a two-letter FIPS code, got {cells[:2]}")
        if iso3 in codes or fips in codes.values():
            raise DataFileError(str(path), number, f"{iso3} or {fips} appears twice")
        codes[iso3] = fips
    return codes


def _code_table(db: EventDB) -> pa.Table:
    """Per country seen: its CAMEO code, FIPS code, name and centroid (for actor geography)."""
    import pyarrow as pa

    from ..knowledge import load_knowledge

    knowledge = load_knowledge()
    fips = fips_codes()
    seen = db.store.execute("""SELECT DISTINCT c FROM (SELECT source_country AS c FROM events UNION
                               SELECT target_country FROM events UNION SELECT location_country FROM events)
                               WHERE c IS NOT NULL""").fetchall()
    rows = []
    for (iso3,) in seen:
        country = knowledge.country_by_code(iso3)
        rows.append({"iso3": iso3, "cameo": country.cameo if country else iso3, "fips": fips.get(iso3),
                     "name": country.name if country else None, "lat": country.lat if country else None,
                     "lon": country.lon if country else None})
    return pa.Table.from_pylist(rows, schema=pa.schema([("iso3", pa.string()), ("cameo", pa.string()),
                                                        ("fips", pa.string()), ("name", pa.string()),
                                                        ("lat", pa.float64()), ("lon", pa.float64())]))


def _geo_table(db: EventDB) -> pa.Table:
    """Per place named: GDELT's geographic type (1 country, 2 US state, 3 US city, 4 world city, 5 world state)."""
    import pyarrow as pa

    from ..knowledge import load_knowledge

    knowledge = load_knowledge()
    rows = []
    for name, iso3 in db.store.execute("SELECT DISTINCT location_name, location_country FROM events "
                                       "WHERE location_name IS NOT NULL").fetchall():
        country = knowledge.country_by_code(iso3) if iso3 else None
        place = knowledge.place(name)
        if country is not None and (place is None and knowledge.country(name) is country):
            kind = 1
        elif place is not None and place.kind in ("province", "territory", "region"):
            kind = 2 if iso3 == "USA" else 5
        else:
            kind = 3 if iso3 == "USA" else 4
        rows.append({"name": name, "country": iso3, "geo_type": kind})
    return pa.Table.from_pylist(rows, schema=pa.schema([("name", pa.string()), ("country", pa.string()),
                                                       ("geo_type", pa.int32())]))


def _clean(expr: str) -> str:
    # GDELT files are unquoted: no tab, newline or double quote may appear inside a field.
    return f"regexp_replace(CAST({expr} AS VARCHAR), '[\\t\\r\\n\"]+', ' ', 'g')"


def _actor_columns(side: str, n: int) -> list[str]:
    country = f"c{n}.cameo"
    code = (f"CASE WHEN e.{side}_country IS NOT NULL AND starts_with(e.{side}_code, e.{side}_country) "
            f"THEN {country} || substr(e.{side}_code, 4) ELSE e.{side}_code END")
    group = (f"CASE WHEN substr(e.{side}_code, 1, 3) IN ('IGO', 'NGO') THEN substr(e.{side}_code, 4) END")
    type1 = (f"CASE WHEN substr(e.{side}_code, 1, 3) IN ('IGO', 'NGO') THEN substr(e.{side}_code, 1, 3) "
             f"ELSE e.{side}_sector END")
    return [_clean(code), _clean(f"upper(e.{side}_name)"), country, _clean(group), "NULL", "NULL", "NULL",
            _clean(type1), "NULL", "NULL"]


def _actor_geo(n: int) -> list[str]:
    """An actor's geography at country level, where Tacitus knows the actor's country (type 1, as GDELT writes a
    country: its FIPS code as country, ADM1 and feature id, the country's centroid)."""
    known = f"c{n}.fips IS NOT NULL"
    return [f"CASE WHEN {known} THEN 1 END", _clean(f"CASE WHEN {known} THEN c{n}.name END"), f"c{n}.fips",
            f"c{n}.fips", "NULL", f"CASE WHEN {known} THEN c{n}.lat END", f"CASE WHEN {known} THEN c{n}.lon END",
            f"c{n}.fips"]


# The stories of events that occurred, with their first report and counts: what both GDELT tables describe.
_GDELT_STORIES = """
WITH members AS (
    SELECT m.*, d.published, d.url, d.source AS doc_source, d.outlet, d.coded_at, length(d.text) AS doc_len,
           strpos(coalesce(d.text, ''), chr(10) || chr(10)) AS lead_end
    FROM story_members m JOIN documents d USING (doc_id)
    WHERE m.status = 'occurred' AND m.window_start IS NOT NULL AND {background}),
s AS (
    SELECT story_id, arg_min(event_id, (published, doc_id, span_start)) AS first_event,
           max(window_start) AS day, count(*) AS num_mentions, count(DISTINCT doc_id) AS num_articles,
           count(DISTINCT coalesce(outlet, doc_source)) AS num_sources,
           bool_or(lead_end = 0 OR span_start < lead_end) AS is_root, min(coded_at) AS added
    FROM members GROUP BY story_id)"""
_GLOBAL_EVENT_ID = "('x' || substr(s.story_id, 1, 15))::BIT::BIGINT"  # the story id's first 60 bits as a number

#: The 16 columns of a GDELT 2.0 mention record, in GDELT's order.
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras")


def background_clause(background: str, clause: str = EVENT_IS_BACKGROUND) -> str:
    """The SQL condition keeping the rows `background` asks for (include, only or exclude those told as history),
    `clause` saying that a row is background.

    Raises:
        ValueError: the value is not include, only or exclude.
    """
    where = Where()
    _background_filter(where, background, clause)
    return " AND ".join(where.clauses) or "TRUE"


def _gdelt_stories(background: str) -> str:
    return _GDELT_STORIES.format(background=background_clause(background, "coalesce(m.background, false)"))


def gdelt_mentions_query(background: str = "include") -> str:
    """The SELECT producing GDELT's mentions table: one row per report of an exported story (with `background`,
    of the reports told as history too, only or not)."""
    def offset(side: str) -> str:
        found = f"strpos(e.sentence, e.{side}_text)"
        return f"CASE WHEN e.{side}_text IS NOT NULL AND {found} > 0 THEN e.span_start + {found} - 1 ELSE -1 END"

    columns = [
        _GLOBAL_EVENT_ID, "strftime(s.added, '%Y%m%d%H%M%S')", "strftime(e.coded_at, '%Y%m%d%H%M%S')",
        "1",  # WEB: every Tacitus document is an article
        _clean("coalesce(e.outlet, regexp_extract(e.url, '^[a-z]+://([^/]+)', 1), e.doc_source)"),
        _clean("coalesce(e.url, e.doc_source)"),
        "dense_rank() OVER (PARTITION BY e.doc_id ORDER BY e.span_start)",
        offset("source"), offset("target"), "e.trigger_start", "1",
        "greatest(10, least(100, round(e.confidence * 100)))::INTEGER", "e.doc_len", "NULL", "NULL", "NULL",
    ]
    select = ",\n       ".join(f'{expr} AS "{name}"' for expr, name in zip(columns, GDELT_MENTION_COLUMNS))
    return f"""{_gdelt_stories(background)}
SELECT {select}
FROM s JOIN members e USING (story_id)
ORDER BY "GlobalEventID", "MentionTimeDate", "MentionIdentifier", "ActionCharOffset"
"""


def gdelt_query(background: str = "include") -> str:
    """The SELECT producing GDELT's 61 columns from the stories of occurred events (tables `codes`, `geo`); with
    `background`, of the events told as history too, only or not."""
    action_geo = ["g.geo_type", _clean("e.location_name"), "cl.fips",
                  "CASE WHEN g.geo_type = 1 THEN cl.fips END", "NULL",
                  "e.location_lat", "e.location_lon", "CASE WHEN g.geo_type = 1 THEN cl.fips END"]
    columns = [
        _GLOBAL_EVENT_ID,
        "strftime(s.day, '%Y%m%d')", "strftime(s.day, '%Y%m')", "year(s.day)",
        "round(year(s.day) + (dayofyear(s.day) - 1) / 365.0, 4)",
        *_actor_columns("source", 1), *_actor_columns("target", 2),
        "CASE WHEN s.is_root THEN 1 ELSE 0 END", "e.code", "substr(e.code, 1, 3)", "e.root", "e.quad_class",
        "e.goldstein", "s.num_mentions", "s.num_sources", "s.num_articles", "NULL",
        *_actor_geo(1), *_actor_geo(2), *action_geo,
        "strftime(s.added, '%Y%m%d%H%M%S')", _clean("coalesce(e.url, e.doc_source)"),
    ]
    select = ",\n       ".join(f'{expr} AS "{name}"' for expr, name in zip(columns, GDELT_COLUMNS))
    return f"""{_gdelt_stories(background)}
SELECT {select}
FROM s JOIN members e ON e.event_id = s.first_event
LEFT JOIN codes c1 ON c1.iso3 = e.source_country
LEFT JOIN codes c2 ON c2.iso3 = e.target_country
LEFT JOIN codes cl ON cl.iso3 = e.location_country
LEFT JOIN geo g ON g.name = e.location_name AND g.country IS NOT DISTINCT FROM e.location_country
ORDER BY s.day, "GlobalEventID"
"""


def _literal(path: str) -> str:
    return "'" + path.replace("'", "''") + "'"


def _columns(con, table: str, fmt: str) -> str:
    """The select list of a table: nested columns (lists, structs) as JSON text for csv, which has no nesting."""
    if fmt != "csv":
        return "*"
    described = con.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()
    out = []
    for name, kind, *_ in described:
        quoted = '"' + name.replace('"', '""') + '"'
        nested = kind.endswith("]") or kind.startswith(("STRUCT", "MAP", "UNION"))
        out.append(f"to_json({quoted})::VARCHAR AS {quoted}" if nested else quoted)
    return ", ".join(out)


def _table_query(con, table: str, fmt: str, background: str) -> str:
    """The SELECT of a table's rows for parquet, csv or jsonl, keeping the events or stories `background` asks for."""
    columns = _columns(con, table, fmt)
    if table == "events":
        return f"SELECT {columns} FROM events e WHERE {background_clause(background)}"
    if table == "stories":
        return f"SELECT {columns} FROM stories s WHERE {background_clause(background, STORY_IS_BACKGROUND)}"
    if table == "mentions":
        return (f"SELECT {columns} FROM mentions WHERE event_id IN "
                f"(SELECT e.event_id FROM events e WHERE {background_clause(background)})")
    return f"SELECT {columns} FROM {table}"


def export(db: EventDB | str | Path, out: str | Path, fmt: str = "parquet", *, table: str = "events",
           background: str = "include") -> int:
    """Write a table of the database to a file; return the number of rows written.

    Args:
        db: an open EventDB or a database path.
        out: the output file ("-" for stdout, not for parquet).
        fmt: parquet, csv (with a header), jsonl (one JSON object per line), gdelt, or polecat (one PLOVER
            record per event, whatever the table).
        table: events, stories, documents, commitments, runs or mentions; with gdelt, `mentions` writes GDELT's
            mentions table (one row per report of an exported event) and any other table its event table.
        background: the events told as history (`Event.background`): include them (the default: a full export),
            only them or exclude them; of the events, stories (a story is background when all its events are) and
            mentions tables, and of the gdelt and polecat formats. A commitment is never background.

    Raises:
        ValueError: an unknown format, table or background, or a background filter of a table without events.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if background not in BACKGROUND:
        raise ValueError(f"unknown background {background!r}; choose one of {', '.join(BACKGROUND)}")
    if background != "include" and table not in EVENT_TABLES and fmt not in ("gdelt", "polecat"):
        raise ValueError(f"background={background} filters events: use it with the tables "
                         f"{', '.join(EVENT_TABLES)}, not {table}")
    if str(out) == "-":
        if fmt == "parquet":
            raise ValueError("parquet cannot be written to stdout; give a file name")
        out = "/dev/stdout"
    owned = not isinstance(db, EventDB)
    database = EventDB(db) if owned else db
    try:
        con = database.store.con
        if fmt == "gdelt" and table == "mentions":
            query = gdelt_mentions_query(background)
            options = "FORMAT csv, DELIMITER '\t', HEADER false, QUOTE ''"
        elif fmt == "gdelt":
            con.register("codes", _code_table(database))
            con.register("geo", _geo_table(database))
            query = gdelt_query(background)
            options = "FORMAT csv, DELIMITER '\t', HEADER false, QUOTE ''"
        elif fmt == "polecat":
            query = polecat_query(background_clause(background))
            options = "FORMAT json"
        else:
            query = _table_query(con, table, fmt, background)
            options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true",
                       "jsonl": "FORMAT json"}[fmt]
        try:
            rows = con.execute(f"COPY ({query}) TO {_literal(str(out))} ({options})").fetchone()
        except duckdb.IOException as exc:
            if "broken pipe" in str(exc).lower():
                raise BrokenPipeError(32, "Broken pipe") from None
            raise StoreError(f"cannot write {out}: {str(exc).splitlines()[0]}") from None
        return int(rows[0]) if rows else 0
    finally:
        if owned:
            database.close()
