"""The server-rendered pages: overview, events, stories, dyad timeline, network, map, documents, commitments, coding,
API docs.

Every filter is a URL query parameter, so a page's address can be shared. Charts and the map are drawn by
static/charts.js (Observable Plot, vendored) from JSON embedded in the page; every page also shows its figures as a table.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..model import STATUSES
from ..ontology import load_ontology
from ..store.commitments import STATES
from ..store.query import BACKGROUND
from . import geo, queries
from .data import actor_list, overview_data, published_date
from .event_list import events_list
from .highlight import segments
from .responses import records
from .saving import check_writes_allowed, save_article
from .queries import BadParameter, make_filter

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
SHADES = ("events", "goldstein")  # what colours the countries of the map
QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    context = {"page": name.removesuffix(".html"), "statuses": STATUSES, "backgrounds": BACKGROUND,
               "quad_labels": QUAD_LABELS, **context}
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def _offset(value: str | None) -> int:
    value = (value or "").strip()
    if not value:
        return 0
    if not value.isdigit() or len(value) > 9:
        raise BadParameter(f"offset must be a whole number from 0, got {value!r}")
    return int(value)


def _status(value: str | None, default: str | None = "occurred") -> tuple[str, ...]:
    if value is None:
        return (default,) if default else ()
    return (value,) if value.strip() else ()


def _pager(request: Request, total: int, offset: int, *, approximate: bool = False, shown: int | None = None
           ) -> dict[str, Any]:
    """The pager of a list: its position, links to the pages either side; with `approximate`, the total is an
    estimate and the next page is there when this one (`shown` rows) is full."""
    size = PAGE_SIZE
    params = {k: v for k, v in request.query_params.multi_items() if k != "offset"}

    def link(at: int) -> str:
        return "?" + urlencode([*params.items(), ("offset", at)])

    more = shown == size if approximate else offset + size < total
    return {"total": total, "approximate": approximate, "first": offset + 1 if total else 0,
            "last": offset + (shown or 0) if approximate else min(offset + size, total),
            "prev": link(max(offset - size, 0)) if offset > 0 else None,
            "next": link(offset + size) if more else None}


def _actor_options(request: Request) -> list[dict[str, Any]]:
    return actor_list(request)[:1000]


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request, background: str = ""):
    data = overview_data(request, top=15, background=background)
    return _render(request, "overview.html", {"data": data, "title": "Overview"})


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request, a: str = "", b: str = "", since: str = "", until: str = "",
              status: str | None = None, background: str = "", offset: str = ""):
    statuses = _status(status)
    # One actor alone (a link from the network) just fills in the form.
    f = make_filter(actor=a if not b.strip() else None, dyad=(a, b) if a.strip() and b.strip() else None,
                    status=statuses, since=since, until=until, background=background)
    shown = f.dyad or ((f.actor, "") if f.actor else ("", ""))  # names typed ("Japan") shown as their codes
    context: dict[str, Any] = {"title": "Dyad", "a": shown[0], "b": shown[1],
                               "since": since, "until": until, "status": statuses[0] if statuses else "",
                               "background": f.background or "",
                               "actors": _actor_options(request), "months": None, "events": []}
    if f.dyad:
        at = _offset(offset)
        with request.app.state.reader.db() as db:
            try:
                queries.check_actors(db.store.con, f)
            except queries.UnknownActor as unknown:
                context["unknown"] = {"typed": unknown.typed, "suggestions": [
                    {"text": str(s), "href": "?" + urlencode([
                        ("a", s.key if shown[0] == unknown.typed else shown[0]),
                        ("b", s.key if shown[1] == unknown.typed else shown[1]),
                        *[(k, v) for k, v in request.query_params.multi_items()
                          if k in ("since", "until", "status", "background")]])}
                    for s in unknown.suggestions]}
                return _render(request, "dyad.html", context, status_code=404)
            context["months"] = queries.timeline(db.store.con, f)
            listed = events_list(db.store.con, f, limit=PAGE_SIZE, offset=at)
            context["events"] = listed.rows
            context["names"] = queries.actor_names(db.store.con, list(f.dyad))
        context["pager"] = _pager(request, listed.total, at)
        context["title"] = f"{f.dyad[0]} – {f.dyad[1]}"
    return _render(request, "dyad.html", context)


#: The choices of the lists' Sort menus: value of `sort=` → label.
EVENT_SORT_CHOICES = (("", "date"), ("-date", "newest first"), ("-published", "published, newest first"),
                      ("goldstein", "Goldstein, most conflictual"), ("-goldstein", "Goldstein, most cooperative"),
                      ("-confidence", "most confident"), ("code", "CAMEO code"), ("source", "source"))
STORY_SORT_CHOICES = (("", "date"), ("-date", "newest first"), ("-mentions", "most mentions"),
                      ("-articles", "most articles"), ("-sources", "most sources"),
                      ("goldstein", "Goldstein, most conflictual"), ("-goldstein", "Goldstein, most cooperative"),
                      ("-published", "last reported"))
#: Facets whose values link to the list filtered by them: facet → the parameter it sets.
FACET_FILTERS = {"root": "root", "status": "status", "actor": "actor", "source": "actor", "target": "actor"}


def _facet_links(request: Request, path: str, counts: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict]]:
    """The facet counts, each value with the address of the list filtered by it (where a filter exists)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    out = {}
    for name, values in counts.items():
        rows = []
        for value in values:
            row = dict(value)
            if name in FACET_FILTERS:
                key = FACET_FILTERS[name]
                row["href"] = path + "?" + urlencode([(k, v) for k, v in params if k != key]
                                                     + [(key, value["value"])])
            elif name == "month":
                row["href"] = path + "?" + urlencode([(k, v) for k, v in params if k not in ("since", "until")]
                                                     + [("since", value["value"]), ("until", value["value"])])
            rows.append(row)
        out[name] = rows
    return out


def _list_query(f: queries.EventFilter, sort: str) -> str:
    return urlencode([(k, v) for k, v in f.as_query().items() if not isinstance(v, list)]
                     + [("root", r) for r in f.roots] + [("status", s) for s in f.statuses]
                     + ([("sort", sort)] if sort else []))


def _list_request(q: str, actor: str, root: str, status: str | None, since: str, until: str, sort: str,
                  offset: str, sorts, background: str = "") -> tuple:
    """A list page's parameters read and checked: (statuses, filter, sort key, offset)."""
    statuses = _status(status, default=None)
    f = make_filter(actor=actor, root=[root] if root.strip() else (), status=statuses, since=since, until=until,
                    text=q, background=background)
    sort = sort.strip()
    queries.check_sort(sort, sorts)
    return statuses, f, sort, _offset(offset)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, q: str = "", actor: str = "", root: str = "", status: str | None = None,
                since: str = "", until: str = "", background: str = "", sort: str = "", offset: str = ""):
    """Events with full-text search, facets with counts, sorting, paging and downloads of the filtered view."""
    statuses, f, sort, at = _list_request(q, actor, root, status, since, until, sort, offset, queries.EVENT_SORTS,
                                          background)
    with request.app.state.reader.db() as db:
        listed = events_list(db.store.con, f, limit=PAGE_SIZE, offset=at, sort=sort)
        counts = queries.facets(db.store.con, f, matching=listed.total, estimated=listed.approximate)
    return _render(request, "events.html", {
        "title": "Events", "q": q, "actor": f.actor or "", "root": root, "since": since, "until": until,
        "status": statuses[0] if statuses else "", "background": f.background or "", "events": listed.rows,
        "facets": _facet_links(request, "/events", counts.values), "facets_approximate": counts.approximate,
        "sort": sort, "sorts": EVENT_SORT_CHOICES,
        "pager": _pager(request, listed.total, at, approximate=listed.approximate, shown=len(listed.rows)),
        "download": "/api/events?" + _list_query(f, sort)})


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, q: str = "", actor: str = "", root: str = "", status: str | None = None,
                 since: str = "", until: str = "", background: str = "", sort: str = "", offset: str = ""):
    """Stories (deduplicated events) with full-text search of their reports, facets, sorting, paging and
    downloads of the filtered view."""
    statuses, f, sort, at = _list_request(q, actor, root, status, since, until, sort, offset, queries.STORY_SORTS,
                                          background)
    with request.app.state.reader.db() as db:
        total, rows = queries.stories_page(db.store.con, f, limit=PAGE_SIZE, offset=at, sort=sort)
        counts = queries.story_facets(db.store.con, f, names=("root", "status", "source", "target", "month"),
                                      matching=total)
    return _render(request, "stories.html", {
        "title": "Stories", "q": q, "actor": f.actor or "", "root": root, "since": since, "until": until,
        "status": statuses[0] if statuses else "", "background": f.background or "", "stories": rows,
        "facets": _facet_links(request, "/stories", counts.values), "facets_approximate": counts.approximate,
        "sort": sort, "sorts": STORY_SORT_CHOICES,
        "labels": _code_labels(), "pager": _pager(request, total, at),
        "download": "/api/stories?" + _list_query(f, sort)})


@functools.lru_cache(maxsize=1)
def _code_labels() -> dict[str, str]:
    return {c.code: c.label for c in load_ontology()}


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, since: str = "", until: str = "", status: str | None = None,
                 background: str = "", min_events: str = "1"):
    statuses = _status(status)
    f = make_filter(status=statuses, since=since, until=until, background=background)
    minimum = _offset(min_events) or 1
    with request.app.state.reader.db() as db:
        data = queries.network(db.store.con, f, limit=150, min_events=minimum)
    return _render(request, "network.html", {"title": "Network", "data": data, "since": since, "until": until,
                                             "status": statuses[0] if statuses else "",
                                             "background": f.background or "", "min_events": minimum})


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, since: str = "", until: str = "", actor: str = "", status: str | None = None,
             background: str = "", shade: str = "events"):
    statuses = _status(status, default=None)
    shade = shade.strip() or "events"
    if shade not in SHADES:
        raise BadParameter(f"shade must be one of {', '.join(SHADES)}, got {shade!r}")
    f = make_filter(actor=actor, status=statuses, since=since, until=until, background=background)
    with request.app.state.reader.db() as db:
        places = queries.locations(db.store.con, f, limit=1000)
        countries = geo.country_totals(db.store.con, f)
    return _render(request, "map.html", {"title": "Map",
                                         "data": {"places": places, "countries": countries, "shade": shade},
                                         "since": since, "until": until, "actor": actor, "shade": shade,
                                         "shades": SHADES, "status": statuses[0] if statuses else "",
                                         "background": f.background or ""})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, status: str = "", offset: str = ""):
    status = status.strip()
    if status and status not in ("coded", "rejected", "failed"):
        raise BadParameter(f"status must be coded, rejected or failed, got {status!r}")
    at = _offset(offset)
    with request.app.state.reader.db() as db:
        total, rows = queries.documents_page(db.store.con, status=status or None, limit=PAGE_SIZE, offset=at)
    return _render(request, "documents.html", {"title": "Documents", "documents": rows, "status": status,
                                               "pager": _pager(request, total, at)})


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, event: str = ""):
    if len(doc_id) > 200:
        raise BadParameter("a document id is at most 200 characters")
    with request.app.state.reader.db() as db:
        record = db.document(doc_id)
    events = records(record.pop("events"))
    selected = next((e for e in events if e["event_id"] == event), None) if event else None
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    return _render(request, "document.html", {
        "title": record.get("title") or record["doc_id"], "doc": record, "events": events, "selected": selected,
        "segments": segments(text, events, selected["event_id"] if selected else None), "link": "document",
        "safe_url": _safe_url(record.get("url"))})


def _safe_url(url: Any) -> str | None:
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


@router.get("/commitments", response_class=HTMLResponse)
def commitments_page(request: Request, state: str = "", actor: str = "", offset: str = ""):
    state = state.strip()
    if state and state not in STATES:
        raise BadParameter(f"state must be one of {', '.join(STATES)}, got {state!r}")
    f = make_filter(actor=actor)
    at = _offset(offset)
    with request.app.state.reader.db() as db:
        queries.check_actors(db.store.con, f)
        # The counts are of every state, so that a filter does not read "fulfilled 0 · pending 0".
        counts = db.commitment_states(actor=f.actor)
        frame = db.commitments(state=state or None, actor=f.actor, limit=PAGE_SIZE, offset=at)
    total = counts.get(state, 0) if state else sum(counts.values())
    return _render(request, "commitments.html", {
        "title": "Commitments", "rows": records(frame), "state": state, "actor": actor,
        "states": STATES, "counts": counts, "pager": _pager(request, total, at)})


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request):
    return _render(request, "code.html", {"title": "Code an article", "text": "", "published": "", "article": None,
                                          "max_bytes": request.app.state.max_code_bytes,
                                          "allow_writes": request.app.state.allow_writes})


@router.post("/code", response_class=HTMLResponse)
async def code_submit(request: Request):
    body = (await request.body()).decode("utf-8", "replace")
    try:
        form = parse_qs(body, keep_blank_values=True, max_num_fields=10)
    except ValueError:
        raise StarletteHTTPException(413, "too many form fields; the form has three: text, published and save") from None
    text = (form.get("text") or [""])[0]
    save = (form.get("save") or [""])[0] == "1"
    published_raw = (form.get("published") or [""])[0].strip()
    context = {"title": "Code an article", "text": text, "published": published_raw, "article": None,
               "max_bytes": request.app.state.max_code_bytes, "allow_writes": request.app.state.allow_writes}
    if not text.strip():
        context["error"] = "paste the text of an article first"
        return _render(request, "code.html", context, status_code=422)
    published = published_date(published_raw)
    if save:
        check_writes_allowed(request)  # before the coding
    article = await request.app.state.runner.code(text, published)
    if save:
        context["saved"] = await save_article(request, article)
    result = article.as_dict()
    # the flat shape of a database row (Event.as_row), for the templates shared with stored documents
    events = [{**event.as_dict(), **event.as_row(article.document.published)} for event in article.events]
    context.update(article=result, events=events, link="anchor",
                   segments=segments(result.get("text") or "", events))
    return _render(request, "code.html", context)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _type(p.get("schema", {})), "description": p.get("description") or
                       p.get("schema", {}).get("description", "")} for p in op.get("parameters", [])]
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "description": op.get("description", ""), "parameters": params,
                               "body": "requestBody" in op})
    return _render(request, "api_docs.html", {"title": "API", "operations": operations, "schema": schema})


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    out = schema.get("type", "")
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema]
    if "pattern" in schema:
        bounds.append(f"pattern {schema['pattern']}")
    return out + (f" ({', '.join(bounds)})" if bounds else "")
