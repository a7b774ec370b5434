"""The custody clock at its boundaries: 48 hours from arrival at the unit, due within the last
6 hours, lawful up to and including the deadline itself, overdue one minute after; 72 hours
with a felony's extension; counted in moments, shown in Phnom Penh time."""

from datetime import timedelta

import pytest

from sahakar.arrests import services
from sahakar.arrests.choices import CustodyState
from sahakar.arrests.clocks import custody_status
from sahakar.arrests.models import Arrest
from sahakar.arrests.tests.conftest import FELONY, MISDEMEANOUR, local, record
from sahakar.core.times import local_text

pytestmark = pytest.mark.django_db

ARRIVAL = local(2025, 3, 1, 23, 30)  # late evening, so the deadline falls after midnights


def at(arrest: Arrest, hours: int, minutes: int = 0) -> CustodyState:
    return custody_status(arrest, ARRIVAL + timedelta(hours=hours, minutes=minutes)).state


def test_it_counts_48_hours_from_the_arrival_at_the_unit() -> None:
    arrest = record(arrived_at=ARRIVAL)
    assert arrest.custody_deadline == ARRIVAL + timedelta(hours=48)
    assert arrest.custody_deadline == local(2025, 3, 3, 23, 30)


def test_it_keeps_a_custody_lawful_up_to_and_including_the_deadline() -> None:
    arrest = record(arrived_at=ARRIVAL)
    assert at(arrest, 41, 59) == CustodyState.IN_CUSTODY
    assert at(arrest, 42) == CustodyState.DUE_SOON  # 6 hours left
    before = custody_status(arrest, ARRIVAL + timedelta(hours=47, minutes=59))
    assert (before.state, before.in_custody, before.overdue) == (CustodyState.DUE_SOON, True, False)
    assert before.remaining == timedelta(minutes=1)
    exactly = custody_status(arrest, ARRIVAL + timedelta(hours=48))
    assert (exactly.state, exactly.remaining) == (CustodyState.DUE_SOON, timedelta(0))
    assert exactly.deadline == ARRIVAL + timedelta(hours=48)


def test_it_calls_a_custody_overdue_one_minute_after_the_deadline() -> None:
    arrest = record(arrived_at=ARRIVAL)
    after = custody_status(arrest, ARRIVAL + timedelta(hours=48, minutes=1))
    assert (after.state, after.overdue) == (CustodyState.OVERDUE, True)
    assert after.remaining == -timedelta(minutes=1)
    assert after.remaining_text == "overdue by 1 min"


def test_it_moves_the_boundaries_to_72_hours_with_an_extension() -> None:
    arrest = record(arrived_at=ARRIVAL)
    services.grant_extension(
        arrest,
        ARRIVAL + timedelta(hours=40),
        24,
        "PP-PROS-2025-118",
        "Analysis of the tablets",
        acting_user=None,
    )
    arrest.refresh_from_db()
    assert arrest.custody_deadline == ARRIVAL + timedelta(hours=72)
    assert at(arrest, 48, 1) == CustodyState.IN_CUSTODY  # 23 h 59 min left
    assert at(arrest, 65, 59) == CustodyState.IN_CUSTODY
    assert at(arrest, 66) == CustodyState.DUE_SOON
    assert at(arrest, 71, 59) == CustodyState.DUE_SOON
    assert at(arrest, 72) == CustodyState.DUE_SOON
    assert at(arrest, 72, 1) == CustodyState.OVERDUE


def test_it_counts_across_midnight_and_shows_local_time() -> None:
    # 23:30 in Phnom Penh is 16:30 UTC the same day; the deadline two days later is shown
    # as 23:30 local, never as the UTC time it is stored in.
    arrest = record(arrived_at=ARRIVAL)
    arrest.refresh_from_db()
    assert arrest.custody_deadline.utcoffset() == timedelta(0)
    assert f"{arrest.custody_deadline:%Y-%m-%d %H:%M}" == "2025-03-03 16:30"
    assert local_text(arrest.custody_deadline) == "2025-03-03 23:30"
    assert local_text(arrest.arrived_at) == "2025-03-01 23:30"
    just_after_midnight = local(2025, 3, 2, 0, 5)
    status = custody_status(arrest, just_after_midnight)
    assert status.remaining == timedelta(hours=47, minutes=25)
    assert status.remaining_text == "47 h 25 min left"


def test_it_ends_on_time_at_the_deadline_and_late_after_it() -> None:
    on_time = record(arrived_at=ARRIVAL)
    late = record(arrived_at=ARRIVAL)
    services.record_outcome(
        on_time, "referred", ARRIVAL + timedelta(hours=48), reference="R-1", acting_user=None
    )
    services.record_outcome(
        late, "referred", ARRIVAL + timedelta(hours=48, minutes=1), acting_user=None
    )
    much_later = ARRIVAL + timedelta(days=30)
    first = custody_status(Arrest.objects.get(pk=on_time.pk), much_later)
    second = custody_status(Arrest.objects.get(pk=late.pk), much_later)
    assert (first.state, first.in_custody) == (CustodyState.ENDED_ON_TIME, False)
    assert (second.state, second.remaining) == (CustodyState.ENDED_LATE, -timedelta(minutes=1))


def test_it_takes_the_rule_of_the_gravest_offence() -> None:
    both = record(arrived_at=ARRIVAL, offences=[MISDEMEANOUR, FELONY])
    use_only = record(arrived_at=ARRIVAL, offences=[MISDEMEANOUR])
    assert both.custody_deadline == use_only.custody_deadline == ARRIVAL + timedelta(hours=48)
    services.grant_extension(
        both, ARRIVAL + timedelta(hours=1), 24, "ORD-1", "Felony charged", acting_user=None
    )
    both.refresh_from_db()
    assert both.custody_deadline == ARRIVAL + timedelta(hours=72)


def test_it_filters_arrests_by_state_in_the_database() -> None:
    now = ARRIVAL + timedelta(hours=47)
    due = record(arrived_at=ARRIVAL)
    overdue = record(arrived_at=ARRIVAL - timedelta(hours=2))
    fresh = record(arrived_at=ARRIVAL + timedelta(hours=30))
    ended = record(arrived_at=ARRIVAL - timedelta(hours=10))
    services.record_outcome(
        ended, "treatment", ARRIVAL + timedelta(hours=1), reference="TC-9", acting_user=None
    )
    arrests = Arrest.objects.all()
    assert set(arrests.due_soon(now)) == {due}
    assert set(arrests.overdue(now)) == {overdue}
    assert set(arrests.needing_attention(now)) == {due, overdue}
    assert set(arrests.in_states(["in_custody"], now)) == {fresh}
    assert set(arrests.in_states(["ended"], now)) == {ended}
    assert set(arrests.in_states(["in_custody", "overdue"], now)) == {fresh, overdue}
