"""Records the search tests look for: one of each kind in Phnom Penh, under a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sahakar.arrests.models import Arrest
from sahakar.persons.models import Person
from sahakar.testing import factories as f

MOMENT = datetime(2026, 3, 14, 10, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@pytest.fixture(autouse=True)
def _fixed_clock() -> Iterator[None]:
    with time_machine.travel(MOMENT, tick=True):
        yield


def search(client: Client, q: str) -> Any:
    return client.get(reverse("search:results"), {"q": q})


def make_arrest(person: Person) -> Arrest:
    arrested_at = MOMENT - timedelta(hours=3)
    return Arrest.objects.create(
        person=person,
        arrested_at=arrested_at,
        arrived_at=arrested_at + timedelta(minutes=30),
        org_unit=person.org_unit,
        place_description="Street 271",
        arresting_agency=f.agency("ADB-PP" if person.org_unit.code == f.PHNOM_PENH else "ADB-SR"),
        suspect_role="dealer",
        custody_deadline=arrested_at + timedelta(hours=48, minutes=30),
    )


@pytest.fixture
def chea_vibol(db: Any) -> Person:
    return f.make_person(f.unit(f.PHNOM_PENH), name_latin="Chea Vibol", name_km="ជា វិបុល")
