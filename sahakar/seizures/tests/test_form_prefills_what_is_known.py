"""A new seizure's page is filled with what is known: the time now (local, to the minute),
the officer's one jurisdiction and their own agency. An edit shows what was recorded."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from sahakar.accounts.models import RoleAssignment
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 2, 17, 42, tzinfo=UTC)  # 09:17 in Phnom Penh


@time_machine.travel(NOW, tick=False)
def test_it_fills_in_the_time_the_jurisdiction_and_the_agency(web: Client, pp_officer) -> None:
    form = web.get("/seizures/add/").context["form"]
    assert form["seized_at"].value().strftime("%Y-%m-%dT%H:%M") == "2026-03-02T09:17"
    assert 'value="2026-03-02T09:17"' in str(form["seized_at"])
    assert form["org_unit"].value() == f.unit(f.PHNOM_PENH).pk
    assert form["seizing_agency"].value() == f.agency("ADB-PP").pk


@time_machine.travel(NOW, tick=False)
def test_it_leaves_the_org_unit_to_pick_for_an_officer_of_two(web: Client, pp_officer) -> None:
    RoleAssignment.objects.create(
        user=pp_officer,
        role=RoleAssignment.objects.get(user=pp_officer).role,
        jurisdiction=f.unit(f.SIEM_REAP),
    )
    form = web.get("/seizures/add/").context["form"]
    assert form["org_unit"].value() is None
    assert form["seized_at"].value() is not None


@time_machine.travel(NOW, tick=False)
def test_it_keeps_a_value_given_by_the_page_it_came_from(web: Client) -> None:
    district = f.first_district(f.PHNOM_PENH)
    form = web.get("/seizures/add/", {"org_unit": district.pk}).context["form"]
    assert str(form["org_unit"].value()) == str(district.pk)
