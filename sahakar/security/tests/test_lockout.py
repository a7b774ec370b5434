"""Lockout: 5 failed sign-ins within 15 minutes lock the account until an administrator
unlocks it; failures spread wider never add up."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.security.tests.helpers import sign_in

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WRONG = "not the password at all"


def _fail(client: Client, minutes: float, traveller: Any) -> int:
    traveller.move_to(START + timedelta(minutes=minutes))
    return int(sign_in(client, "pp_officer", WRONG).status_code)


def _lock(client: Client) -> Any:
    for _ in range(4):
        assert sign_in(client, "pp_officer", WRONG).status_code == 200
    return sign_in(client, "pp_officer", WRONG)


def test_it_locks_the_account_at_the_fifth_failure(pp_officer: Any) -> None:
    client = Client()
    locked = _lock(client)
    assert locked.status_code == 403
    page = locked.content.decode()
    assert "Account locked" in page and "administrator" in page
    assert "Traceback" not in page


def test_it_refuses_even_the_right_password_once_locked(pp_officer: Any) -> None:
    client = Client()
    _lock(client)
    response = sign_in(client, "pp_officer")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not Client().login(username="pp_officer", password="correct horse battery staple")


def test_it_keeps_the_lock_until_an_administrator_lifts_it(pp_officer: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        _lock(Client())
        traveller.move_to(START + timedelta(days=3))
        assert sign_in(Client(), "pp_officer").status_code == 403


def test_it_locks_when_the_fifth_failure_comes_within_15_minutes(pp_officer: Any) -> None:
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        assert [_fail(client, m, traveller) for m in (0, 1, 2, 3)] == [200] * 4
        assert _fail(client, 14 + 59 / 60, traveller) == 403


def test_it_forgets_a_failure_once_it_is_15_minutes_old(pp_officer: Any) -> None:
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        assert [_fail(client, m, traveller) for m in (0, 1, 2, 3)] == [200] * 4
        assert _fail(client, 15, traveller) == 200  # the failure at 0 no longer counts
        assert _fail(client, 15.5, traveller) == 403  # 1, 2, 3, 15 and 15.5: five in 15 min


def test_it_never_locks_for_failures_spread_over_an_hour(pp_officer: Any) -> None:
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        assert [_fail(client, m, traveller) for m in (0, 12, 24, 36, 48, 60)] == [200] * 6
        assert sign_in(client, "pp_officer").status_code == 302


def test_it_starts_counting_afresh_after_a_successful_sign_in(pp_officer: Any) -> None:
    client = Client()
    for _ in range(4):
        assert sign_in(client, "pp_officer", WRONG).status_code == 200
    assert sign_in(client, "pp_officer").status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert sign_in(client, "pp_officer", WRONG).status_code == 200


def test_it_is_unlocked_by_the_reset_command(pp_officer: Any) -> None:
    client = Client()
    _lock(client)
    call_command("axes_reset_username", "pp_officer", verbosity=0)
    assert sign_in(client, "pp_officer", WRONG).status_code == 200  # old failures are gone
    assert sign_in(client, "pp_officer").status_code == 302


def test_it_is_unlocked_in_the_admin(
    pp_officer: Any, django_user_model: Any, client: Client
) -> None:
    _lock(Client())
    attempt = AccessAttempt.objects.get(username="pp_officer")
    client.force_login(django_user_model.objects.create_superuser("root", password="x" * 20))
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "pp_officer" in client.get(changelist).content.decode()
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert sign_in(Client(), "pp_officer").status_code == 302


def test_it_audits_failed_and_locked_out_sign_ins(pp_officer: Any) -> None:
    client = Client()
    _lock(client)
    sign_in(client, "pp_officer")
    failed = AuditEntry.objects.filter(action="login_failed", username="pp_officer")
    assert failed.count() == 6
    denied = AuditEntry.objects.filter(action="denied", username="pp_officer")
    assert denied.count() == 2  # at the fifth failure, and the attempt while locked
    assert denied.first().detail == {"reason": "locked_out", "username": "pp_officer"}  # type: ignore[union-attr]
    assert denied.first().ip == "127.0.0.1"  # type: ignore[union-attr]


def test_it_locks_the_username_whatever_address_the_attempts_come_from(
    pp_officer: Any,
) -> None:
    for number in range(1, 5):
        response = sign_in(Client(), "pp_officer", WRONG, REMOTE_ADDR=f"10.0.0.{number}")
        assert response.status_code == 200
    assert sign_in(Client(), "pp_officer", WRONG, REMOTE_ADDR="10.0.0.99").status_code == 403
