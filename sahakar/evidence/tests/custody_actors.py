"""Fixtures for the tests of the custody pages and API: the evidence room's custodians as
personas (for `signed_in("custodian")` and `api_as("lab_analyst")`), a fixed clock, and
helpers that build the chains the tests start from."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sahakar.evidence import services
from sahakar.evidence.choices import EventKind
from sahakar.evidence.models import CustodyEvent, Exhibit
from sahakar.seizures.models import SeizedProperty
from sahakar.testing import factories as f
from sahakar.testing.evidence import EvidenceRoom

NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 09:00 in Phnom Penh


@pytest.fixture(autouse=True)
def clock() -> Iterator[Any]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def exhibit_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exhibit's own page is another part's: where it is not there yet, the redirect
    goes to the address it will have."""
    try:
        reverse("evidence:exhibit_detail", args=[1])
    except NoReverseMatch:
        monkeypatch.setattr(
            Exhibit, "get_absolute_url", lambda self: f"/evidence/exhibits/{self.pk}/"
        )


@pytest.fixture
def custodian(room: EvidenceRoom) -> Any:
    """Custodian of the Phnom Penh bureau's vault and property room."""
    return room.custodian


@pytest.fixture
def lab_analyst(room: EvidenceRoom) -> Any:
    """Custodian of the national laboratory (NACD)."""
    return room.lab_analyst


@pytest.fixture
def court_clerk(room: EvidenceRoom) -> Any:
    """Custodian of the Phnom Penh court registry."""
    return room.court_clerk


@pytest.fixture
def sr_custodian(room: EvidenceRoom) -> Any:
    """Custodian of the Siem Reap vault: Phnom Penh's exhibits are out of their sight."""
    return room.sr_custodian


def events() -> int:
    return CustodyEvent.objects.count()


def fresh(exhibit: Exhibit) -> Exhibit:
    return Exhibit.objects.get(pk=exhibit.pk)


def at_the_lab(room: EvidenceRoom, exhibit: Exhibit) -> Exhibit:
    """Submitted to the national laboratory and received there."""
    services.move(exhibit, EventKind.LAB_SUBMISSION, to_store=room.lab, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.lab_analyst)
    return fresh(exhibit)


def property_exhibit(room: EvidenceRoom, seal: str = "P-1") -> Exhibit:
    """A seized phone, sealed and kept in the property room."""
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    phone = SeizedProperty.objects.create(seizure=seizure, kind="phone", count=1)
    return services.create_exhibit(
        seizure,
        property_items=[phone],
        seal_number=seal,
        description="Phone",
        store=room.property_room,
        acting_user=room.custodian,
    )


def destroyed(room: EvidenceRoom, exhibit: Exhibit) -> Exhibit:
    """The end of a chain as a destruction batch (another part's service) writes it."""
    with transaction.atomic():
        locked = services._locked(exhibit)
        services._append(
            locked,
            EventKind.DESTROYED,
            acting_user=room.site_keeper,
            occurred_at=timezone.now(),
            from_store=locked.store,
        )
    return fresh(exhibit)


def last_event(exhibit: Exhibit) -> CustodyEvent:
    return exhibit.events.order_by("-seq")[0]
