"""Every API operation answers as its OpenAPI schema says: schemathesis generates requests
from the schema (a fixed seed, a few examples per operation) against the app over WSGI, signed
in with a national administrator's token, over a small set of records. No server error, no
undocumented status code, no answer off its schema."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
import schemathesis
import time_machine
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from sahakar.security.models import ApiToken
from sahakar.testing import factories as f

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
EXAMPLES = 4  # per operation: enough to reach every documented answer, quick on two cores

schema = schemathesis.openapi.from_dict(
    json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
)
schema.app = WSGIHandler()


@pytest.fixture
def in_process() -> Any:
    """Requests over WSGI run inside the test's transaction: keep its connection open, as
    Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with time_machine.travel(NOW, tick=True):
        yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def records(admin_user: Any, in_process: Any) -> dict[str, Any]:
    """One record of each kind in Phnom Penh, and the national administrator's token."""
    from sahakar.cases.tests.conftest import make_arrest, make_case
    from sahakar.prevention.tests.conftest import make_campaign

    phnom_penh = f.unit(f.PHNOM_PENH)
    venue = f.make_venue(phnom_penh)
    f.make_inspection(f.make_operation(phnom_penh), venue)
    f.make_item(f.make_seizure(phnom_penh))
    make_arrest(phnom_penh)
    make_case(admin_user)
    make_campaign()
    _token, key = ApiToken.objects.issue(admin_user, "schemathesis")
    return {"Authorization": f"Token {key}"}


CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.mark.django_db
def test_it_answers_as_the_schema_says(records: Any) -> None:
    """One pass over every operation, sharing the records (built once: quick on two cores);
    a failure names the operation and the request that reproduces it."""
    failures = []
    for result in schema.get_all_operations():
        operation: Any = result.ok()  # type: ignore[union-attr]  # raises for a bad schema

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            cache.clear()  # a few hundred requests in a minute: no rate limit here
            # identity: the WSGI transport hands the body over as sent, gzip undecoded
            case.call_and_validate(
                headers={**records, "Accept-Encoding": "identity"}, checks=CHECKS
            )

        try:
            check()
        except Exception as exc:
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
