"""The times of arrest and arrival change only by a correction with its reason, kept as a record
of its own; the gap between them is bounded by the custody rule; and a deadline that passed
without an outcome stays missed whatever is corrected later."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.arrests import services
from sahakar.arrests.choices import CustodyState, StateFilter
from sahakar.arrests.clocks import custody_status
from sahakar.arrests.models import Arrest, CustodyCorrection, CustodyRule
from sahakar.arrests.tests.conftest import hours_ago, local, record
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db

NOW = local(2026, 3, 10, 12, 0)


@pytest.fixture(autouse=True)
def clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _stored(arrest: Arrest) -> tuple[Any, ...]:
    row = Arrest.objects.get(pk=arrest.pk)
    return (row.arrested_at, row.arrived_at, row.custody_deadline, row.version)


def _due_ids(api: APIClient) -> set[int]:
    return {row["id"] for row in api.get("/api/v1/arrests/due/").json()["results"]}


def test_it_refuses_to_reset_an_overdue_clock_by_updating_the_arrival(pp_api: APIClient) -> None:
    arrest = record(arrived_at=hours_ago(50))
    before = _stored(arrest)
    assert arrest.pk in _due_ids(pp_api)
    response = pp_api.patch(
        f"/api/v1/arrests/{arrest.pk}/",
        {"version": arrest.version, "arrived_at": timezone.now().isoformat()},
        format="json",
    )
    assert response.status_code == 400
    message = response.json()["arrived_at"][0]
    assert "changed only by a correction with its reason" in message
    assert f"/api/v1/arrests/{arrest.pk}/corrections/" in message
    assert _stored(arrest) == before
    assert arrest.pk in _due_ids(pp_api)


def test_it_refuses_to_change_the_time_of_arrest_by_an_update(pp_api: APIClient) -> None:
    arrest = record(arrived_at=hours_ago(5))
    before = _stored(arrest)
    response = pp_api.patch(
        f"/api/v1/arrests/{arrest.pk}/",
        {"version": arrest.version, "arrested_at": hours_ago(6).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "time of arrest is changed only by a correction" in response.json()["arrested_at"][0]
    assert _stored(arrest) == before


def test_it_names_the_correction_for_a_time_of_arrest_moved_after_the_arrival(
    pp_api: APIClient,
) -> None:
    arrest = record(arrived_at=hours_ago(5))
    response = pp_api.patch(
        f"/api/v1/arrests/{arrest.pk}/",
        {"version": arrest.version, "arrested_at": hours_ago(1).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert "time of arrest is changed only by a correction" in errors["arrested_at"][0]
    assert "arrived_at" not in errors


def test_it_accepts_an_update_that_sends_the_times_unchanged(pp_api: APIClient) -> None:
    arrest = record(arrived_at=hours_ago(5))
    response = pp_api.patch(
        f"/api/v1/arrests/{arrest.pk}/",
        {
            "version": arrest.version,
            "arrived_at": arrest.arrived_at.isoformat(),
            "suspect_role": "user",
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert Arrest.objects.get(pk=arrest.pk).suspect_role == "user"


def test_it_corrects_the_arrival_with_a_reason_and_shows_the_correction(
    pp_api: APIClient, pp_officer: Any
) -> None:
    arrest = record(arrived_at=hours_ago(10))
    old = arrest.arrived_at
    new = hours_ago(9)
    response = pp_api.post(
        f"/api/v1/arrests/{arrest.pk}/corrections/",
        {"arrived_at": new.isoformat(), "reason": "Unit log book shows 03:00, not 02:00."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["custody_deadline"] == (new + timedelta(hours=48)).astimezone().isoformat()
    [shown] = body["corrections"]
    assert shown["field"] == "arrived_at"
    assert shown["reason"] == "Unit log book shows 03:00, not 02:00."
    assert shown["corrected_by"] == str(pp_officer)
    correction = CustodyCorrection.objects.get(arrest=arrest)
    assert (correction.old_value, correction.new_value) == (old, new)
    assert correction.corrected_by == pp_officer
    assert correction.created == timezone.now()
    stored = Arrest.objects.get(pk=arrest.pk)
    assert stored.custody_deadline == new + timedelta(hours=48)
    assert stored.missed_deadline_at is None


def test_it_refuses_a_correction_without_a_reason(pp_api: APIClient) -> None:
    arrest = record(arrived_at=hours_ago(10))
    before = _stored(arrest)
    response = pp_api.post(
        f"/api/v1/arrests/{arrest.pk}/corrections/",
        {"arrived_at": hours_ago(9).isoformat(), "reason": "  "},
        format="json",
    )
    assert response.status_code == 400
    assert "Give the reason for the correction" in response.json()["reason"][0]
    assert _stored(arrest) == before
    assert not CustodyCorrection.objects.exists()


def test_it_refuses_a_correction_that_changes_nothing(pp_officer: Any) -> None:
    arrest = record(arrived_at=hours_ago(10))
    with pytest.raises(ValidationError) as refused:
        services.correct_custody_times(
            arrest, arrived_at=arrest.arrived_at, reason="Checked", acting_user=pp_officer
        )
    assert "Nothing to correct" in refused.value.messages[0]


def test_it_refuses_an_arrival_beyond_the_rules_limit_after_the_arrest(
    pp_api: APIClient, pp_officer: Any
) -> None:
    assert CustodyRule.objects.get(offence_class="felony").max_arrival_hours == 24
    arrest = record(arrived_at=hours_ago(10))
    before = _stored(arrest)
    with pytest.raises(ValidationError) as refused:
        services.correct_custody_times(
            arrest,
            arrested_at=timezone.now() - timedelta(days=10),
            reason="Arrested earlier",
            acting_user=pp_officer,
        )
    message = refused.value.message_dict["arrived_at"][0]
    assert "at most 24 hours after it" in message
    assert _stored(arrest) == before
    assert not CustodyCorrection.objects.exists()


def test_it_refuses_to_record_an_arrest_arriving_days_after_it(pp_api: APIClient) -> None:
    unit = f.first_district(f.PHNOM_PENH)
    response = pp_api.post(
        "/api/v1/arrests/",
        {
            "person": f.make_person(unit).pk,
            "arrested_at": (timezone.now() - timedelta(days=10)).isoformat(),
            "arrived_at": timezone.now().isoformat(),
            "org_unit": unit.code,
            "place_description": "Street 63",
            "arresting_agency": "ADB-PP",
            "offences": ["DRUG_TRAFFICKING"],
            "suspect_role": "dealer",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "at most 24 hours after it" in response.json()["arrived_at"][0]
    assert not Arrest.objects.exists()


def test_an_overdue_custody_corrected_stays_counted_missed(
    pp_api: APIClient, pp_officer: Any
) -> None:
    arrest = record(arrived_at=hours_ago(50))
    first_deadline = arrest.custody_deadline
    assert first_deadline < timezone.now()
    services.correct_custody_times(
        arrest, arrived_at=hours_ago(30), reason="Typing error", acting_user=pp_officer
    )
    stored = Arrest.objects.get(pk=arrest.pk)
    assert stored.custody_deadline > timezone.now()
    assert stored.missed_deadline_at == first_deadline
    now = timezone.now()
    assert custody_status(stored, now).state == CustodyState.OVERDUE
    assert list(Arrest.objects.overdue(now)) == [stored]
    assert list(Arrest.objects.missed(now)) == [stored]
    assert arrest.pk in _due_ids(pp_api)

    # Ending it now, before the corrected deadline, is still ending it late.
    services.record_outcome(stored, "referred", timezone.now(), acting_user=None)
    stored = Arrest.objects.get(pk=arrest.pk)
    assert custody_status(stored, now).state == CustodyState.ENDED_LATE
    assert list(Arrest.objects.in_states([StateFilter.ENDED_LATE], now)) == [stored]
    assert list(Arrest.objects.missed(now)) == [stored]
    assert arrest.pk not in _due_ids(pp_api)


def test_a_custody_ended_late_stays_late_when_its_arrival_is_corrected(pp_officer: Any) -> None:
    arrest = record(arrived_at=hours_ago(60))
    deadline = arrest.custody_deadline
    services.record_outcome(arrest, "referred", hours_ago(5), acting_user=None)
    assert Arrest.objects.get(pk=arrest.pk).missed_deadline_at == deadline
    services.correct_custody_times(
        arrest,
        arrested_at=hours_ago(53),
        arrived_at=hours_ago(52),
        reason="Times from the unit register",
        acting_user=pp_officer,
    )
    stored = Arrest.objects.get(pk=arrest.pk)
    assert stored.custody_deadline > hours_ago(5)  # the outcome now falls before the deadline
    assert custody_status(stored).state == CustodyState.ENDED_LATE
    assert CustodyCorrection.objects.filter(arrest=arrest).count() == 2


def test_an_outcome_cannot_be_backdated_before_a_deadline_recorded_as_missed(
    pp_officer: Any,
) -> None:
    arrest = record(arrived_at=hours_ago(50))
    services.correct_custody_times(
        arrest, arrived_at=hours_ago(30), reason="Typing error", acting_user=pp_officer
    )
    with pytest.raises(ValidationError) as refused:
        services.record_outcome(arrest, "referred", hours_ago(3), acting_user=None)
    assert "recorded as missed" in refused.value.message_dict["decided_at"][0]


def test_a_correction_in_time_records_no_miss(pp_officer: Any) -> None:
    arrest = record(arrived_at=hours_ago(10))
    services.correct_custody_times(
        arrest,
        arrested_at=hours_ago(44),
        arrived_at=hours_ago(43),
        reason="Register",
        acting_user=pp_officer,
    )
    stored = Arrest.objects.get(pk=arrest.pk)
    assert stored.missed_deadline_at is None
    assert custody_status(stored).state == CustodyState.DUE_SOON


def test_it_corrects_the_custody_times_from_the_arrest_page(web: Client) -> None:
    arrest = record(arrived_at=hours_ago(50))
    edit = web.get(f"/arrests/{arrest.pk}/edit/").content.decode()
    assert 'name="arrived_at"' not in edit and 'name="arrested_at"' not in edit
    page = web.get(f"/arrests/{arrest.pk}/").content.decode()
    assert f"/arrests/{arrest.pk}/correct/" in page
    form = web.get(f"/arrests/{arrest.pk}/correct/")
    assert form.status_code == 200
    assert 'name="reason"' in form.content.decode()
    new = timezone.localtime(hours_ago(30)).strftime("%Y-%m-%dT%H:%M")
    kept = timezone.localtime(arrest.arrested_at).strftime("%Y-%m-%dT%H:%M")

    refused = web.post(f"/arrests/{arrest.pk}/correct/", {"arrested_at": kept, "arrived_at": new})
    assert refused.status_code == 400
    assert Arrest.objects.get(pk=arrest.pk).custody_deadline == arrest.custody_deadline

    response = web.post(
        f"/arrests/{arrest.pk}/correct/",
        {"arrested_at": kept, "arrived_at": new, "reason": "The unit's register says so."},
    )
    assert response.status_code == 302
    [correction] = CustodyCorrection.objects.filter(arrest=arrest)
    assert correction.field == "arrived_at"  # the time of arrest was left as shown
    page = web.get(f"/arrests/{arrest.pk}/").content.decode()
    assert "The unit&#x27;s register says so." in page
    assert "Deadline missed" in page
    assert "missed" in page
