"""Referring a case ends its defendants' police custody: each defendant still held gets the
custody outcome "referred to the prosecutor", recorded in the same transaction as the referral
and pointing to it; if any outcome cannot be recorded, the case is not referred."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.arrests.choices import CustodyOutcomeKind
from sahakar.arrests.models import Arrest, CustodyOutcome
from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile, Referral, StageChange
from sahakar.cases.tests.conftest import make_arrest
from sahakar.cases.timeline import case_timeline
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 3, 10, 12, 0))  # noqa: DTZ001 (Phnom Penh time)


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def held_case(pp_investigator: Any) -> CaseFile:
    """Two defendants held for 44 hours (due within the hour), and one already released."""
    pp = f.unit(f.PHNOM_PENH)
    arrested = timezone.now() - timedelta(hours=44)
    arrests = [make_arrest(pp, arrested_at=arrested) for _ in range(2)]
    arrests.append(make_arrest(pp, arrested_at=arrested, outcome=CustodyOutcomeKind.RELEASED))
    return services.open_case(
        acting_user=pp_investigator, title="Yaba ring", org_unit=pp, arrests=arrests
    )


def _held(case: CaseFile) -> list[Arrest]:
    return list(Arrest.objects.filter(case_defendants__case=case).open().order_by("pk"))


def _due_ids(api: APIClient) -> set[int]:
    return {row["id"] for row in api.get("/api/v1/arrests/due/").json()["results"]}


def _refer(case: CaseFile, user: Any) -> Referral:
    return services.refer_to_prosecutor(
        case,
        referred_on=timezone.localdate(),
        office=f.agency("PPO-PP"),
        receipt_reference="PPO/2026/77",
        acting_user=user,
    )


def test_it_ends_the_custody_of_every_defendant_still_held(
    held_case: CaseFile, pp_investigator: Any, api: APIClient
) -> None:
    api.force_authenticate(pp_investigator)
    held = _held(held_case)
    assert len(held) == 2
    assert {a.pk for a in held} <= _due_ids(api)
    released = CustodyOutcome.objects.get(arrest__case_defendants__case=held_case)

    referral = _refer(held_case, pp_investigator)

    assert _held(held_case) == []
    outcomes = list(referral.custody_outcomes.order_by("arrest_id"))
    assert [o.arrest_id for o in outcomes] == [a.pk for a in held]
    for outcome in outcomes:
        assert outcome.kind == CustodyOutcomeKind.REFERRED
        assert outcome.decided_at == timezone.now()
        assert outcome.referral == referral and outcome.referral.case == held_case
        assert outcome.reference == "PPO/2026/77"
        assert held_case.reference in outcome.reason
    assert CustodyOutcome.objects.get(pk=released.pk).kind == CustodyOutcomeKind.RELEASED
    assert not {a.pk for a in held} & _due_ids(api)


def test_the_case_story_and_the_arrest_page_show_the_custody_ended_by_the_referral(
    held_case: CaseFile, pp_investigator: Any, client: Client
) -> None:
    _refer(held_case, pp_investigator)
    entries = case_timeline(held_case, pp_investigator)
    ended = [e for e in entries if "referral of case file" in e.detail]
    assert len(ended) == 2
    assert all(held_case.reference in e.detail and e.kind == "custody" for e in ended)
    client.force_login(pp_investigator)
    arrest = Arrest.objects.filter(case_defendants__case=held_case).order_by("pk").first()
    assert arrest is not None
    page = client.get(arrest.get_absolute_url()).content.decode()
    assert f"With case file {held_case.reference}" in page


def test_the_referral_page_and_the_api_end_custody(
    pp_investigator: Any, client: Client, api: APIClient
) -> None:
    pp = f.unit(f.PHNOM_PENH)
    by_page, by_api = (
        services.open_case(
            acting_user=pp_investigator, title=title, org_unit=pp, arrests=[make_arrest(pp)]
        )
        for title in ("By page", "By API")
    )
    client.force_login(pp_investigator)
    response = client.post(
        f"/cases/{by_page.pk}/referral/",
        {
            "referred_on": timezone.localdate().isoformat(),
            "prosecution_office": f.agency("PPO-PP").pk,
            "version": by_page.version,
        },
    )
    assert response.status_code == 302
    api.force_authenticate(pp_investigator)
    answered = api.post(
        f"/api/v1/cases/{by_api.pk}/referral/",
        {"referred_on": timezone.localdate().isoformat(), "prosecution_office": "PPO-PP"},
        format="json",
    )
    assert answered.status_code == 200, answered.content
    for case in (by_page, by_api):
        assert _held(case) == []
        outcome = CustodyOutcome.objects.get(arrest__case_defendants__case=case)
        assert outcome.referral == Referral.objects.get(case=case)


def _untouched(case: CaseFile) -> tuple[Any, ...]:
    stored = CaseFile.objects.get(pk=case.pk)
    return (
        stored.stage,
        stored.version,
        StageChange.objects.filter(case=case).count(),
        Referral.objects.filter(case=case).count(),
        CustodyOutcome.objects.filter(arrest__case_defendants__case=case).count(),
    )


def test_it_does_not_refer_the_case_when_an_outcome_cannot_be_saved(
    held_case: CaseFile, pp_investigator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _untouched(held_case)
    saved = CustodyOutcome.save
    calls = []

    def second_fails(self: CustodyOutcome, *args: Any, **kwargs: Any) -> None:
        calls.append(self)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        saved(self, *args, **kwargs)

    monkeypatch.setattr(CustodyOutcome, "save", second_fails)
    with pytest.raises(RuntimeError):
        _refer(held_case, pp_investigator)
    assert _untouched(held_case) == before
    assert held_case.stage == Stage.INVESTIGATION
    assert len(_held(held_case)) == 2


def test_it_refuses_a_referral_dated_before_a_defendant_arrived(
    pp_investigator: Any,
) -> None:
    pp = f.unit(f.PHNOM_PENH)
    case = services.open_case(
        acting_user=pp_investigator,
        title="Late arrest",
        org_unit=pp,
        arrests=[make_arrest(pp, arrested_at=timezone.now() - timedelta(hours=3))],
    )
    before = _untouched(case)
    with pytest.raises(ValidationError) as refused:
        services.refer_to_prosecutor(
            case,
            referred_on=timezone.localdate() - timedelta(days=2),
            office=f.agency("PPO-PP"),
            acting_user=pp_investigator,
        )
    message = refused.value.message_dict["referred_on"][0]
    assert "cannot end with this referral" in message
    assert "before the arrival at the unit" in message
    assert _untouched(case) == before


def test_the_case_story_names_the_case_file_once_when_the_referral_has_no_receipt(
    held_case: CaseFile, pp_investigator: Any
) -> None:
    services.refer_to_prosecutor(
        held_case,
        referred_on=timezone.localdate(),
        office=f.agency("PPO-PP"),
        receipt_reference="",
        acting_user=pp_investigator,
    )
    ended = [
        e for e in case_timeline(held_case, pp_investigator) if "referral of case file" in e.detail
    ]
    assert len(ended) == 2
    assert all(e.detail.count(held_case.reference) == 1 for e in ended)
