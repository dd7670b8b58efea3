"""Store a pasted article in the server's database: only when `tacitus serve --allow-writes` allows it."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from fastapi import Request

from ..model import Article
from ..store.dedup import refresh_stories
from ..store.ingest import write_articles
from .runner import CodeError


def check_writes_allowed(request: Request) -> None:
    """Refuse (CodeError 403) unless the server was started with `--allow-writes`."""
    if not request.app.state.allow_writes:
        raise CodeError(403, "this server does not write to its database; start it with "
                             "`tacitus serve --allow-writes` to save pasted articles")


async def save_article(request: Request, article: Article) -> str:
    """Write `article` (its document and events) into the database and refresh the stories; returns its id.

    Each pasted article gets a source of its own, so that saving another one does not replace it as an "earlier
    version" of the same input. The write takes the database as `tacitus run` does (see `Reader.write`).

    Raises:
        CodeError: 403 when the server was started without `--allow-writes`.
        StoreError: the database cannot be written.
    """
    check_writes_allowed(request)
    document = replace(article.document, source=f"<pasted {article.document.id}>")
    article = replace(article, document=document)

    def change(store) -> None:
        write_articles(store, [(article, None)])
        refresh_stories(store.con)

    await asyncio.to_thread(request.app.state.reader.write, change)
    return document.id
