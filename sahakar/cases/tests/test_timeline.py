"""The case page tells the whole story in time order, as one list: operation, seizure, arrest,
custody outcome, referral, stage changes, hearings and judgments."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from sahakar.arrests import services as arrest_services
from sahakar.arrests.tests.conftest import record as record_arrest
from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.tests.conftest import first_defendant, make_arrest
from sahakar.cases.timeline import case_timeline
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock time in the deployment's zone (Phnom Penh)."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))  # noqa: DTZ001


@pytest.fixture
def story(pp_investigator: Any) -> Any:
    """A raid, what it seized, the arrest, the custody outcome, and the case up to judgment,
    recorded out of order."""
    pp = f.unit(f.PHNOM_PENH)
    operation = f.make_operation(pp, planned_start=_local(2024, 5, 1, 20, 0))
    seizure = f.make_seizure(pp, seized_at=_local(2024, 5, 1, 22, 0), operation=operation)
    f.make_item(seizure)
    arrest = make_arrest(
        pp, arrested_at=_local(2024, 5, 1, 22, 30), seizures=(seizure,), outcome="referred"
    )
    case = services.open_case(
        acting_user=pp_investigator,
        title="Raid on Sky KTV",
        org_unit=pp,
        court=f.agency("CFI-PP"),
        arrests=[arrest],
    )
    services.refer_to_prosecutor(
        case,
        referred_on=_local(2024, 5, 3, 0, 0).date(),
        office=f.agency("PPO-PP"),
        receipt_reference="PPO/2024/55",
        acting_user=pp_investigator,
    )
    for stage, at in (
        (Stage.CHARGED, _local(2024, 5, 4, 10, 0)),
        (Stage.AT_TRIAL, _local(2024, 9, 2, 8, 0)),
    ):
        services.change_stage(case, stage, acting_user=pp_investigator, at=at)
    services.record_hearing(
        case,
        held_on=_local(2024, 9, 2, 0, 0).date(),
        outcome="Evidence heard",
        acting_user=pp_investigator,
    )
    services.change_stage(
        case, Stage.JUDGMENT, acting_user=pp_investigator, at=_local(2024, 9, 16, 9, 0)
    )
    services.record_defendant_outcome(
        first_defendant(case),
        outcome="convicted",
        outcome_on=_local(2024, 9, 16, 0, 0).date(),
        sentence_months=84,
        acting_user=pp_investigator,
    )
    return case


def test_it_merges_every_event_in_time_order(story: Any, pp_investigator: Any) -> None:
    entries = case_timeline(story, pp_investigator)
    kinds = [e.kind for e in entries]
    assert kinds == [
        "operation",
        "seizure",
        "arrest",
        "custody",
        "stage",  # referred, 3 May 2024
        "stage",  # charged
        "hearing",  # 2 September (a date: the start of that day)
        "stage",  # at trial, 2 September 08:00
        "judgment",  # 16 September (a date)
        "stage",  # judgment given, 16 September 09:00
        "opened",  # the case file itself was opened today
    ]
    referral = entries[4]
    assert "Referred on 2024-05-03" in referral.detail and "PPO/2024/55" in referral.detail
    assert entries[8].detail == "84 months"
    assert all(a.when <= b.when for a, b in pairwise(entries))


def test_it_leaves_out_linked_records_the_user_may_not_see(
    story: Any, pp_investigator: Any
) -> None:
    far = f.make_seizure(
        f.unit(f.SIEM_REAP), "ADB-SR", seized_at=timezone.now() - timedelta(days=1)
    )
    f.make_item(far)
    story.seizures.add(far)
    pp_only = case_timeline(story, pp_investigator)
    assert far.reference not in " ".join(e.title for e in pp_only)
    national = f.make_user("national_investigator", "investigator", f.nation(), "ADD")
    assert far.reference in " ".join(e.title for e in case_timeline(story, national))


def test_it_shows_the_story_on_the_case_page(
    client: Client, story: Any, pp_investigator: Any
) -> None:
    client.force_login(pp_investigator)
    page = client.get(story.get_absolute_url()).content.decode()
    order = [
        "Operation OP-",
        "Seizure SZ-",
        "Arrest AR-",
        "Custody ended for",
        "Referred on 2024-05-03",
        "Hearing",
        "convicted",
    ]
    positions = [page.index(text, page.index("The story of the case")) for text in order]
    assert positions == sorted(positions)


def test_it_tells_the_corrections_of_custody_times(pp_investigator: Any) -> None:
    with time_machine.travel(_local(2026, 3, 10, 12, 0), tick=False):
        arrest = record_arrest(arrived_at=timezone.now() - timedelta(hours=50))
        case = services.open_case(
            acting_user=pp_investigator,
            title="Corrected arrival",
            org_unit=f.unit(f.PHNOM_PENH),
            arrests=[arrest],
        )
        arrest_services.correct_custody_times(
            arrest,
            arrived_at=timezone.now() - timedelta(hours=30),
            reason="The unit's register gives 06:00.",
            acting_user=pp_investigator,
        )
        entries = case_timeline(case, pp_investigator)
    [corrected] = [e for e in entries if "Custody times corrected" in e.title]
    assert corrected.kind == "custody"
    assert "arrival at the unit: 2026-03-08 10:00 → 2026-03-09 06:00" in corrected.title
    assert corrected.detail == "The unit's register gives 06:00."
    assert corrected.by == pp_investigator.get_username()
