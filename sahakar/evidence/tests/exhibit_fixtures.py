"""Exhibits for the page and API tests: a fixed morning, a photo, an exhibit on its way from
Siem Reap to the national laboratory."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sahakar.evidence import services
from sahakar.evidence.models import Exhibit
from sahakar.testing import factories as f
from sahakar.testing.evidence import EvidenceRoom

MORNING = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 09:00 in Phnom Penh


def photo(kind: str = "PNG", name: str = "package.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def in_transit_from_siem_reap(room: EvidenceRoom) -> Exhibit:
    """Seized in Siem Reap, sealed into the Siem Reap vault, handed over to the laboratory."""
    seizure = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    item = f.make_item(seizure, quantity="500", unit_="tablets")
    exhibit = services.create_exhibit(
        seizure,
        items=[item],
        seal_number="SR-SEAL-1",
        description="Bag of tablets from Siem Reap",
        store=room.sr_vault,
        gross_weight_g=Decimal("80"),
        net_quantity=Decimal("500"),
        net_unit="tablets",
        acting_user=room.sr_custodian,
    )
    services.move(
        exhibit,
        "lab_submission",
        to_store=room.lab,
        carrier="Cpl. Courier",
        acting_user=room.sr_custodian,
    )
    exhibit.refresh_from_db()
    return exhibit


def signed_in(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client
