"""Small record factories for tests: each takes the few fields a test cares about."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import count
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from sahakar.accounts.models import Profile, Role, RoleAssignment
from sahakar.agencies.models import Agency
from sahakar.geo.models import OrgUnit
from sahakar.operations.models import Inspection, Operation
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.substances.models import Substance
from sahakar.venues.models import Venue

_seq = count(1)


def _next() -> int:
    """A number no other test record has used, for unique names."""
    return next(_seq)


PHNOM_PENH, SIEM_REAP = "12", "17"
PASSWORD = "correct horse battery staple"


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def first_district(province_code: str) -> OrgUnit:
    return OrgUnit.objects.filter(parent__code=province_code).order_by("code").first()  # type: ignore[return-value]


def nation() -> OrgUnit:
    return OrgUnit.objects.get(parent__isnull=True)


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def make_user(username: str, role: str, jurisdiction: OrgUnit, agency_code: str) -> Any:
    """A user of `agency_code` holding `role` (a code of the role table) over `jurisdiction`."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    RoleAssignment.objects.create(
        user=user, role=Role.objects.get(code=role), jurisdiction=jurisdiction
    )
    Profile.objects.create(user=user, agency=agency(agency_code))
    return user


def make_venue(org_unit: OrgUnit, **fields: Any) -> Venue:
    values = {"name": f"Venue {next(_seq)}", "kind": "karaoke", "org_unit": org_unit, **fields}
    return Venue.objects.create(**values)


def make_operation(
    org_unit: OrgUnit, lead: str = "ADD", status: str = "planned", **fields: Any
) -> Operation:
    """A six-hour operation that began two hours ago. Started ("active") or "closed", it ran
    from its planned start (to its planned end when closed): records can be linked to it."""
    start = fields.pop("planned_start", timezone.now() - timedelta(hours=2))
    if status != "planned":
        fields.setdefault("actual_start", start)
    if status == "closed":
        fields.setdefault("actual_end", start + timedelta(hours=6))
    values = {
        "status": status,
        "title": f"Operation {next(_seq)}",
        "kind": "raid",
        "lead_agency": agency(lead),
        "commander": "Col. Demo Commander",
        "org_unit": org_unit,
        "planned_start": start,
        "planned_end": start + timedelta(hours=6),
        **fields,
    }
    return Operation.objects.create(**values)


def make_inspection(operation: Operation, venue: Venue, **fields: Any) -> Inspection:
    values = {
        "operation": operation,
        "venue": venue,
        "inspected_at": operation.planned_start + timedelta(hours=1),
        "result": "nothing_found",
        **fields,
    }
    return Inspection.objects.create(**values)


def make_seizure(org_unit: OrgUnit, agency_code: str = "ADD", **fields: Any) -> Seizure:
    values = {
        "seized_at": timezone.now() - timedelta(hours=1),
        "org_unit": org_unit,
        "place_description": "National road 5, km 12",
        "seizing_agency": agency(agency_code),
        **fields,
    }
    return Seizure.objects.create(**values)


def make_item(
    seizure: Seizure,
    substance: str = "METH",
    form: str = "tablet",
    quantity: str = "2000",
    unit_: str = "tablets",
    **fields: Any,
) -> SeizureItem:
    return SeizureItem.objects.create(
        seizure=seizure,
        substance=Substance.objects.get(code=substance),
        form=form,
        quantity=Decimal(quantity),
        unit=unit_,
        **fields,
    )


def make_person(org_unit: OrgUnit, **fields: Any) -> Person:
    values = {
        "name_latin": f"Demo Person {next(_seq)}",
        "sex": "M",
        "birth_year": 1990,
        "org_unit": org_unit,
        **fields,
    }
    return Person.objects.create(**values)
