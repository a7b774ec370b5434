"""Rate limits: the API per user and per anonymous address, sign-in per address and per
username; 429 with Retry-After when exceeded."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from sahakar.security.tests.helpers import sign_in
from sahakar.security.throttling import SignInAddressThrottle, SignInUsernameThrottle

pytestmark = pytest.mark.django_db


def _limit(monkeypatch: pytest.MonkeyPatch, throttle: type[SimpleRateThrottle], rate: str) -> None:
    rates: dict[str, Any] = throttle.THROTTLE_RATES
    monkeypatch.setitem(rates, str(throttle.scope), rate)


def _per_minute(throttle: type[SimpleRateThrottle]) -> float:
    rate = throttle.THROTTLE_RATES[str(throttle.scope)]
    number, seconds = throttle().parse_rate(rate)
    assert number is not None and seconds is not None
    return number * 60 / seconds


def test_it_has_sensible_default_rates() -> None:
    assert _per_minute(UserRateThrottle) >= 300  # a busy program, not a runaway one
    assert _per_minute(SignInUsernameThrottle) >= 5  # at least the lockout's 5 failures
    assert _per_minute(SignInAddressThrottle) >= 20  # an office signing in at shift start


def test_it_limits_api_calls_per_user(
    api: APIClient, pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _limit(monkeypatch, UserRateThrottle, "3/minute")
    api.force_authenticate(pp_officer)
    assert [api.get("/api/v1/venues/").status_code for _ in range(3)] == [200] * 3
    refused = api.get("/api/v1/venues/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    api.force_authenticate(None)


def test_it_limits_anonymous_api_calls_per_address(monkeypatch: pytest.MonkeyPatch) -> None:
    _limit(monkeypatch, AnonRateThrottle, "2/minute")
    api = APIClient()
    schema = "/api/v1/schema/"
    assert [api.get(schema).status_code for _ in range(2)] == [200, 200]
    assert api.get(schema).status_code == 429
    assert APIClient(REMOTE_ADDR="10.1.1.1").get(schema).status_code == 200


def test_it_limits_sign_in_attempts_per_address(
    pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        SignInAddressThrottle.THROTTLE_RATES, SignInAddressThrottle.scope, "3/minute"
    )
    client = Client()
    for name in ("alice", "bob", "carol"):
        assert sign_in(client, name, "guess").status_code == 200
    refused = sign_in(client, "pp_officer")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert sign_in(Client(REMOTE_ADDR="10.1.1.1"), "pp_officer").status_code == 302


def test_it_limits_sign_in_attempts_per_username(
    pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        SignInUsernameThrottle.THROTTLE_RATES, SignInUsernameThrottle.scope, "2/minute"
    )
    for number in (1, 2):
        assert sign_in(Client(REMOTE_ADDR=f"10.0.0.{number}"), "pp_officer", "x").status_code == 200
    assert sign_in(Client(REMOTE_ADDR="10.0.0.3"), "pp_officer").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="10.0.0.3"), "sr_nobody", "x").status_code == 200


def test_it_lets_sign_in_attempts_through_again_after_the_period(
    pp_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        SignInAddressThrottle.THROTTLE_RATES, SignInAddressThrottle.scope, "1/minute"
    )
    start = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        assert sign_in(client, "nobody", "x").status_code == 200
        assert sign_in(client, "pp_officer").status_code == 429
        traveller.shift(timedelta(seconds=61))
        assert sign_in(client, "pp_officer").status_code == 302


def test_it_does_not_trust_a_forwarded_for_header_sent_by_the_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(
        SignInAddressThrottle.THROTTLE_RATES, SignInAddressThrottle.scope, "1/minute"
    )
    client = Client()
    assert sign_in(client, "a", "x", HTTP_X_FORWARDED_FOR="10.9.9.1").status_code == 200
    assert sign_in(client, "b", "x", HTTP_X_FORWARDED_FOR="10.9.9.2").status_code == 429


def test_it_sends_the_admin_sign_in_to_the_rate_limited_page() -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/admin/"
