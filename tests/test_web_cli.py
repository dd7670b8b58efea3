"""`tacitus serve`: its help, its warnings and refusals, and a real server on a loopback port that stops by itself."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

pytest.importorskip("uvicorn")
import httpx
from servers import free_port, wait_until_answering
from web_fixtures import build_handmade

from tacitus.cli import build_parser, main
from tacitus.cli import serve as serve_cmd


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return build_handmade(tmp_path_factory.mktemp("cli") / "events.duckdb")


def test_web_cli_help_has_an_example():
    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert "tacitus serve --db" in commands["serve"].epilog


def test_web_cli_defaults_to_loopback():
    args = build_parser().parse_args(["serve", "--db", "x.duckdb"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("127.0.0.2", True),
                                                ("::1", True), ("[::1]", True), ("0.0.0.0", False),
                                                ("192.168.1.5", False), ("example.org", False), ("::", False)])
def test_web_cli_is_loopback(host, loopback):
    assert serve_cmd.is_loopback(host) is loopback


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_web_cli_refuses_bad_ports(port, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--port", port])
    assert exit_info.value.code == 2 and "port" in capsys.readouterr().err


def _run_without_serving(monkeypatch, argv):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))
    return main(argv), calls


def test_web_cli_warns_when_listening_beyond_this_machine(db_path, monkeypatch, capsys):
    code, calls = _run_without_serving(monkeypatch, ["serve", "--db", str(db_path), "--host", "0.0.0.0",
                                                     "--port", str(free_port())])
    err = capsys.readouterr().err
    assert code == 0 and "warning" in err and "0.0.0.0" in err and calls[0][1]["host"] == "0.0.0.0"


def test_web_cli_no_warning_on_loopback(db_path, monkeypatch, capsys):
    code, calls = _run_without_serving(monkeypatch, ["serve", "--db", str(db_path), "--port", str(free_port())])
    err = capsys.readouterr().err
    assert code == 0 and "warning" not in err and "http://127.0.0.1:" in err
    assert calls[0][1]["host"] == "127.0.0.1"


def test_web_cli_missing_database_is_one_line(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.duckdb")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tacitus: error: no database") and err.count("\n") == 1


def test_web_cli_port_in_use_is_one_line(db_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(["serve", "--db", str(db_path), "--port", str(taken.getsockname()[1])]) == 1
    assert "cannot listen on 127.0.0.1" in capsys.readouterr().err


@pytest.mark.slow  # a server process
def test_web_cli_serves_until_stopped(db_path):
    port = free_port()
    command = [sys.executable, "-c", "import sys; from tacitus.cli import main; sys.exit(main(sys.argv[1:]))",
               "serve", "--db", str(db_path), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        health = wait_until_answering(lambda: httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json(),
                                      process, timeout=30)
        assert health["events"] == 7
        refused = httpx.get(f"http://127.0.0.1:{port}/api/health", headers={"host": "rebound.example"})
        assert refused.status_code == 400
    finally:
        process.terminate()
        process.wait(15)
    assert process.returncode in (0, -15)
