"""An exhibit with a realistic chain for custody report tests: intake, a move to the safe, a
hand-over to the laboratory, its receipt, the laboratory's result and a correction."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sahakar.evidence import services
from sahakar.evidence.models import Exhibit
from sahakar.testing import factories as f
from sahakar.testing.evidence import EvidenceRoom, take_in


def custody_chain(room: EvidenceRoom, start: datetime, seizure: Any = None) -> Exhibit:
    """Six events an hour apart from `start` (which must be at least six hours ago)."""
    hour = timedelta(hours=1)
    if seizure is None:
        seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP", seized_at=start - hour)
    exhibit = take_in(room, seizure, at=start)
    services.move(
        exhibit,
        "transfer",
        to_store=room.vault,
        to_location=room.safe,
        occurred_at=start + hour,
        acting_user=room.custodian,
    )
    services.move(
        exhibit,
        "lab_submission",
        to_store=room.lab,
        carrier="Courier officer",
        occurred_at=start + 2 * hour,
        acting_user=room.custodian,
    )
    services.receive(exhibit, occurred_at=start + 3 * hour, acting_user=room.lab_analyst)
    result = services.record_lab_result(
        exhibit,
        substance_confirmed=True,
        purity_percent=Decimal("24.5"),
        net_quantity=Decimal("1998"),
        net_unit="tablets",
        sample_retained=True,
        sample_quantity=Decimal("20"),
        lab_reference="NL-2026-0042",
        occurred_at=start + 4 * hour,
        acting_user=room.lab_analyst,
    )
    services.correct(
        exhibit,
        event=result,
        note="Laboratory reference typed without its year; the file is NL-2026-0042.",
        occurred_at=start + 5 * hour,
        acting_user=room.lab_analyst,
    )
    exhibit.refresh_from_db()
    return exhibit
