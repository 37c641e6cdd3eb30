"""The API against its own OpenAPI schema (schemathesis): generated requests, valid and
invalid, to every operation, signed in with a bearer token. No answer may be a server error,
and every documented answer must match its schema and content type.

The number of examples per operation is bounded (`API_FUZZ_EXAMPLES`, default 15) so the
suite stays quick; raise it locally to search harder:
    API_FUZZ_EXAMPLES=200 .venv/bin/pytest tests/test_api_schema.py
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "15"))


def _load_schema() -> Any:
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


schema = _load_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    # The WSGI handler closes the database connection after each request (Django's test
    # client switches that off too): inside a test that would close the connection holding
    # the test's transaction.
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(citizen: Any, settings: Any) -> dict[str, str]:
    from solidair.accounts.tokens import create_api_token

    # Rate limits would turn most generated requests into 429s and hide the real answers.
    settings.RATELIMIT_ENABLE = False
    _, raw = create_api_token(user=citizen, name="schema fuzzing")
    return {"Authorization": f"Bearer {raw}"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case: Any, bearer: dict[str, str]) -> None:
    response = case.call(headers=bearer)
    case.validate_response(
        response,
        checks=(not_a_server_error, response_schema_conformance, content_type_conformance),
    )
