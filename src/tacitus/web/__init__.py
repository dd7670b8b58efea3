"""The web explorer and HTTP API of `tacitus serve`: `create_app(db_path)` builds the FastAPI application.

`create_app` is imported on first use, so that the modules the CLI shares with the server (the names typed
where actor codes are expected, the query filters) load without FastAPI.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
