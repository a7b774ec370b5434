"""The start page: the user's jurisdiction, this month's counts, recent work, shortcuts."""

from typing import Any

import pytest
from django.utils import timezone

from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_shows_the_jurisdictions_recent_work_and_counts(client: Any, pp_officer: Any) -> None:
    mine = f.make_operation(f.unit(f.PHNOM_PENH), title="Night sweep Daun Penh")
    f.make_operation(f.unit(f.SIEM_REAP), title="Angkor checkpoint", lead="ADB-SR")
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), seized_at=timezone.now())
    client.force_login(pp_officer)
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Night sweep Daun Penh" in page and "Angkor checkpoint" not in page
    assert seizure.reference in page and mine.reference in page
    assert response.context["seizures_this_month"] == 1
    assert "Record a seizure" in page


def test_it_offers_no_shortcuts_to_read_only_roles(client: Any, national_analyst: Any) -> None:
    client.force_login(national_analyst)
    page = client.get("/").content.decode()
    assert "Record a seizure" not in page


def test_it_switches_to_khmer(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.post("/i18n/setlang/", {"language": "km", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="km">' in response.content.decode()


def test_it_asks_anonymous_users_to_sign_in(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/login/").status_code == 200


def test_it_serves_the_khmer_font_itself(client: Any) -> None:
    from django.contrib.staticfiles import finders

    assert finders.find("sahakar/fonts/noto-sans-khmer.woff2")
    assert finders.find("sahakar/sahakar.css")
