"""The web explorer and HTTP API of `tacitus serve`: `create_app(db_path)` builds the FastAPI application."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
