"""Helpers for case file tests: arrests to build cases from, and a way to bring a case to any
stage through the services, as a user would. The investigator and prosecutor personas live in
the root conftest."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from sahakar.arrests.models import Arrest, CustodyOutcome
from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile, Defendant
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import Seizure
from sahakar.testing import factories as f


def make_arrest(
    org_unit: OrgUnit,
    agency_code: str = "ADB-PP",
    arrested_at: datetime | None = None,
    seizures: tuple[Seizure, ...] = (),
    outcome: str | None = None,
    **fields: Any,
) -> Arrest:
    """An arrest as arrests.services would leave it (deadline 48 hours after arrival)."""
    arrested_at = arrested_at or timezone.now() - timedelta(days=3)
    values = {
        "person": f.make_person(org_unit),
        "arrested_at": arrested_at,
        "arrived_at": arrested_at + timedelta(minutes=30),
        "org_unit": org_unit,
        "place_description": "Street 271",
        "arresting_agency": f.agency(agency_code),
        "suspect_role": "dealer",
        "custody_deadline": arrested_at + timedelta(hours=48, minutes=30),
        **fields,
    }
    arrest = Arrest.objects.create(**values)
    arrest.seizures.add(*seizures)
    if outcome is not None:
        CustodyOutcome.objects.create(
            arrest=arrest, kind=outcome, decided_at=arrested_at + timedelta(hours=20)
        )
    return arrest


def make_case(
    user: Any,
    org_unit: OrgUnit | None = None,
    defendants: int = 1,
    arrested_at: datetime | None = None,
    **fields: Any,
) -> CaseFile:
    """A case under investigation with `defendants` arrested persons (at `arrested_at`,
    default three days ago), opened by `user`."""
    org_unit = org_unit or f.unit(f.PHNOM_PENH)
    arrests = [make_arrest(org_unit, arrested_at=arrested_at) for _ in range(defendants)]
    values = {"title": "Yaba ring, Street 271", "org_unit": org_unit, **fields}
    return services.open_case(acting_user=user, arrests=arrests, **values)


def bring_to(case: CaseFile, stage: str, user: Any, when: datetime | None = None) -> CaseFile:
    """Move the case forward through every stage up to `stage`, as a user would, all at
    `when` (default now). Names the court first when the case is to go to trial."""
    order = list(Stage.values)
    if case.court_id is None and order.index(stage) >= order.index(Stage.AT_TRIAL):
        case.court = f.agency("CFI-PP")
        case.save()
    while order.index(case.stage) < order.index(stage):
        following = order[order.index(case.stage) + 1]
        if following == Stage.REFERRED:
            day = timezone.localdate(when) if when else timezone.localdate()
            services.refer_to_prosecutor(
                case,
                referred_on=day,
                office=f.agency("PPO-PP"),
                receipt_reference="R-1",
                acting_user=user,
            )
            if when is not None:
                case.stage_changes.filter(to_stage=Stage.REFERRED).update(at=when)
        elif following == Stage.CLOSED:
            for defendant in case.defendants.all():
                if defendant.outcome == "pending":
                    services.record_defendant_outcome(
                        defendant,
                        outcome="acquitted",
                        outcome_on=timezone.localdate(),
                        acting_user=user,
                    )
            services.change_stage(case, following, acting_user=user, at=when)
        else:
            services.change_stage(case, following, acting_user=user, at=when)
    case.refresh_from_db()
    return case


def first_defendant(case: CaseFile) -> Defendant:
    defendant = case.defendants.select_related("case", "arrest__person").first()
    assert defendant is not None
    return defendant
