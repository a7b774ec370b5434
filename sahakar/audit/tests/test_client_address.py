"""Behind a trusted proxy the trail records the client's address, as the rate limits and the
lockout do; without one, a forwarded-for header is the client's own claim and is ignored."""

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIRequestFactory

from sahakar.audit.models import AuditEntry
from sahakar.core.client_ip import client_ip
from sahakar.security.tests.helpers import sign_in
from sahakar.security.throttling import AnonThrottle, SignInAddressThrottle, UserThrottle
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

PROXY, CLIENT, SPOOFED = "10.0.0.5", "203.0.113.7", "198.51.100.9"
HEADERS = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{SPOOFED}, {CLIENT}"}


@pytest.mark.parametrize(("proxies", "address"), [(1, CLIENT), (0, PROXY)])
def test_the_trail_records_the_client_behind_the_trusted_proxies(
    client: Any, pp_officer: Any, settings: Any, proxies: int, address: str
) -> None:
    settings.SAHAKAR_PROXY_COUNT = proxies
    client.force_login(pp_officer)
    client.post(
        reverse("venues:venue_add"),
        {"name": "Star Club", "kind": "nightclub", "org_unit": f.unit(f.PHNOM_PENH).pk},
        **HEADERS,
    )
    assert AuditEntry.objects.get(action="create", object_repr="Star Club").ip == address


@pytest.mark.parametrize(("proxies", "address"), [(1, CLIENT), (0, PROXY)])
def test_lockout_and_rate_limits_read_the_same_address(
    settings: Any, pp_officer: Any, proxies: int, address: str
) -> None:
    settings.SAHAKAR_PROXY_COUNT = proxies
    sign_in(Client(), "pp_officer", "wrong password", **HEADERS)
    assert AccessAttempt.objects.get(username="pp_officer").ip_address == address
    assert AuditEntry.objects.get(action="login_failed").ip == address
    request = APIRequestFactory().get("/", None, **HEADERS)
    for throttle in (AnonThrottle(), UserThrottle(), SignInAddressThrottle()):
        assert throttle.get_ident(request) == address


def test_a_forwarded_address_that_is_not_an_address_is_ignored(settings: Any) -> None:
    settings.SAHAKAR_PROXY_COUNT = 1
    request = APIRequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>")
    assert client_ip(request) == PROXY
