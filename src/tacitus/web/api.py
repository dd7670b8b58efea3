"""The JSON API under /api: events, dyads, timelines, actors, network, places, documents, commitments, coding.

Lists come in pages: `limit` (1–500) rows from `offset`, with `total` and the `next_offset` (null on the last page).
Bad parameters get 422 with a message in `detail`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from ..version import __version__
from ..store.commitments import STATES
from . import queries
from .download import download_response
from .event_list import events_list
from .data import actor_list, overview_data, published_date, reader_of
from .dates import DATE_PATTERN, PERIOD_PATTERN
from .responses import JSON, records
from .saving import check_writes_allowed, save_article
from .queries import (
    CODE_PATTERN,
    ROOT_PATTERN,
    TYPED_ACTOR_PATTERN,
    TYPED_DYAD_PATTERN,
    BadParameter,
    EventFilter,
    make_filter,
)


class Problem(BaseModel):
    """Why a request was refused."""

    detail: str = Field(description="what is wrong, in one sentence")


router = APIRouter(prefix="/api", tags=["api"], responses={
    404: {"model": Problem, "description": "a thing named is not there: an actor in `actor` or `dyad` that is no known "
          "name or code and no actor of the database (`detail` suggests the nearest names), or a document"},
    422: {"model": Problem, "description": "a parameter or the body is invalid; `detail` says which and why"},
    500: {"model": Problem, "description": "an unexpected error (the server log has the details)"}})

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
Status = Literal["occurred", "planned", "requested", "hypothetical", "negated"]
State = Literal[STATES]  # the commitments' states, as the store names them (unknown among them)
Background = Annotated[Literal["include", "only", "exclude"] | None, Query(description=(
    "events told as history (dated weeks before their article, `background`): include, only or exclude them; "
    "by default excluded when since or until is given, else included (stories: excluded), as in the CLI"))]


# -- documented shapes -----------------------------------------------------------------------------------------
class Page(BaseModel):
    """One page of a list."""

    total: int = Field(description="rows matching, over all pages (an estimate when `approximate`)")
    approximate: bool = Field(default=False, description="true when `total` is an estimate: a search of common "
                              "words counts the matches among the first events in list order and scales up")
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page; null on the last one")
    items: list[dict[str, Any]]


class FacetValue(BaseModel):
    value: str | int | float | bool
    count: int


class FacetedPage(Page):
    """One page of a list, with the counts of the facets asked for (`facets=`) over all matching rows."""

    facets: dict[str, list[FacetValue]] | None = Field(
        default=None, description="for each facet asked for, its most frequent values (months and years: the "
                                  "latest) with their counts over every matching row (estimates when "
                                  "`facets_approximate`)")
    facets_approximate: bool = Field(
        default=False, description=f"true when the facet counts are estimates: more than "
                                   f"{queries.FACET_EXACT_ROWS:,} rows match, so they are counted on a sample of "
                                   f"about {queries.FACET_SAMPLE_ROWS:,} of them and scaled up")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str
    documents: int
    events: int


class Overview(BaseModel):
    counts: dict[str, int]
    dates: dict[str, str | None]
    top_dyads: list[dict[str, Any]]
    months: list[dict[str, Any]]


class Timeline(BaseModel):
    by: Literal["month", "year"]
    items: list[dict[str, Any]]


class Network(BaseModel):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class Items(BaseModel):
    items: list[dict[str, Any]]


class CodeRequest(BaseModel):
    """A pasted article to code (it is not stored)."""

    text: str = Field(min_length=1, description="the article: plain text or a scraped page")
    published: str | None = Field(default=None, pattern=DATE_PATTERN,
                                  description="publication date, YYYY-MM-DD (a day that exists); dates in the "
                                              "text resolve against it")
    save: bool = Field(default=False, strict=True,  # true or false: 0, 1 and "yes" are refused, as the schema says
                       description="also store the article in the database (only on a server started with "
                                   "--allow-writes; 403 otherwise)")


# -- parameters ------------------------------------------------------------------------------------------------
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page (1–{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Actor = Annotated[str | None, Query(pattern=TYPED_ACTOR_PATTERN, description="either side is this actor: a key "
                                    "(JPN, IGOUNO), an actor-code prefix (JPNGOV) or a name (Japan, United States)")]
Dyad = Annotated[str | None, Query(pattern=TYPED_DYAD_PATTERN, description="events between A and B, e.g. JPN:RUS or "
                                   "Japan:South Korea")]
_PERIOD_HELP = ("YYYY, YYYY-MM or YYYY-MM-DD (a month or day that exists, years 1000–2999; since after until "
                "matches nothing)")
Since = Annotated[str | None, Query(pattern=PERIOD_PATTERN, description=f"from {_PERIOD_HELP}")]
Until = Annotated[str | None, Query(pattern=PERIOD_PATTERN, description=f"to {_PERIOD_HELP}, inclusive")]
Text = Annotated[str | None, Query(max_length=200, pattern=r"[^\W_]", description="words in the sentence or the title: all of them, "
                                   "whole words, any case; \"a phrase\" in quotes; negotiat* for a prefix")]
def _facet_list(names) -> str:
    """The pattern of a comma-separated list of these facet names (the schema then admits only what is served)."""
    one = "(" + "|".join(names) + ")"
    return f"^{one}(,{one})*$"


EventSort = Literal[queries.sort_values(queries.EVENT_SORTS)]  # type: ignore[valid-type]
StorySort = Literal[queries.sort_values(queries.STORY_SORTS)]  # type: ignore[valid-type]
EventFacets = Annotated[str | None, Query(pattern=_facet_list(queries.FACETS), max_length=200, description=(
    "facets to count, comma-separated, from " + ", ".join(queries.FACETS)))]
StoryFacets = Annotated[str | None, Query(pattern=_facet_list(queries.STORY_FACETS), max_length=200, description=(
    "facets to count, comma-separated, from " + ", ".join(queries.STORY_FACETS)))]


def filters(actor: Actor = None, dyad: Dyad = None,
            directed: Annotated[bool, Query(description="with dyad: only events from A to B")] = False,
            root: Annotated[list[Annotated[str, Query(pattern=ROOT_PATTERN)]] | None,
                            Query(description="CAMEO root code(s), e.g. 04 (repeatable)")] = None,
            status: Annotated[list[Status] | None, Query(description="event status (repeatable)")] = None,
            since: Since = None, until: Until = None, background: Background = None) -> EventFilter:
    """The filters `tacitus events` has, as query parameters."""
    return make_filter(actor=actor, dyad=dyad, directed=directed, root=root or (), status=status or (),
                       since=since, until=until, background=background)


Filters = Annotated[EventFilter, Depends(filters)]


def _page(total: int, items: list[dict[str, Any]], limit: int, offset: int, *, approximate: bool = False
          ) -> dict[str, Any]:
    more = len(items) == limit if approximate else offset + limit < total
    return {"total": total, "approximate": approximate, "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None, "items": items}


def _faceted(page: dict[str, Any], counts: dict[str, Any] | None, *, approximate: bool = False) -> dict[str, Any]:
    if counts is not None:
        page["facets"] = counts
        page["facets_approximate"] = approximate
    return page


# -- routes ----------------------------------------------------------------------------------------------------
@router.get("/health", response_model=None, responses={200: {"model": Health}}, summary="Health check")
def health(request: Request) -> JSON:
    """The server is up and its database readable: version, database file name and sizes."""
    reader = reader_of(request)
    counts = reader.cached("counts", lambda db: db.counts())
    return JSON({"status": "ok", "version": __version__, "database": reader.path.name,
                 "documents": counts.get("documents", 0), "events": counts.get("events", 0)})


@router.get("/overview", response_model=None, responses={200: {"model": Overview}}, summary="Corpus overview")
def overview(request: Request, top: Annotated[int, Query(ge=1, le=100)] = 10, background: Background = None) -> JSON:
    """Corpus size, date range, the busiest dyads and events per month by QuadClass (events that occurred; those
    told as history as `background` says)."""
    return JSON(overview_data(request, top, background))


@router.get("/events", response_model=None, summary="Events", responses={200: {
    "model": FacetedPage, "description": "a page of events; with `format`, a download of all of them",
    "content": {"text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}},
                "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}}}})
def events(request: Request, f: Filters,
           code: Annotated[str | None, Query(pattern=CODE_PATTERN, description="CAMEO code or prefix, e.g. 042")]
           = None,
           text: Text = None,
           doc_id: Annotated[str | None, Query(max_length=200, description="events of one document")] = None,
           sort: Annotated[EventSort | None, Query(description="order by this key (- before it: descending); "
                                                   "default: date")] = None,
           facets: EventFacets = None,
           limit: Limit = 100, offset: Offset = 0,
           format: Annotated[Literal["csv", "jsonl", "parquet"] | None,
                             Query(description="download every matching event (not a page) as a file, streamed")]
           = None) -> JSON | StreamingResponse:
    """Coded events (one per report in an article), in date order (or `sort`'s), with the same filters as
    `tacitus events`, a full-text search (`text`) and facet counts (`facets`); with `format`, all of them as a
    CSV, JSON-lines or Parquet download."""
    extra = make_filter(code=code, text=text, doc_id=doc_id)
    f = replace(f, code=extra.code, text=extra.text, doc_id=extra.doc_id)
    names = queries.facet_names(facets, queries.FACETS)
    if format is not None:
        return download_response(reader_of(request).db, f, format, sort)
    with reader_of(request).db() as db:
        listed = events_list(db.store.con, f, limit=limit, offset=offset, sort=sort)
        counts = queries.facets(db.store.con, f, names=names, matching=listed.total,
                                estimated=listed.approximate) if names else None
    page = _page(listed.total, listed.rows, limit, offset, approximate=listed.approximate)
    return JSON(_faceted(page, counts.values if counts else None, approximate=bool(counts and counts.approximate)))


@router.get("/stories", response_model=None, summary="Stories", responses={200: {
    "model": FacetedPage, "description": "a page of stories; with `format`, a download of all of them",
    "content": {"text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}},
                "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}}}})
def stories(request: Request, f: Filters, text: Text = None,
            sort: Annotated[StorySort | None, Query(description="order by this key (- before it: descending); "
                                                    "default: date")] = None,
            facets: StoryFacets = None, limit: Limit = 100, offset: Offset = 0,
            format: Annotated[Literal["csv", "jsonl", "parquet"] | None,
                              Query(description="download every matching story (not a page) as a file, streamed")]
            = None) -> JSON | StreamingResponse:
    """Stories — deduplicated events, one per real-world event — with their numbers of mentions, articles and
    sources and the evidence of every mention; the filters of `tacitus stories`, a full-text search of the
    mentions' sentences and titles (`text`), sorting and facet counts; with `format`, all of them as a download."""
    f = replace(f, text=make_filter(text=text).text)
    names = queries.facet_names(facets, queries.STORY_FACETS)
    if format is not None:
        return download_response(reader_of(request).db, f, format, sort, table="stories")
    with reader_of(request).db() as db:
        total, items = queries.stories_page(db.store.con, f, limit=limit, offset=offset, sort=sort)
        counts = queries.story_facets(db.store.con, f, names=names, matching=total) if names else None
    return JSON(_faceted(_page(total, items, limit, offset), counts.values if counts else None,
                         approximate=bool(counts and counts.approximate)))


@router.get("/dyads", response_model=None, responses={200: {"model": Page}}, summary="Dyads per month")
def dyads(request: Request, f: Filters,
          by: Annotated[Literal["month", "year"], Query(description="period")] = "month",
          limit: Limit = 100, offset: Offset = 0) -> JSON:
    """Events per directed dyad and month (or year): counts of events and stories, mean Goldstein score and the
    QuadClass mix. Only events with a target; only events that occurred unless `status` says otherwise."""
    with reader_of(request).db() as db:
        queries.check_actors(db.store.con, f)
        frame = db.dyads(actor=f.actor, dyad=f.dyad, directed=f.directed, root=list(f.roots) or None,
                         status=list(f.statuses) or "occurred", since=f.since, until=f.until, by=by,
                         background=f.background)
    return JSON(_page(len(frame), records(frame.iloc[offset:offset + limit]), limit, offset))


@router.get("/timeline", response_model=None, responses={200: {"model": Timeline}}, summary="Timeline")
def timeline(request: Request, f: Filters,
             by: Annotated[Literal["month", "year"], Query(description="period")] = "month") -> JSON:
    """Events per month (or year) by QuadClass with the mean Goldstein score, both directions of a dyad
    together; only events that occurred unless `status` says otherwise."""
    if not f.statuses:
        f = replace(f, statuses=("occurred",))
    with reader_of(request).db() as db:
        items = queries.timeline(db.store.con, f, by=by)
    return JSON({"by": by, "items": items})


@router.get("/actors", response_model=None, responses={200: {"model": Page}}, summary="Actors")
def actors(request: Request,
           q: Annotated[str | None, Query(max_length=100, description="key or name starts with (type-ahead)")]
           = None,
           limit: Limit = 100, offset: Offset = 0) -> JSON:
    """Actor keys with their usual name, codes, events as source and target, first and last dates; most active
    first."""
    items = actor_list(request, q)
    return JSON(_page(len(items), items[offset:offset + limit], limit, offset))


@router.get("/network", response_model=None, responses={200: {"model": Network}}, summary="Actor network")
def network(request: Request, f: Filters,
            min_events: Annotated[int, Query(ge=1, le=1_000_000, description="edges with at least this many")] = 1,
            limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="at most this many edges")] = 150) -> JSON:
    """Actors and the undirected dyads between them, busiest first: events, mean Goldstein, QuadClass mix."""
    if not f.statuses:
        f = replace(f, statuses=("occurred",))
    with reader_of(request).db() as db:
        return JSON(queries.network(db.store.con, f, limit=limit, min_events=min_events))


@router.get("/locations", response_model=None, responses={200: {"model": Items}}, summary="Event places")
def locations(request: Request, f: Filters,
              limit: Annotated[int, Query(ge=1, le=2000, description="at most this many places")] = 500) -> JSON:
    """Places where events happened, with coordinates, numbers of events and mean Goldstein score."""
    with reader_of(request).db() as db:
        return JSON({"items": queries.locations(db.store.con, f, limit=limit)})


@router.get("/documents", response_model=None, responses={200: {"model": Page}}, summary="Documents")
def documents(request: Request,
              status: Annotated[Literal["coded", "rejected", "failed"] | None, Query()] = None,
              limit: Limit = 100, offset: Offset = 0) -> JSON:
    """Documents, newest first, with their outcome (coded, rejected, failed) and number of events."""
    with reader_of(request).db() as db:
        total, items = queries.documents_page(db.store.con, status=status, limit=limit, offset=offset)
    return JSON(_page(total, items, limit, offset))


@router.get("/documents/{doc_id:path}", response_model=None, summary="One document",
            responses={404: {"model": Problem,
                             "description": "no document has this id (or the prefix is ambiguous)"}})
def document(request: Request,
             doc_id: Annotated[str, Path(min_length=1, max_length=200, description="a document id or its start")]
             ) -> JSON:
    """One document: metadata, the cleaned text, and its events with character offsets into that text
    (`span_start`/`span_end` for the evidence sentence, `trigger_start`/`trigger_end` for the trigger)."""
    with reader_of(request).db() as db:
        record = db.document(doc_id)
    events_frame = record.pop("events")
    out = {k: v for k, v in record.items()}
    out["events"] = records(events_frame)
    return JSON(out)


@router.get("/commitments", response_model=None, responses={200: {"model": Page}}, summary="Commitments")
def commitments(request: Request, state: Annotated[State | None, Query()] = None, actor: Actor = None,
                dyad: Dyad = None, limit: Limit = 100, offset: Offset = 0) -> JSON:
    """Planned events and what became of them: fulfilled (with the event that did it), pending, overdue, or
    unknown (overdue with no later article about the dyad)."""
    f = make_filter(actor=actor, dyad=dyad)
    with reader_of(request).db() as db:
        queries.check_actors(db.store.con, f)
        counts = db.commitment_states(actor=f.actor, dyad=f.dyad)
        frame = db.commitments(state=state, actor=f.actor, dyad=f.dyad, limit=limit, offset=offset)
    total = counts.get(state, 0) if state else sum(counts.values())
    return JSON(_page(total, records(frame), limit, offset))


@router.post("/code", response_model=None, summary="Code a pasted article",
             responses={400: {"model": Problem, "description": "the body cannot be read as JSON text"},
                        403: {"model": Problem, "description": "`save` on a server without --allow-writes"},
                        413: {"model": Problem, "description": "the body is larger than the limit"},
                        503: {"model": Problem, "description": "the coder is busy"},
                        504: {"model": Problem, "description": "coding took longer than the timeout"}})
async def code(request: Request, body: CodeRequest) -> JSON:
    """Code an article and return its document and events (with offsets into `text`); stored only with `save`
    on a server started with --allow-writes (`saved` says whether it was)."""
    if body.save:
        check_writes_allowed(request)  # before the coding
    published = published_date(body.published)
    article = await request.app.state.runner.code(body.text, published)
    out = article.as_dict()
    out["saved"] = False
    if body.save:
        await save_article(request, article)
        out["saved"] = True
    return JSON(out)


@router.get("/code/status", response_model=None, summary="The coder's state")
def code_status(request: Request) -> JSON:
    """What the coder is doing: `loading` the model (`seconds` since it started loading), `coding` an article,
    or `ready`; `waiting` articles are queued or coding; `allow_writes` says whether articles can be saved."""
    return JSON({**request.app.state.runner.state(), "allow_writes": request.app.state.allow_writes})
