"""Sessions end after 30 minutes idle, 12 hours after sign-in however busy, and at once
for a user who is disabled."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.security.tests.helpers import signed_in

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def _home_status(client: Client) -> int:
    return int(client.get(reverse("home")).status_code)


def test_it_ends_a_session_idle_for_30_minutes(pp_officer: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = signed_in(pp_officer)
        traveller.shift(timedelta(minutes=29))
        assert _home_status(client) == 200  # and this request renews the idle limit
        traveller.shift(timedelta(minutes=29))
        assert _home_status(client) == 200
        traveller.shift(timedelta(minutes=30, seconds=1))
        assert _home_status(client) == 302


def test_it_ends_a_busy_session_12_hours_after_sign_in(pp_officer: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = signed_in(pp_officer)
        for _ in range(12 * 4 - 1):  # a request every 15 minutes, all day
            traveller.shift(timedelta(minutes=15))
            assert _home_status(client) == 200
        traveller.shift(timedelta(minutes=15, seconds=1))
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert "_auth_user_id" not in client.session


def test_it_audits_the_end_of_a_session_at_its_lifetime(pp_officer: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = signed_in(pp_officer)
        session = client.session
        session["sahakar_signed_in_at"] = (START - timedelta(hours=12)).timestamp()
        session.save()
        traveller.shift(timedelta(seconds=1))
        assert _home_status(client) == 302
    assert AuditEntry.objects.filter(action="logout", username="pp_officer").exists()


def test_it_ends_every_session_of_a_user_who_is_disabled(pp_officer: Any, sr_officer: Any) -> None:
    office, phone, colleague = signed_in(pp_officer), signed_in(pp_officer), signed_in(sr_officer)
    assert Session.objects.count() == 3
    pp_officer.is_active = False
    pp_officer.save()
    assert Session.objects.count() == 1
    assert _home_status(office) == 302 and _home_status(phone) == 302
    assert _home_status(colleague) == 200
    entry = AuditEntry.objects.get(action="security", detail__event="sessions_ended")
    assert entry.detail["sessions"] == 2


def test_it_refuses_a_disabled_user_even_if_a_session_survived(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    type(pp_officer).objects.filter(pk=pp_officer.pk).update(is_active=False)  # no signal
    assert Session.objects.count() == 1
    assert _home_status(client) == 302


def test_it_ends_the_users_other_sessions_when_the_password_changes(pp_officer: Any) -> None:
    here, elsewhere = signed_in(pp_officer), signed_in(pp_officer)
    response = here.post(
        reverse("security:password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "a brand new passphrase for me",
            "new_password2": "a brand new passphrase for me",
        },
    )
    assert response.status_code == 302
    assert _home_status(here) == 200
    assert _home_status(elsewhere) == 302
