"""POST /api/v1/operations/{id}/status/: the same moves as the page, with structured errors."""

from typing import Any

import pytest

from sahakar.operations.models import Operation
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _status_url(operation: Operation) -> str:
    return f"/api/v1/operations/{operation.pk}/status/"


def test_it_moves_the_operation_and_answers_with_it(api: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(pp_officer)
    response = api.post(_status_url(operation), {"status": "active"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["version"]) == ("active", 2)
    assert body["actual_start"] is not None
    response = api.post(_status_url(operation), {"status": "closed", "version": 2}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "closed" and response.json()["actual_end"] is not None


def test_it_answers_400_with_the_reason_for_a_refused_move(api: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(pp_officer)
    response = api.post(_status_url(operation), {"status": "closed"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"status": ["An operation that is planned can only become active."]}
    operation.refresh_from_db()
    assert (operation.status, operation.version) == ("planned", 1)


@pytest.mark.parametrize("body", [{"status": "bogus"}, {}, {"status": "active", "version": "x"}])
def test_it_answers_400_to_a_malformed_body(api: Any, pp_officer: Any, body: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(pp_officer)
    response = api.post(_status_url(operation), body, format="json")
    assert response.status_code == 400
    assert set(response.json()) <= {"status", "version"}
    operation.refresh_from_db()
    assert operation.status == "planned"


def test_it_answers_409_to_a_stale_version(api: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    Operation.objects.filter(pk=operation.pk).update(version=3)
    api.force_authenticate(pp_officer)
    response = api.post(_status_url(operation), {"status": "active", "version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    operation.refresh_from_db()
    assert operation.status == "planned"


def test_it_answers_404_outside_the_jurisdiction(api: Any, sr_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(sr_officer)
    response = api.post(_status_url(operation), {"status": "active"}, format="json")
    assert response.status_code == 404
    operation.refresh_from_db()
    assert operation.status == "planned"


def test_it_answers_404_to_read_only_roles(api: Any, national_analyst: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    api.force_authenticate(national_analyst)
    assert api.get(f"/api/v1/operations/{operation.pk}/").status_code == 200
    response = api.post(_status_url(operation), {"status": "active"}, format="json")
    assert response.status_code == 404
    operation.refresh_from_db()
    assert operation.status == "planned"


def test_it_requires_authentication(api: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    response = api.post(_status_url(operation), {"status": "active"}, format="json")
    assert response.status_code in (401, 403)
