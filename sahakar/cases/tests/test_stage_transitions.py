"""A case moves investigation > referred > charged > at trial > judgment > closed, one stage at a
time, each move recorded with its time and author; it goes back only as a corrective action
with a reason, and a closed case does not move at all."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile, StageChange
from sahakar.cases.tests.conftest import bring_to, first_defendant, make_case
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

FORWARD_MOVES = [
    (Stage.REFERRED, Stage.CHARGED),
    (Stage.CHARGED, Stage.AT_TRIAL),
    (Stage.AT_TRIAL, Stage.JUDGMENT),
    (Stage.JUDGMENT, Stage.CLOSED),
]


def _refusal(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def _stored_stage(case: CaseFile) -> str:
    return CaseFile.objects.get(pk=case.pk).stage


def test_it_opens_a_case_under_investigation(pp_investigator: Any) -> None:
    case = make_case(pp_investigator, defendants=2)
    assert case.stage == Stage.INVESTIGATION
    assert case.reference.startswith("CF-PP-")
    assert case.defendants.count() == 2
    assert case.created_by == pp_investigator or case.created_by is None


def test_it_refers_a_case_under_investigation(pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    referral = services.refer_to_prosecutor(
        case,
        referred_on=timezone.localdate(),
        office=f.agency("PPO-PP"),
        receipt_reference="PPO-PP/2026/118",
        acting_user=pp_investigator,
    )
    case.refresh_from_db()
    assert case.stage == Stage.REFERRED
    assert case.prosecution_office == f.agency("PPO-PP")
    change = referral.stage_change
    assert (change.from_stage, change.to_stage, change.by) == (
        Stage.INVESTIGATION,
        Stage.REFERRED,
        pp_investigator,
    )
    assert case.stage_changed_at == change.at


@pytest.mark.parametrize(("start", "to"), FORWARD_MOVES)
def test_it_allows_each_next_stage(start: str, to: str, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator, court=f.agency("CFI-PP")), start, pp_investigator)
    if to == Stage.CLOSED:
        services.record_defendant_outcome(
            first_defendant(case),
            outcome="convicted",
            outcome_on=timezone.localdate(),
            sentence_months=24,
            acting_user=pp_investigator,
        )
    before = timezone.now()
    change = services.change_stage(case, to, acting_user=pp_investigator, note="as ordered")
    assert _stored_stage(case) == to
    assert (change.from_stage, change.to_stage, change.by, change.corrective) == (
        start,
        to,
        pp_investigator,
        False,
    )
    assert change.at >= before and change.note == "as ordered"


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Stage.INVESTIGATION, Stage.CHARGED),
        (Stage.INVESTIGATION, Stage.AT_TRIAL),
        (Stage.INVESTIGATION, Stage.CLOSED),
        (Stage.REFERRED, Stage.AT_TRIAL),
        (Stage.REFERRED, Stage.JUDGMENT),
        (Stage.CHARGED, Stage.JUDGMENT),
        (Stage.AT_TRIAL, Stage.CLOSED),
    ],
)
def test_it_refuses_to_skip_a_stage(start: str, to: str, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), start, pp_investigator)
    count = StageChange.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.change_stage(case, to, acting_user=pp_investigator)
    message = _refusal(refused, "stage")
    assert "would skip" in message or "closes only" in message or "every defendant" in message
    assert case.stage == start and _stored_stage(case) == start
    assert StageChange.objects.count() == count


def test_it_names_the_skipped_stages(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.change_stage(case, Stage.JUDGMENT, acting_user=pp_investigator)
    assert _refusal(refused, "stage") == (
        "A case that is referred to prosecutor moves next to charged / closed; judgment would "
        "skip charged, at trial."
    )


def test_it_sends_the_move_to_the_prosecutor_through_the_referral(pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.change_stage(case, Stage.REFERRED, acting_user=pp_investigator)
    assert "recording the referral" in _refusal(refused, "stage")
    assert _stored_stage(case) == Stage.INVESTIGATION


@pytest.mark.parametrize("start", [Stage.REFERRED, Stage.CHARGED, Stage.AT_TRIAL, Stage.JUDGMENT])
def test_it_refuses_going_back_without_a_corrective_action(
    start: str, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), start, pp_investigator)
    earlier = Stage.values[Stage.values.index(start) - 1]
    with pytest.raises(ValidationError) as refused:
        services.change_stage(case, earlier, acting_user=pp_investigator, note="typo")
    assert "is a corrective action" in _refusal(refused, "corrective")
    assert _stored_stage(case) == start


def test_it_refuses_a_corrective_action_without_a_reason(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.AT_TRIAL, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.change_stage(
            case, Stage.CHARGED, acting_user=pp_investigator, corrective=True, note="   "
        )
    assert _refusal(refused, "note") == "Give the reason for the corrective action."
    assert _stored_stage(case) == Stage.AT_TRIAL


@pytest.mark.parametrize(
    ("start", "back_to"),
    [
        (Stage.REFERRED, Stage.INVESTIGATION),
        (Stage.AT_TRIAL, Stage.CHARGED),
        (Stage.JUDGMENT, Stage.REFERRED),
    ],
)
def test_it_goes_back_as_a_corrective_action_with_a_reason(
    start: str, back_to: str, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), start, pp_investigator)
    change = services.change_stage(
        case,
        back_to,
        acting_user=pp_investigator,
        corrective=True,
        note="Recorded on the wrong case file.",
    )
    assert _stored_stage(case) == back_to
    assert change.corrective and change.note == "Recorded on the wrong case file."
    assert (change.from_stage, change.to_stage) == (start, back_to)


def test_it_refuses_a_corrective_action_forward(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.change_stage(
            case, Stage.CHARGED, acting_user=pp_investigator, corrective=True, note="x"
        )
    assert "goes back to an earlier stage" in _refusal(refused, "corrective")


def test_it_refuses_going_back_past_recorded_outcomes(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.JUDGMENT, pp_investigator)
    defendant = first_defendant(case)
    services.record_defendant_outcome(
        defendant, outcome="acquitted", outcome_on=timezone.localdate(), acting_user=pp_investigator
    )
    with pytest.raises(ValidationError) as refused:
        services.change_stage(
            case, Stage.CHARGED, acting_user=pp_investigator, corrective=True, note="x"
        )
    assert "set them back to pending first" in _refusal(refused, "stage")


@pytest.mark.parametrize("to", list(Stage.values))
def test_it_refuses_any_change_on_a_closed_case(to: str, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.CLOSED, pp_investigator)
    for corrective in (False, True):
        with pytest.raises(ValidationError) as refused:
            services.change_stage(
                case, to, acting_user=pp_investigator, corrective=corrective, note="x"
            )
        assert "is closed" in _refusal(refused, "stage")
    assert _stored_stage(case) == Stage.CLOSED


def test_it_refuses_closing_while_an_outcome_is_pending(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.JUDGMENT, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.close_case(case, acting_user=pp_investigator)
    assert "Record the outcome for every defendant" in _refusal(refused, "stage")


def test_it_closes_early_only_when_every_charge_was_dismissed(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator, defendants=2), Stage.REFERRED, pp_investigator)
    first, second = case.defendants.all()
    today = timezone.localdate()
    services.record_defendant_outcome(
        first, outcome="dismissed", outcome_on=today, acting_user=pp_investigator
    )
    with pytest.raises(ValidationError):
        services.close_case(case, acting_user=pp_investigator)
    services.record_defendant_outcome(
        second, outcome="dismissed", outcome_on=today, acting_user=pp_investigator
    )
    services.close_case(case, acting_user=pp_investigator, note="No case to answer.")
    assert _stored_stage(case) == Stage.CLOSED


def test_it_needs_the_court_before_trial(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.CHARGED, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.change_stage(case, Stage.AT_TRIAL, acting_user=pp_investigator)
    assert "Name the court" in _refusal(refused, "stage")


def test_it_refuses_a_time_in_the_future_or_before_the_last_change(pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.change_stage(
            case, Stage.CHARGED, acting_user=pp_investigator, at=timezone.now() + timedelta(hours=1)
        )
    assert "in the future" in _refusal(refused, "at")
    with pytest.raises(ValidationError) as refused:
        services.change_stage(
            case, Stage.CHARGED, acting_user=pp_investigator, at=timezone.now() - timedelta(days=30)
        )
    assert "before the case's last stage change" in _refusal(refused, "at")


def test_it_refuses_a_stale_copy_of_the_case(pp_investigator: Any) -> None:
    from sahakar.core.models import StaleWrite

    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    stale = CaseFile.objects.get(pk=case.pk)
    services.change_stage(case, Stage.CHARGED, acting_user=pp_investigator)
    with pytest.raises(StaleWrite):
        services.change_stage(stale, Stage.CHARGED, acting_user=pp_investigator, at=timezone.now())
    assert stale.stage == Stage.REFERRED  # the refused copy is left as it was
    assert StageChange.objects.filter(case=case, to_stage=Stage.CHARGED).count() == 1
