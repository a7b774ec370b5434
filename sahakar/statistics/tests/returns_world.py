"""A small, fixed world for the returns tests: seizures, arrests and a case file in Phnom Penh
and Siem Reap during 2026, each written at its own moment (time-machine), the analytics
tables then brought up to date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from sahakar.arrests.models import Arrest
from sahakar.cases import services
from sahakar.cases.models import Defendant
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import Seizure
from sahakar.statistics.refresh import rebuild
from sahakar.testing import factories as f

PHNOM_PENH_TIME = ZoneInfo("Asia/Phnom_Penh")
TODAY = datetime(2026, 8, 20, 12, 0, tzinfo=PHNOM_PENH_TIME)


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=PHNOM_PENH_TIME)


@dataclass
class World:
    known: Seizure  # Phnom Penh, 10 March 2026, at a karaoke: everything known
    siem_reap: Seizure
    arrests: list[Arrest]


def _seizure(org_unit: OrgUnit, moment: datetime, **fields: Any) -> Seizure:
    with time_machine.travel(moment + timedelta(hours=1), tick=False):
        return f.make_seizure(org_unit, "ADB-PP", seized_at=moment, **fields)


def _arrest(org_unit: OrgUnit, moment: datetime, sex: str, nationality: str, role: str) -> Arrest:
    with time_machine.travel(moment + timedelta(hours=1), tick=False):
        person = f.make_person(org_unit, sex=sex, nationality=nationality)
        return Arrest.objects.create(
            person=person,
            arrested_at=moment,
            arrived_at=moment + timedelta(minutes=30),
            org_unit=org_unit,
            place_description="Street 271",
            arresting_agency=f.agency("ADB-PP"),
            suspect_role=role,
            custody_deadline=moment + timedelta(hours=48, minutes=30),
        )


def build(investigator: Any) -> World:
    """Builds the world; `investigator` (Phnom Penh) opens and refers the case file."""
    pp, sr = f.first_district(f.PHNOM_PENH), f.unit(f.SIEM_REAP)
    karaoke = f.make_venue(pp, kind="karaoke")
    known = _seizure(pp, at(2026, 3, 10), venue=karaoke)
    f.make_item(
        known,
        "METH",
        "tablet",
        "2000",
        "tablets",
        transport="road",
        origin_country="MM",
        transit_countries=["LA", "TH"],
        destination_country="AU",
    )
    f.make_item(known, "KET", "liquid", "500", "ml")  # nothing else known
    siem_reap = _seizure(sr, at(2026, 5, 2))
    f.make_item(
        siem_reap, "CANN", "plant_material", "3", "kg", transport="sea", origin_country="LA"
    )
    july = _seizure(pp, at(2026, 7, 15))
    f.make_item(july, "METH", "crystal", "250", "g", destination_country="TH")
    earlier = _seizure(pp, at(2025, 12, 30))  # the year before
    f.make_item(earlier, "HER", "powder", "1", "kg")

    arrests = [
        _arrest(pp, at(2026, 3, 10), "M", "KH", "user"),
        _arrest(pp, at(2026, 3, 10), "F", "VN", "trafficker"),
        _arrest(pp, at(2026, 7, 20), "M", "CN", "dealer"),
        _arrest(sr, at(2026, 5, 2), "M", "KH", "trafficker"),
        _arrest(pp, at(2026, 2, 1), "U", "", "user"),
        _arrest(pp, at(2025, 11, 1), "M", "TH", "dealer"),  # the year before
    ]
    with time_machine.travel(at(2026, 3, 11), tick=False):
        case = services.open_case(
            acting_user=investigator,
            arrests=arrests[:2],
            title="Karaoke ring",
            org_unit=pp,
        )
    with time_machine.travel(at(2026, 3, 12), tick=False):
        services.refer_to_prosecutor(
            case,
            referred_on=date(2026, 3, 12),
            office=f.agency("PPO-PP"),
            acting_user=investigator,
            receipt_reference="R-1",
        )
    # A verdict without the trial that leads to it: written past the services, so rebuilt.
    Defendant.objects.filter(arrest=arrests[1]).update(
        outcome="convicted", outcome_on=date(2026, 6, 1)
    )
    rebuild()
    return World(known, siem_reap, arrests)


def analyst_of(province_code: str) -> Any:
    """An analyst working in one province only."""
    return f.make_user(f"analyst_{province_code}", "analyst", f.unit(province_code), "ADB-PP")
