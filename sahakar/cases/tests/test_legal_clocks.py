"""Legal clocks come from the rules kept as data: pre-trial detention (Code of Criminal
Procedure art. 208 for felonies, art. 209 for misdemeanours) per detained defendant, and judgment
within two weeks of the appearance in immediate appearance (art. 304). Each is running, due soon,
overdue, met or missed, decided exactly at its boundaries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sahakar.cases import services
from sahakar.cases.choices import ClockState, Stage
from sahakar.cases.clocks import Clock, add_duration
from sahakar.cases.filtersets import CaseFileFilterSet
from sahakar.cases.models import CaseFile, LegalClockRule
from sahakar.cases.tests.conftest import bring_to, first_defendant, make_case

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)
DAY = timedelta(days=1)


def _local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock time in the deployment's zone (Phnom Penh)."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))  # noqa: DTZ001


def _only(case: CaseFile, code: str, now: datetime) -> Clock:
    clocks = [c for c in services.case_clocks(case, now=now) if c.rule.code == code]
    assert len(clocks) == 1, clocks
    return clocks[0]


def _detained_case(user: Any, offence_class: str, since: datetime, extensions: int = 0) -> CaseFile:
    case = bring_to(make_case(user, offence_class=offence_class), Stage.CHARGED, user)
    services.record_detention(
        first_defendant(case), detained_since=since, extensions=extensions, acting_user=user
    )
    return case


def test_it_loads_the_rules_as_data() -> None:
    rules = {r.code: r for r in LegalClockRule.objects.filter(active=True)}
    assert set(rules) == {"PTD-FELONY", "PTD-MISDEMEANOUR", "IMMEDIATE-JUDGMENT"}
    felony = rules["PTD-FELONY"]
    assert (felony.duration_value, felony.duration_unit, felony.extension_value) == (6, "months", 6)
    assert felony.max_extensions == 2 and "208" in felony.article
    assert "UNVERIFIED" in rules["PTD-MISDEMEANOUR"].note
    assert rules["IMMEDIATE-JUDGMENT"].duration_value == 14
    assert "304" in rules["IMMEDIATE-JUDGMENT"].article


@pytest.mark.parametrize(
    ("offset", "state"),
    [
        (-timedelta(hours=336) - SECOND, ClockState.RUNNING),
        (-timedelta(hours=336), ClockState.DUE_SOON),
        (timedelta(0), ClockState.DUE_SOON),
        (SECOND, ClockState.OVERDUE),
    ],
)
def test_it_times_felony_detention_at_six_months(
    pp_investigator: Any, offset: timedelta, state: str
) -> None:
    since = _local(2024, 3, 10, 9, 0)
    case = _detained_case(pp_investigator, "felony", since)
    clock = _only(case, "PTD-FELONY", _local(2024, 9, 10, 9, 0) + offset)
    assert clock.deadline == _local(2024, 9, 10, 9, 0)
    assert clock.state == state
    assert clock.defendant == first_defendant(case)


@pytest.mark.parametrize(
    ("offset", "state"),
    [
        (-SECOND, ClockState.DUE_SOON),
        (timedelta(0), ClockState.DUE_SOON),
        (SECOND, ClockState.OVERDUE),
    ],
)
def test_it_times_misdemeanour_detention_at_four_months(
    pp_investigator: Any, offset: timedelta, state: str
) -> None:
    since = _local(2024, 1, 15, 14, 30)
    case = _detained_case(pp_investigator, "misdemeanour", since)
    clock = _only(case, "PTD-MISDEMEANOUR", _local(2024, 5, 15, 14, 30) + offset)
    assert clock.deadline == _local(2024, 5, 15, 14, 30)
    assert clock.state == state
    assert not [c for c in services.case_clocks(case) if c.rule.code == "PTD-FELONY"]


def test_it_lengthens_detention_by_each_extension_ordered(pp_investigator: Any) -> None:
    since = _local(2023, 1, 10, 9, 0)
    case = _detained_case(pp_investigator, "felony", since, extensions=2)
    clock = _only(case, "PTD-FELONY", _local(2024, 1, 1))
    assert clock.extensions == 2
    assert clock.deadline == _local(2024, 7, 10, 9, 0)  # 6 + 2 x 6 months: 18 months in all


def test_it_refuses_more_extensions_than_the_rule_allows(pp_investigator: Any) -> None:
    case = _detained_case(pp_investigator, "misdemeanour", _local(2024, 1, 15))
    defendant = first_defendant(case)
    with pytest.raises(ValidationError) as refused:
        services.record_detention(
            defendant, detained_since=_local(2024, 1, 15), extensions=2, acting_user=pp_investigator
        )
    assert "at most 1 extensions" in " ".join(refused.value.message_dict["detention_extensions"])
    defendant.refresh_from_db()
    assert defendant.detention_extensions == 0


def test_it_refuses_detention_before_the_charge(pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    with pytest.raises(ValidationError) as refused:
        services.record_detention(
            first_defendant(case), detained_since=_local(2024, 1, 15), acting_user=pp_investigator
        )
    assert "follows the charge" in " ".join(refused.value.message_dict["detained_since"])


@pytest.mark.parametrize(
    ("released", "state"),
    [(timedelta(0), ClockState.MET), (SECOND, ClockState.MISSED)],
)
def test_it_stops_detention_at_the_release(
    pp_investigator: Any, released: timedelta, state: str
) -> None:
    since = _local(2024, 3, 10, 9, 0)
    case = _detained_case(pp_investigator, "felony", since)
    deadline = _local(2024, 9, 10, 9, 0)
    services.record_detention(
        first_defendant(case),
        detained_since=since,
        released_at=deadline + released,
        acting_user=pp_investigator,
    )
    clock = _only(case, "PTD-FELONY", timezone.now())
    assert clock.state == state and clock.ended_at == deadline + released


def test_it_counts_months_on_the_calendar() -> None:
    end_of_august = _local(2023, 8, 31, 12, 0)
    assert add_duration(end_of_august, 6, "months") == _local(2024, 2, 29, 12, 0)
    assert add_duration(end_of_august, 4, "months") == _local(2023, 12, 31, 12, 0)
    assert add_duration(end_of_august, 14, "days") == _local(2023, 9, 14, 12, 0)
    assert add_duration(end_of_august, 48, "hours") == _local(2023, 9, 2, 12, 0)


@pytest.mark.parametrize(
    ("offset", "state"),
    [
        (-timedelta(hours=72) - SECOND, ClockState.RUNNING),
        (-timedelta(hours=72), ClockState.DUE_SOON),
        (timedelta(0), ClockState.DUE_SOON),
        (SECOND, ClockState.OVERDUE),
    ],
)
def test_it_expects_judgment_within_two_weeks_of_an_immediate_appearance(
    pp_investigator: Any, offset: timedelta, state: str
) -> None:
    appeared = _local(2024, 6, 3, 8, 0)
    case = make_case(pp_investigator, procedure="immediate", arrested_at=appeared - 2 * DAY)
    bring_to(case, Stage.AT_TRIAL, pp_investigator, when=appeared)
    clock = _only(case, "IMMEDIATE-JUDGMENT", _local(2024, 6, 17, 8, 0) + offset)
    assert clock.started_at == appeared
    assert clock.deadline == _local(2024, 6, 17, 8, 0)
    assert clock.state == state


@pytest.mark.parametrize(
    ("judged", "state"),
    [(timedelta(0), ClockState.MET), (SECOND, ClockState.MISSED)],
)
def test_it_stops_the_immediate_appearance_clock_at_judgment(
    pp_investigator: Any, judged: timedelta, state: str
) -> None:
    appeared = _local(2024, 6, 3, 8, 0)
    case = make_case(pp_investigator, procedure="immediate", arrested_at=appeared - 2 * DAY)
    bring_to(case, Stage.AT_TRIAL, pp_investigator, when=appeared)
    services.change_stage(
        case, Stage.JUDGMENT, acting_user=pp_investigator, at=_local(2024, 6, 17, 8, 0) + judged
    )
    clock = _only(case, "IMMEDIATE-JUDGMENT", timezone.now())
    assert clock.state == state


def test_it_runs_no_immediate_appearance_clock_for_the_ordinary_procedure(
    pp_investigator: Any,
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.AT_TRIAL, pp_investigator)
    assert services.case_clocks(case) == []


def test_it_restarts_a_clock_after_a_corrective_action(pp_investigator: Any) -> None:
    appeared = _local(2024, 6, 3, 8, 0)
    case = make_case(pp_investigator, procedure="immediate", arrested_at=appeared - 2 * DAY)
    bring_to(case, Stage.AT_TRIAL, pp_investigator, when=appeared)
    services.change_stage(
        case,
        Stage.CHARGED,
        acting_user=pp_investigator,
        corrective=True,
        note="Hearing was adjourned",
    )
    assert services.case_clocks(case) == []


def test_it_keeps_the_next_deadline_on_the_case_for_the_list(pp_investigator: Any) -> None:
    overdue = _detained_case(pp_investigator, "felony", _local(2024, 3, 10, 9, 0))
    overdue.refresh_from_db()
    assert overdue.clock_deadline == _local(2024, 9, 10, 9, 0)
    recent = timezone.now() - timedelta(days=1)
    running = _detained_case(pp_investigator, "felony", recent)
    cases = CaseFile.objects.all()

    def chosen(value: str) -> set[int]:
        return set(
            CaseFileFilterSet({"clocks": value}, queryset=cases).qs.values_list("pk", flat=True)
        )

    assert chosen("overdue") == {overdue.pk}
    assert chosen("running") == {overdue.pk, running.pk}
    services.record_detention(
        first_defendant(overdue),
        detained_since=_local(2024, 3, 10, 9, 0),
        released_at=_local(2024, 9, 1),
        acting_user=pp_investigator,
    )
    assert chosen("overdue") == set()
    assert CaseFile.objects.get(pk=overdue.pk).clock_deadline is None
