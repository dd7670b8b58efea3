"""What every Tacitus component shares: its name, the knowledge files it reads, an error handler, to_disk/from_disk.

As spaCy's own components do, a component reports a failure on one Doc to its error handler (by default: raise),
which `nlp.set_error_handler` replaces for the whole pipeline. Its state is the knowledge it was built from:
`to_disk` writes a copy of those files beside the pipeline, `from_disk` reads them back.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

from spacy.tokens import Doc
from spacy.util import raise_error

from ..knowledge_files import DATA_DIR, KnowledgeFiles, load_knowledge_files

ErrorHandler = Callable[[str, Any, list[Doc], Exception], NoReturn]


class Component:
    """A pipeline component built from the knowledge files of a data directory (None: the packaged ones)."""

    def __init__(self, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.data_dir = data_dir
        self._error_handler: ErrorHandler = raise_error
        self.configure(load_knowledge_files(data_dir))

    def configure(self, files: KnowledgeFiles) -> None:
        """Take what the component reads from the knowledge files."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of Docs; a failure on one goes to the error handler."""
        for doc in docs:
            try:
                done = self(doc)
            except Exception as exc:  # noqa: BLE001 - the handler decides (spaCy's convention)
                self._error_handler(self.name, self, [doc], exc)
                continue
            yield done

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        """Call `error_handler(name, component, docs, exception)` when a Doc fails (spaCy's signature)."""
        self._error_handler = error_handler

    def get_error_handler(self) -> ErrorHandler:
        """The function called when a Doc fails."""
        return self._error_handler

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the knowledge files the component was built from to `path`/data."""
        target = Path(path) / "data"
        if target.exists():
            shutil.rmtree(target)
        source = Path(self.data_dir) if self.data_dir is not None else DATA_DIR
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Component:
        """Rebuild the component from the knowledge files that `to_disk` wrote to `path`/data."""
        self.data_dir = str(Path(path) / "data")
        self.configure(load_knowledge_files(self.data_dir))
        return self
