"""Each seizure gets a reference SZ-<province short code>-<year>-<5 digits>: the province of its
org unit and the local year of the seizure, numbered in turn, never changed afterwards."""

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.seizures.models import Seizure
from sahakar.seizures.tests.conftest import api_payload, item_row, page_data
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

FORMAT = re.compile(r"^SZ-(?P<province>[A-Z]{2,4})-(?P<year>\d{4})-(?P<number>\d{5})$")


def test_it_numbers_a_seizure_from_the_page_by_province_and_year(web: Client) -> None:
    district = f.first_district(f.PHNOM_PENH)
    web.post(reverse("seizures:seizure_add"), page_data([item_row()], org_unit=district.pk))
    seizure = Seizure.objects.get()
    match = FORMAT.match(seizure.reference)
    assert match, seizure.reference
    assert match["province"] == "PP"
    assert int(match["year"]) == timezone.localtime(seizure.seized_at).year


def test_it_numbers_a_seizure_from_the_api_by_province_and_year(
    api: APIClient, sr_officer: Any
) -> None:
    api.force_authenticate(sr_officer)
    payload = api_payload(org_unit=f.SIEM_REAP, seizing_agency="ADB-SR")
    payload["reference"] = "SZ-XX-1999-99999"  # read-only: ignored
    response = api.post(reverse("api:seizure-list"), payload, format="json")
    assert response.status_code == 201, response.content
    match = FORMAT.match(response.json()["reference"])
    assert match, response.json()["reference"]
    assert match["province"] == "SR"


def test_it_takes_the_year_in_local_time() -> None:
    # 31 December 17:30 UTC is already 1 January 00:30 in Phnom Penh (UTC+7).
    seized_at = datetime(2025, 12, 31, 17, 30, tzinfo=UTC)
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), seized_at=seized_at)
    assert seizure.reference.startswith("SZ-PP-2026-")


def test_it_numbers_seizures_in_turn_and_keeps_the_number_on_edit() -> None:
    first = f.make_seizure(f.unit(f.PHNOM_PENH))
    second = f.make_seizure(f.first_district(f.PHNOM_PENH))
    other_province = f.make_seizure(f.unit(f.SIEM_REAP))
    first_number = int(first.reference[-5:])
    assert second.reference == f"{first.reference[:-5]}{first_number + 1:05d}"
    assert other_province.reference.startswith("SZ-SR-")
    reference = first.reference
    first.notes = "corrected"
    first.save()
    first.refresh_from_db()
    assert first.reference == reference
