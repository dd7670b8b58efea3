"""A property-based run of the API against its own OpenAPI schema (schemathesis), with every check.

Each operation gets `EXAMPLES` valid (positive) and invalid (negative) requests generated from the schema
(TACITUS_SCHEMA_EXAMPLES=200 for a deeper run), and every answer goes through every check schemathesis has, as
`schemathesis run --checks all` would: no 5xx; the documented status, content type, headers and body; a request
the schema allows is accepted (positive_data_acceptance) and one it forbids is refused (negative_data_rejection);
a method the path lacks gets 405 with `Allow`. The app is called in-process (ASGI): no network, no port.
"""

from __future__ import annotations

import collections
import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks
from web_fixtures import build_handmade

from tacitus.model import Article, Document
from tacitus.web import create_app

pytestmark = pytest.mark.slow  # schemathesis runs every operation with generated requests

OPERATIONS = [("/api/health", "GET"), ("/api/overview", "GET"), ("/api/events", "GET"), ("/api/stories", "GET"),
              ("/api/dyads", "GET"),
              ("/api/timeline", "GET"), ("/api/actors", "GET"), ("/api/network", "GET"), ("/api/locations", "GET"),
              ("/api/documents", "GET"), ("/api/documents/{doc_id}", "GET"), ("/api/commitments", "GET"),
              ("/api/code", "POST"), ("/api/code/status", "GET")]
EXAMPLES = int(os.environ.get("TACITUS_SCHEMA_EXAMPLES", "60"))  # per operation and mode
SENT: collections.Counter[str] = collections.Counter()  # generated requests per mode (scripts/fault_counts.py)
load_all_checks()
ALL_CHECKS = CHECKS.get_all()  # `--checks all`: conformance, positive acceptance, negative rejection, methods …


def fake_coder(text: str, published: str | None) -> Article:
    return Article(Document(id="pasted", source="<pasted>", text=text, published=published))


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    path = build_handmade(tmp_path_factory.mktemp("schema") / "events.duckdb")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(path, coder=fake_coder, max_code_bytes=2_000))


def test_web_schema_every_operation_is_exercised(api_schema):
    found = {(op.ok().path, op.ok().method.upper()) for op in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


CASES = [(path, method, mode) for path, method in OPERATIONS for mode in (GenerationMode.POSITIVE,
                                                                          GenerationMode.NEGATIVE)
         if not (path in ("/api/health", "/api/code/status") and mode == GenerationMode.NEGATIVE)]  # no parameters to get wrong


@pytest.mark.parametrize(("path", "method", "mode"), CASES, ids=[f"{m} {p} {g.value}" for p, m, g in CASES])
def test_web_schema_conformance(api_schema, path, method, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call()
        SENT[mode.value] += 1
        assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text}"
        case.validate_response(response, checks=ALL_CHECKS)

    run()


def test_web_schema_runs_every_check():
    names = {check.__name__ for check in ALL_CHECKS}
    assert {"not_a_server_error", "positive_data_acceptance", "negative_data_rejection", "unsupported_method",
            "allow_header_conformance", "response_schema_conformance", "status_code_conformance"} <= names


CLI_EXAMPLES = int(os.environ.get("TACITUS_SCHEMA_CLI_EXAMPLES", "30"))  # per operation and phase


def test_web_schema_schemathesis_run_checks_all_against_a_live_server(tmp_path):
    """The command itself, `schemathesis run --checks all`, with its coverage phase (boundary and type-confused
    values: 0 for a boolean, empty strings, the edges of every pattern) and its fuzzing phase, against a real
    `tacitus serve` on a loopback port with its real coder process."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    from tacitus.web.child import serve_child

    cli = Path(sys.executable).with_name("schemathesis")
    if not cli.exists():
        pytest.skip("the schemathesis command is not installed beside this Python")
    db = build_handmade(tmp_path / "events.duckdb")
    with serve_child(db, "--max-code-bytes", "2000", "--code-timeout", "60") as server:
        result = subprocess.run([str(cli), "run", f"{server.url}/openapi.json", "--checks", "all",
                                 "--phases", "examples,coverage,fuzzing", "--max-examples", str(CLI_EXAMPLES),
                                 "--generation-deterministic",
                                 "--request-timeout", "120"], cwd=tmp_path, capture_output=True, text=True,
                                timeout=1800)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    generated = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert generated and generated[1] == generated[2] and int(generated[1]) > 0, result.stdout[-2000:]
    SENT["cli --checks all"] += int(generated[1])
