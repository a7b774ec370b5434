"""Helpers for arrest tests: arrests recorded through the services, at chosen local times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sahakar.accounts.models import Grant, Role
from sahakar.arrests import services
from sahakar.arrests.models import Arrest, Offence
from sahakar.geo.models import OrgUnit
from sahakar.persons.models import Person
from sahakar.testing import factories as f

PHNOM_PENH_TIME = ZoneInfo("Asia/Phnom_Penh")
FELONY = "DRUG_TRAFFICKING"
MISDEMEANOUR = "DRUG_USE"


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A moment given in Phnom Penh time, e.g. local(2025, 3, 1, 23, 30)."""
    return datetime(year, month, day, hour, minute, tzinfo=PHNOM_PENH_TIME)


def hours_ago(hours: float) -> datetime:
    return timezone.now() - timedelta(hours=hours)


def record(
    org_unit: OrgUnit | None = None,
    *,
    arrived_at: datetime | None = None,
    offences: Iterable[str] = (FELONY,),
    person: Person | None = None,
    agency: str = "ADB-PP",
    **fields: Any,
) -> Arrest:
    """An arrest recorded as the pages and the API record it (services.record_arrest)."""
    unit = org_unit or f.first_district(f.PHNOM_PENH)
    arrived = arrived_at or hours_ago(2)
    values: dict[str, Any] = {
        "arrested_at": arrived - timedelta(minutes=40),
        "arrived_at": arrived,
        "org_unit": unit,
        "place_description": "Street 63, outside a karaoke bar",
        "arresting_agency": f.agency(agency),
        "suspect_role": "dealer",
        **fields,
    }
    return services.record_arrest(
        person=person or f.make_person(unit),
        offences=Offence.objects.filter(code__in=list(offences)),
        acting_user=None,
        **values,
    )


@pytest.fixture
def analysts_follow_deadlines(db: Any) -> None:
    """The grant that lets commanders and analysts follow custody deadlines without seeing
    suspects (in the default role table, accounts/data/grants.csv; asserted here so tests
    that rely on it say so)."""
    Grant.objects.get_or_create(
        role=Role.objects.get(code="analyst"),
        record_type="arrests.custodydeadline",
        defaults={"can_view": True},
    )
