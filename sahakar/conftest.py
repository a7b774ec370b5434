"""Personas and shared fixtures: reference data is loaded once per test database.

SAHAKAR_TEST_TODAY=2027-02-28 (or a moment: 2026-12-31T23:30+07:00) runs the whole session
as if on that day, the clock ticking on from there, to check that no test depends on the day
it runs. Unset, tests run on the real date.
"""

import os
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from sahakar.core.permissions import requires_mfa
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f

TEST_TODAY = "SAHAKAR_TEST_TODAY"
TRAVELLER = pytest.StashKey[Any]()


def _test_today() -> datetime | None:
    value = os.environ.get(TEST_TODAY, "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise pytest.UsageError(f"{TEST_TODAY}={value!r}: give a date like 2027-02-28") from exc
    if len(value) == 10:  # a bare date: midday there
        moment = datetime.combine(date.fromisoformat(value), time(12))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Asia/Phnom_Penh"))
    return moment


def pytest_configure(config: pytest.Config) -> None:
    moment = _test_today()
    if moment is not None:
        traveller = time_machine.travel(moment, tick=True)
        traveller.start()
        config.stash[TRAVELLER] = traveller


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header() -> str | None:
    moment = _test_today()
    return None if moment is None else f"{TEST_TODAY}: the clock starts at {moment.isoformat()}"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    """Argon2 is slow by design: every persona's password would cost a tenth of a second.
    Tests hash with MD5; test_passwords puts production's hashers back to check Argon2."""
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(scope="session", autouse=True)
def _figures_refreshed_by_the_writer() -> Iterator[None]:
    """A test reads the figures right after its writes: the committing thread refreshes them
    (statistics/tests/test_refresher.py tests the background thread)."""
    with override_settings(SAHAKAR_STATISTICS_REFRESH="inline"):
        yield


@pytest.fixture(autouse=True)
def _language_of_each_test() -> Iterator[None]:
    """A page asked in Khmer leaves Khmer active in the thread: each test starts in English
    and gives back the language it found."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_country("kh")


@pytest.fixture
def pp_officer(db: Any) -> Any:
    """A field officer of the Phnom Penh anti-drug bureau, working in Phnom Penh."""
    return f.make_user("pp_officer", "field_officer", f.unit(f.PHNOM_PENH), "ADB-PP")


@pytest.fixture
def sr_officer(db: Any) -> Any:
    """A field officer of the Siem Reap anti-drug bureau, working in Siem Reap."""
    return f.make_user("sr_officer", "field_officer", f.unit(f.SIEM_REAP), "ADB-SR")


@pytest.fixture
def pp_investigator(db: Any) -> Any:
    """An investigator of the Phnom Penh anti-drug bureau, working in Phnom Penh."""
    return f.make_user("pp_investigator", "investigator", f.unit(f.PHNOM_PENH), "ADB-PP")


@pytest.fixture
def sr_investigator(db: Any) -> Any:
    """An investigator of the Siem Reap anti-drug bureau, working in Siem Reap."""
    return f.make_user("sr_investigator", "investigator", f.unit(f.SIEM_REAP), "ADB-SR")


@pytest.fixture
def pp_prosecutor(db: Any) -> Any:
    """A prosecutor of the Phnom Penh prosecution office."""
    return f.make_user("pp_prosecutor", "prosecutor", f.unit(f.PHNOM_PENH), "PPO-PP")


@pytest.fixture
def national_analyst(db: Any) -> Any:
    """An analyst of the national drug authority: reads everything but persons."""
    return f.make_user("analyst", "analyst", f.nation(), "NACD")


@pytest.fixture
def auditor(db: Any) -> Any:
    return f.make_user("auditor", "auditor", f.nation(), "NACD")


@pytest.fixture
def prevention_officer(db: Any) -> Any:
    """A Ministry of Health prevention officer: no enforcement records, no persons."""
    return f.make_user("prevention", "prevention_officer", f.nation(), "MOH")


@pytest.fixture
def admin_user(db: Any) -> Any:
    return f.make_user("administrator", "administrator", f.nation(), "ADD")


@pytest.fixture
def outsider(db: Any) -> Any:
    """Signed in, but with no profile: sees nothing."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("outsider", password=f.PASSWORD)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


class VerifiedClient(Client):
    """A test client whose force_login() also passes the second factor for users who must
    have one, as if they had typed their code. Tests of MFA itself use a plain Client."""

    def force_login(self, user: Any, backend: str | None = None) -> None:
        super().force_login(user, backend)
        if requires_mfa(user):
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, name="test authenticator", defaults={"confirmed": True}
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # as django_otp.login()
            session.save()


@pytest.fixture
def client() -> Client:
    return VerifiedClient()


@pytest.fixture
def signed_in(request: pytest.FixtureRequest) -> Callable[[str], Client]:
    """A page client signed in as the named persona: signed_in("national_analyst")."""

    def sign_in(persona: str) -> Client:
        return login(VerifiedClient(), request.getfixturevalue(persona))

    return sign_in


@pytest.fixture
def api_as(request: pytest.FixtureRequest) -> Callable[[str], APIClient]:
    """An API client authenticated as the named persona: api_as("pp_officer")."""

    def authenticate(persona: str) -> APIClient:
        api = APIClient()
        api.force_authenticate(request.getfixturevalue(persona))
        return api

    return authenticate


@pytest.fixture
def web(client: Client, pp_officer: Any) -> Client:
    """The pages, signed in as the Phnom Penh field officer."""
    return login(client, pp_officer)


@pytest.fixture
def pp_api(api: APIClient, pp_officer: Any) -> APIClient:
    """The API, signed in as the Phnom Penh field officer."""
    api.force_authenticate(pp_officer)
    return api


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate-limit counters (in the cache) from one test must not throttle the next."""
    cache.clear()


def login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client
