"""Exhibits ready for disposal and destruction, made through the services as users would."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from sahakar.cases.tests.conftest import make_arrest
from sahakar.evidence import services
from sahakar.evidence.disposal import approve_disposal
from sahakar.evidence.models import Exhibit
from sahakar.testing import factories as f
from sahakar.testing.evidence import EvidenceRoom, take_in


def eligible_exhibit(room: EvidenceRoom, **take: Any) -> Exhibit:
    """An exhibit whose only suspect was released: eligible for disposal after the verdict."""
    exhibit = take_in(room, **take)
    make_arrest(f.unit(f.PHNOM_PENH), seizures=(exhibit.seizure,), outcome="released")
    return exhibit


def analysed(room: EvidenceRoom, exhibit: Exhibit, *, sample: bool = True) -> Exhibit:
    """Sent to the laboratory, received, analysed (a sample kept), and left there."""
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.lab_analyst)
    services.record_lab_result(
        exhibit,
        substance_confirmed=True,
        purity_percent=Decimal("21.5"),
        net_quantity=exhibit.net_quantity,
        net_unit=exhibit.net_unit,
        sample_retained=sample,
        sample_quantity=Decimal("20") if sample else None,
        lab_reference=f"NL-{exhibit.pk}",
        acting_user=room.lab_analyst,
    )
    exhibit.refresh_from_db()
    return exhibit


def approve(exhibit: Exhibit, prosecutor: Any, order: str = "PPO-PP/ORD/1") -> Any:
    return approve_disposal(
        exhibit,
        basis="verdict",
        authority="prosecutor",
        order_reference=order,
        ordered_on=timezone.localdate(),
        note="",
        acting_user=prosecutor,
    )


def at_site(room: EvidenceRoom, exhibit: Exhibit) -> Exhibit:
    """Brought from where it is held to the destruction site, and received there."""
    exhibit.refresh_from_db()
    holder = room.custodian if exhibit.store == room.vault else room.lab_analyst
    services.move(exhibit, "transfer", to_store=room.site, acting_user=holder)
    exhibit.refresh_from_db()
    if exhibit.status == "in_transit":
        services.receive(exhibit, acting_user=room.site_keeper)
    exhibit.refresh_from_db()
    return exhibit


def ready_to_destroy(room: EvidenceRoom, prosecutor: Any, **take: Any) -> Exhibit:
    exhibit = eligible_exhibit(room, **take)
    approve(exhibit, prosecutor, order=f"PPO-PP/ORD/{exhibit.pk}")
    return at_site(room, exhibit)


def outside_witnesses() -> list[dict[str, Any]]:
    return [
        {"name": "Witness One", "position": "Deputy prosecutor", "agency": f.agency("PPO-PP")},
        {"name": "Witness Two", "position": "Health inspector", "agency": f.agency("MOH")},
    ]


def destruction_values(room: EvidenceRoom, exhibits: list[Exhibit], **over: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "exhibits": exhibits,
        "destroyed_at": timezone.now(),
        "org_unit": f.unit(f.PHNOM_PENH),
        "site": room.site,
        "place": "NACD incinerator, Phnom Penh",
        "method": "incineration",
        "order_references": "PPO-PP/ORD/2026-001",
        "committee_members": "Chair, NACD\nMember, ADB-PP",
        "witnesses": outside_witnesses(),
        "acting_user": room.site_keeper,
    }
    values.update(over)
    return values
