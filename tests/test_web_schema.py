"""A property-based run of the API against its own OpenAPI schema (schemathesis): no request gets a 500.

Each operation gets a few valid (positive) and invalid (negative) requests generated from the schema; every
response must conform to the schema (documented status, content type and body).
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from web_fixtures import build_handmade

from tacitus.model import Article, Document
from tacitus.web import create_app

pytestmark = pytest.mark.slow  # schemathesis runs every operation with generated requests

OPERATIONS = [("/api/health", "GET"), ("/api/overview", "GET"), ("/api/events", "GET"), ("/api/stories", "GET"),
              ("/api/dyads", "GET"),
              ("/api/timeline", "GET"), ("/api/actors", "GET"), ("/api/network", "GET"), ("/api/locations", "GET"),
              ("/api/documents", "GET"), ("/api/documents/{doc_id}", "GET"), ("/api/commitments", "GET"),
              ("/api/code", "POST"), ("/api/code/status", "GET")]
EXAMPLES = 15  # per operation and mode: enough to find a crash, small enough to keep the suite fast


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
        assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text}"
        # A schema-valid request can still be refused on meaning (2015-02-30, since after until): 422 is right.
        # A "schema-violating" query can be valid once serialised (the integer 6 as root=6), and an oversized
        # invalid body gets 413: so negative cases check responses, not the refusal rule.
        case.validate_response(response, excluded_checks=[positive_data_acceptance, negative_data_rejection])

    run()
