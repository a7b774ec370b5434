"""The evidence room for tests: stores of several agencies, their custodians, and exhibits.

`evidence_room()` builds, in Phnom Penh: the anti-drug bureau's drug vault (ADB-PP) and its
property room for non-drug property, the national laboratory (NACD), the court registry
(CFI-PP) and the destruction site (NACD), each with one custodian; and in Siem Reap the
bureau's vault (ADB-SR) with its own custodian.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sahakar.evidence import services
from sahakar.evidence.models import EvidenceStore, Exhibit, StoreCustodian, StoreLocation
from sahakar.seizures.models import Seizure
from sahakar.testing import factories as f


def make_store(
    code: str, kind: str, agency_code: str, org_unit_code: str = f.PHNOM_PENH, **fields: Any
) -> EvidenceStore:
    values = {
        "code": code,
        "name": f"Store {code}",
        "kind": kind,
        "agency": f.agency(agency_code),
        "org_unit": f.unit(org_unit_code),
        "holds_drugs": kind != "property_room",
        **fields,
    }
    return EvidenceStore.objects.create(**values)


def make_location(store: EvidenceStore, code: str) -> StoreLocation:
    return StoreLocation.objects.create(store=store, code=code, description=f"Shelf {code}")


def assign(user: Any, store: EvidenceStore, at: datetime | None = None) -> StoreCustodian:
    return StoreCustodian.objects.create(store=store, user=user, assigned_at=at or timezone.now())


def make_custodian(
    username: str,
    store: EvidenceStore,
    org_unit_code: str = f.PHNOM_PENH,
    agency_code: str | None = None,
    role: str = "evidence_custodian",
) -> Any:
    user = f.make_user(username, role, f.unit(org_unit_code), agency_code or store.agency.code)
    assign(user, store)
    return user


@dataclass
class EvidenceRoom:
    vault: EvidenceStore
    shelf: StoreLocation
    safe: StoreLocation
    property_room: EvidenceStore
    lab: EvidenceStore
    court: EvidenceStore
    site: EvidenceStore
    sr_vault: EvidenceStore
    custodian: Any  # of the vault and the property room
    lab_analyst: Any
    court_clerk: Any
    site_keeper: Any
    sr_custodian: Any


def evidence_room() -> EvidenceRoom:
    vault = make_store("PP-VAULT", "drug_vault", "ADB-PP")
    property_room = make_store("PP-PROP", "property_room", "ADB-PP")
    lab = make_store("NACD-LAB", "laboratory", "NACD")
    court = make_store("CFI-PP-REG", "court_registry", "CFI-PP")
    site = make_store("NACD-DEST", "destruction_site", "NACD")
    sr_vault = make_store("SR-VAULT", "drug_vault", "ADB-SR", f.SIEM_REAP)
    custodian = make_custodian("pp_custodian", vault)
    assign(custodian, property_room)
    return EvidenceRoom(
        vault=vault,
        shelf=make_location(vault, "A1"),
        safe=make_location(vault, "SAFE"),
        property_room=property_room,
        lab=lab,
        court=court,
        site=site,
        sr_vault=sr_vault,
        custodian=custodian,
        lab_analyst=make_custodian("lab_analyst", lab, agency_code="NACD"),
        court_clerk=make_custodian("court_clerk", court, agency_code="CFI-PP"),
        site_keeper=make_custodian("site_keeper", site, agency_code="NACD"),
        sr_custodian=make_custodian("sr_custodian", sr_vault, f.SIEM_REAP),
    )


_seals = iter(range(1, 10**9))


def take_in(
    room: EvidenceRoom,
    seizure: Seizure | None = None,
    *,
    quantity: str = "2000",
    unit: str = "tablets",
    net: str | None = None,
    seal: str | None = None,
    at: datetime | None = None,
) -> Exhibit:
    """A seizure of METH tablets (made if not given), sealed whole and taken into the vault."""
    if seizure is None:
        seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    item = f.make_item(seizure, quantity=quantity, unit_=unit)
    return services.create_exhibit(
        seizure,
        items=[item],
        seal_number=seal or f"SEAL-{next(_seals):06d}",
        description="Sealed bag of tablets",
        store=room.vault,
        location=room.shelf,
        gross_weight_g=Decimal("250"),
        net_quantity=Decimal(net or quantity),
        net_unit=unit,
        received_at=at,
        acting_user=room.custodian,
    )
