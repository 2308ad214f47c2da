"""Schemathesis over the service's OpenAPI document, through the same ASGI app ``parley serve``
runs: for every route, requests generated from the schema (valid and invalid) never get a
server error, and the answers match the documented response schemas. Examples are bounded so
the run stays short; ``POST /extract`` runs the real pipeline on what it is sent.

Schemathesis' own pytest integration (``@schema.parametrize``) does not run under pytest 9
(it reads a private ``Node._nodeid``), so the operations are parametrized here and each one's
Hypothesis strategy (``operation.as_strategy()``) is run with ``@given``: the same cases and
checks, through its Python API.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from parley.corpus import write_records
from parley.service import ServiceConfig, create_app
from parley.store import Store

from .corpus import fixture_records


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every route in the document (read from an app without a store)."""
    doc = create_app(ServiceConfig()).openapi()
    return [(method.upper(), path) for path, item in doc["paths"].items() for method in item]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "corpus.duckdb"
    with Store.open(path) as store:
        write_records(store, fixture_records(), source="tests/corpus.py")
    app = create_app(ServiceConfig(db=path, allow_ingest=True, token="fuzz-token", max_request_bytes=20_000))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize(("method", "path"), _operations(), ids=lambda x: x)
def test_no_server_error_and_documented_answers(api_schema, method, path, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(mode))
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

    try:
        check()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        pytest.skip(f"{method} {path}: nothing in its schema can be made invalid")
