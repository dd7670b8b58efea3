"""Docs are tests: every command is in the README, the README's Python example runs as written."""

import re
from pathlib import Path

import pytest

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_docs_every_command_is_documented():
    from tacitus.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in commands.items():
        assert f"tacitus {name}" in README, f"`tacitus {name}` is not in README.md"
        assert "example" in (sub.epilog or "").lower(), f"`tacitus {name} --help` has no example"


def test_docs_set_up_commands():
    assert "make demo" in README and "make test" in README


@pytest.mark.slow
def test_docs_python_example_runs():
    block = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    code = block.split("article = tacitus.code_file")[0]
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - our own README
    event = namespace["article"].events[0]
    assert (event.source.code, event.code, event.target.code, event.status, event.date.end) == (
        "RUSGOV", "042", "JPN", "planned", "2015-12-31")


def test_docs_data_files_are_listed():
    data = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "data"
    for path in data.rglob("*"):
        if path.suffix in (".tsv", ".yaml"):
            assert path.relative_to(data).as_posix() in README, f"{path.name} is not described in README.md"
