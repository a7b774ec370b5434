"""Changing the password, MFA or tokens needs the password typed in the last 5 minutes."""

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse

from sahakar.security.tests.helpers import signed_in
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
REAUTH = reverse("security:reauth")
GUARDED = [
    reverse("security:password_change"),
    reverse("security:mfa_setup"),
    reverse("security:token_create"),
]


@pytest.mark.parametrize("url", GUARDED)
def test_it_asks_for_the_password_again_after_5_minutes(pp_officer: Any, url: str) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = signed_in(pp_officer)
        traveller.shift(timedelta(minutes=5))
        assert client.get(url).status_code == 200
        traveller.shift(timedelta(seconds=1))
        response = client.get(url)
        assert response["Location"] == f"{REAUTH}?next={quote(url, safe='')}"
        again = client.post(REAUTH, {"password": f.PASSWORD, "next": url})
        assert again.status_code == 302 and again["Location"] == url
        assert client.get(url).status_code == 200


def test_it_refuses_a_wrong_password_there(pp_officer: Any) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = signed_in(pp_officer)
        traveller.shift(timedelta(minutes=6))
        response = client.post(REAUTH, {"password": "not it at all"})
        assert response.status_code == 400
        assert client.get(GUARDED[0])["Location"].startswith(REAUTH)


def test_it_counts_wrong_passwords_there_towards_the_lockout(pp_officer: Any) -> None:
    client = signed_in(pp_officer)
    for _ in range(4):
        assert client.post(REAUTH, {"password": "not it at all"}).status_code == 400
    locked = client.post(REAUTH, {"password": "not it at all"})
    assert locked.status_code == 403 and "Account locked" in locked.content.decode()
    assert client.get("/").status_code == 302  # signed out
