"""Referring a case is one transaction: the stage change, its timestamp, the prosecution office
and the referral are all saved, or none of them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile, Referral, StageChange
from sahakar.cases.tests.conftest import make_case
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def _state(case: CaseFile) -> tuple[Any, ...]:
    stored = CaseFile.objects.get(pk=case.pk)
    return (
        stored.stage,
        stored.stage_changed_at,
        stored.prosecution_office_id,
        stored.version,
        StageChange.objects.filter(case=case).count(),
        Referral.objects.filter(case=case).count(),
    )


def test_it_leaves_the_stage_unchanged_when_the_referral_is_refused(pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    before = _state(case)
    with pytest.raises(ValidationError) as refused:
        services.refer_to_prosecutor(
            case,
            referred_on=timezone.localdate(),
            office=f.agency("PPO-PP"),
            receipt_reference="R" * 101,  # refused by the referral, after the stage moved
            acting_user=pp_investigator,
        )
    assert "receipt_reference" in refused.value.message_dict
    assert _state(case) == before
    assert (case.stage, case.prosecution_office_id, case.version) == (
        Stage.INVESTIGATION,
        None,
        before[3],
    )


def test_it_leaves_the_stage_unchanged_when_saving_the_referral_fails(
    pp_investigator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case(pp_investigator)
    before = _state(case)

    def broken_save(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Referral, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.refer_to_prosecutor(
            case,
            referred_on=timezone.localdate(),
            office=f.agency("PPO-PP"),
            acting_user=pp_investigator,
        )
    assert _state(case) == before
    assert case.stage == Stage.INVESTIGATION


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"office": "CFI-PP"}, "prosecution_office", "is not a prosecution office"),
        ({"days": -1}, "referred_on", "in the future"),
    ],
)
def test_it_refuses_a_bad_referral_before_writing_anything(
    pp_investigator: Any, change: dict[str, Any], field: str, message: str
) -> None:
    case = make_case(pp_investigator)
    before = _state(case)
    day = timezone.localdate() - timedelta(days=change.get("days", 0))
    with pytest.raises(ValidationError) as refused:
        services.refer_to_prosecutor(
            case,
            referred_on=day,
            office=f.agency(change.get("office", "PPO-PP")),
            acting_user=pp_investigator,
        )
    assert message in " ".join(refused.value.message_dict[field])
    assert _state(case) == before


def test_it_refuses_to_refer_a_case_without_defendants(pp_investigator: Any) -> None:
    case = make_case(pp_investigator, defendants=0)
    with pytest.raises(ValidationError) as refused:
        services.refer_to_prosecutor(
            case,
            referred_on=timezone.localdate(),
            office=f.agency("PPO-PP"),
            acting_user=pp_investigator,
        )
    assert "at least one defendant" in " ".join(refused.value.message_dict["stage"])


def test_it_refuses_to_refer_twice(pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    office = f.agency("PPO-PP")
    today = timezone.localdate()
    services.refer_to_prosecutor(
        case, referred_on=today, office=office, acting_user=pp_investigator
    )
    with pytest.raises(ValidationError) as refused:
        services.refer_to_prosecutor(
            case, referred_on=today, office=office, acting_user=pp_investigator
        )
    assert "Only a case under investigation" in " ".join(refused.value.message_dict["stage"])
    assert Referral.objects.filter(case=case).count() == 1
