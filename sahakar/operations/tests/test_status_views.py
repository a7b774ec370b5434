"""The status buttons on an operation's page: only the next move, only for who may change it."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.operations.models import Operation
from sahakar.operations.services import change_status
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _status_url(operation: Operation) -> str:
    return reverse("operations:operation_status", args=[operation.pk])


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_it_offers_only_the_next_status(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    page = client.get(operation.get_absolute_url()).content.decode()
    assert 'name="status" value="active"' in page and "Start the operation" in page
    assert 'name="status" value="closed"' not in page
    change_status(operation, "active", acting_user=None)
    page = client.get(operation.get_absolute_url()).content.decode()
    assert 'name="status" value="closed"' in page and "Close the operation" in page
    assert 'name="status" value="active"' not in page
    change_status(operation, "closed", acting_user=None)
    page = client.get(operation.get_absolute_url()).content.decode()
    assert 'name="status"' not in page


def test_it_moves_the_operation_and_says_so(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    response = client.post(
        _status_url(operation), {"status": "active", "version": operation.version}, follow=True
    )
    assert response.redirect_chain == [(operation.get_absolute_url(), 302)]
    assert "is now active" in " ".join(_messages(response))
    operation.refresh_from_db()
    assert operation.status == "active" and operation.actual_start is not None
    assert operation.updated_by == pp_officer


@pytest.mark.parametrize("status", ["closed", "planned", "bogus", ""])
def test_it_refuses_a_bad_move_with_a_message(client: Any, pp_officer: Any, status: str) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    response = client.post(_status_url(operation), {"status": status}, follow=True)
    assert response.redirect_chain == [(operation.get_absolute_url(), 302)]
    assert "planned can only become active" in " ".join(_messages(response))
    operation.refresh_from_db()
    assert (operation.status, operation.version) == ("planned", 1)


def test_it_refuses_a_move_from_a_stale_page(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    Operation.objects.filter(pk=operation.pk).update(version=4)  # someone saved meanwhile
    client.force_login(pp_officer)
    response = client.post(_status_url(operation), {"status": "active", "version": 1}, follow=True)
    assert "changed by someone else" in " ".join(_messages(response))
    operation.refresh_from_db()
    assert (operation.status, operation.version) == ("planned", 4)


@pytest.mark.parametrize(
    "persona", ["sr_officer", "national_analyst", "prevention_officer", "outsider"]
)
def test_it_answers_404_to_whoever_may_not_change_it(
    client: Any, request: pytest.FixtureRequest, persona: str
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(request.getfixturevalue(persona))
    assert client.post(_status_url(operation), {"status": "active"}).status_code == 404
    operation.refresh_from_db()
    assert (operation.status, operation.version) == ("planned", 1)


def test_it_shows_no_buttons_to_read_only_roles(client: Any, national_analyst: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(national_analyst)
    page = client.get(operation.get_absolute_url())
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()


def test_it_lets_a_participating_agency_move_a_joint_operation(
    client: Any, sr_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    operation.participating_agencies.add(f.agency("ADB-SR"))
    client.force_login(sr_officer)
    assert "Start the operation" in client.get(operation.get_absolute_url()).content.decode()
    client.post(_status_url(operation), {"status": "active"})
    operation.refresh_from_db()
    assert operation.status == "active"


def test_it_answers_only_post(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    assert client.get(_status_url(operation)).status_code == 405


def test_it_sends_anonymous_users_to_sign_in(client: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    response = client.post(_status_url(operation), {"status": "active"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
