"""What the JSON API and the pages both read: the app's database reader, the overview, the actor list, dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request

from ..sources import PUBLISHED_YEARS

from . import queries
from .queries import BadParameter, make_filter
from .responses import records


def reader_of(request: Request):
    """The database reader the app was started with."""
    return request.app.state.reader


def overview_data(request: Request, top: int = 10, background: str | None = None) -> dict[str, Any]:
    """What the overview shows (shared with the overview page); `background` as in `EventFilter`."""
    reader = reader_of(request)
    occurred = make_filter(status=["occurred"], background=background)

    def compute(db):
        return {"counts": db.counts(), "dates": queries.date_range(db.store.con),
                "top_dyads": queries.pairs(db.store.con, occurred, limit=100),
                "months": queries.timeline(db.store.con, occurred)}

    data = dict(reader.cached(f"overview:{occurred.background or ''}", compute))
    data["top_dyads"] = data["top_dyads"][:top]
    return data


def actor_list(request: Request, q: str | None = None) -> list[dict[str, Any]]:
    """Actors (cached for the app's life), optionally those whose key or name starts with `q`."""
    rows = reader_of(request).cached("actors", lambda db: records(db.actors()))
    q = (q or "").strip().lower()
    if not q:
        return rows
    return [row for row in rows if str(row["actor"]).lower().startswith(q)
            or any(word.startswith(q) for word in str(row.get("name") or "").lower().split())
            or str(row.get("name") or "").lower().startswith(q)]


def published_date(value: str | None) -> str | None:
    """A publication date from a request as YYYY-MM-DD, None when empty.

    Raises:
        BadParameter: the value is not a date.
    """
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadParameter(f"published must be a date YYYY-MM-DD, got {value!r}") from None
    if day.year not in PUBLISHED_YEARS:
        raise BadParameter(f"published must be a date from {PUBLISHED_YEARS[0]} to {PUBLISHED_YEARS[-1]}, "
                           f"got {value!r}")
    return day.isoformat()
