"""Records linked to each other as a raid leaves them, for the connected-records tests: an
arrest of a person, the seizure made with it, and the case file opened on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from sahakar.arrests.models import Arrest
from sahakar.cases import services
from sahakar.cases.models import CaseFile
from sahakar.geo.models import OrgUnit
from sahakar.operations.models import Operation
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure
from sahakar.testing import factories as f

# The moment the tests are frozen at (time_machine): a weekday morning in Phnom Penh.
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@dataclass
class Connected:
    arrest: Arrest
    seizure: Seizure
    case: CaseFile


def connect(
    person: Person,
    org_unit: OrgUnit,
    agency: str = "ADB-PP",
    operation: Operation | None = None,
    with_case: bool = True,
) -> Connected:
    """An arrest of `person` in `org_unit` a day before NOW, a seizure linked to it and
    (unless `with_case` is False) a case file with the arrest as its defendant."""
    at = NOW - timedelta(days=1)
    seizure = f.make_seizure(org_unit, agency, seized_at=at, operation=operation)
    f.make_item(seizure)
    arrest = Arrest.objects.create(
        person=person,
        arrested_at=at,
        arrived_at=at + timedelta(minutes=30),
        org_unit=org_unit,
        place_description="Street 271",
        arresting_agency=f.agency(agency),
        suspect_role="dealer",
        custody_deadline=at + timedelta(hours=48, minutes=30),
        operation=operation,
    )
    arrest.seizures.add(seizure)
    case = None
    if with_case:
        case = services.open_case(
            acting_user=_recorder(), title="Street 271 ring", org_unit=org_unit, arrests=[arrest]
        )
    return Connected(arrest=arrest, seizure=seizure, case=case)  # type: ignore[arg-type]


def _recorder() -> Any:
    """A national administrator who opens the case files (the services check scope)."""
    found = get_user_model().objects.filter(username="connected_recorder").first()
    return found or f.make_user("connected_recorder", "administrator", f.nation(), "ADD")


def related_html(page: str) -> str:
    """The related sections of a page, without the rest of it."""
    return "".join(re.findall(r'<section class="related".*?</section>', page, re.S))


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)
