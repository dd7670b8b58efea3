"""The import graph of `tacitus.*`: no cycle, and no module imports one of a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tacitus"

# From the bottom up: a module may import its own layer and those below it, never one above.
LAYERS = [
    ("errors", "version", "model", "scoring", "sources", "sections"),
    ("knowledge", "cities", "regions", "ontology", "lexicon", "modality", "context", "grammar", "outlets", "voices", "when",
     "formats", "clean", "pagemeta", "published", "headline", "detector", "plover_modes"),
    ("knowledge_files",),
    ("components",),
    ("registrations",),
    ("pipeline",),
    ("coder",),
    ("evaluation",),
    ("store",),
    ("web",),
    ("cli", "__main__"),
]


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("tacitus", *path.relative_to(PACKAGE).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The tacitus modules `name` imports, at the top or inside functions."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                prefix = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(prefix + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    if name == "tacitus":
        return len(LAYERS)  # the package's public surface sits on top of everything
    first = name.split(".")[1]
    for number, layer in enumerate(LAYERS):
        if first in layer:
            return number
    raise AssertionError(f"{name}: put it in a layer of tests/test_imports.py")


def test_imports_every_module_has_a_layer():
    for name in MODULES:
        _layer(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_no_upward_import(name):
    upward = sorted(m for m in GRAPH[name] if _layer(m) > _layer(name))
    assert not upward, f"{name} imports {upward}, from a layer above its own"


def test_imports_no_cycle():
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import cycle: " + " → ".join(path[path.index(name):] + [name]))
        if name in done:
            return
        for imported in sorted(GRAPH[name]):
            visit(imported, path + [name])
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, [])


def test_imports_the_walk_sees_relative_imports():
    assert "tacitus.components.candidate" in GRAPH["tacitus.components.roles"]
    assert "tacitus.store.db" in GRAPH["tacitus.store.ingest"]
