"""Disposal follows the verdict: an exhibit is eligible exactly when at least one arrest is
linked to its seizure (directly, or as a defendant of a case holding the seizure) and every
linked arrest is final: as a defendant, convicted, acquitted or dismissed in every case; not a
defendant anywhere, released or sent to treatment."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahakar.arrests.models import CustodyOutcome
from sahakar.cases.models import CaseFile, Defendant
from sahakar.cases.tests.conftest import make_arrest
from sahakar.evidence import eligibility
from sahakar.evidence.models import Exhibit
from sahakar.evidence.tests.disposal_setup import approve, eligible_exhibit
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

FINAL_OUTCOMES = {"convicted", "acquitted", "dismissed"}
FINAL_CUSTODY = {"released", "treatment"}

custody = st.sampled_from([None, "referred", "released", "treatment"])
outcome = st.sampled_from(["pending", "convicted", "acquitted", "dismissed", "appealed"])
cases = st.lists(st.booleans(), max_size=2)  # does each case hold the seizure?
arrests = st.lists(
    st.fixed_dictionaries(
        {
            "direct": st.booleans(),
            "custody": custody,
            # (index into the cases, the outcome of this arrest's defendant in it)
            "defendant_in": st.dictionaries(st.integers(0, 1), outcome, max_size=2),
        }
    ),
    max_size=3,
)


def _expected(case_holds: list[bool], people: list[dict]) -> bool:
    linked = [
        p
        for p in people
        if p["direct"] or any(i < len(case_holds) and case_holds[i] for i in p["defendant_in"])
    ]

    def final(person: dict) -> bool:
        roles = [o for i, o in person["defendant_in"].items() if i < len(case_holds)]
        if roles:
            return all(o in FINAL_OUTCOMES for o in roles)
        return person["custody"] in FINAL_CUSTODY

    return bool(linked) and all(final(p) for p in linked)


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case_holds=cases, people=arrests)
def test_it_is_eligible_exactly_when_every_linked_arrest_is_final(room, case_holds, people):
    phnom_penh = f.unit(f.PHNOM_PENH)
    exhibit = take_in(room)
    files = [CaseFile.objects.create(title="Ring", org_unit=phnom_penh) for _ in case_holds]
    for file, holds in zip(files, case_holds, strict=True):
        if holds:
            file.seizures.add(exhibit.seizure)
    for person in people:
        arrest = make_arrest(phnom_penh, seizures=(exhibit.seizure,) if person["direct"] else ())
        if person["custody"]:
            CustodyOutcome.objects.create(
                arrest=arrest,
                kind=person["custody"],
                decided_at=arrest.arrested_at + timedelta(hours=20),
            )
        for index, result in person["defendant_in"].items():
            if index < len(files):
                Defendant.objects.create(
                    case=files[index],
                    arrest=arrest,
                    outcome=result,
                    outcome_on=None if result == "pending" else timezone.localdate(),
                )
    expected = _expected(case_holds, people)
    assert eligibility.is_eligible(exhibit) is expected
    waiting = eligibility.awaiting_approval(Exhibit.objects.all())
    assert waiting.filter(pk=exhibit.pk).exists() is expected


def test_an_approved_exhibit_leaves_the_queue_for_the_approved_list(room, pp_prosecutor):
    exhibit = eligible_exhibit(room)
    approve(exhibit, pp_prosecutor)
    everything = Exhibit.objects.all()
    assert not eligibility.awaiting_approval(everything).filter(pk=exhibit.pk).exists()
    assert list(eligibility.approved_not_destroyed(everything)) == [exhibit]


def test_the_queue_puts_the_oldest_seizure_first(room):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=40), tick=False):
        old = eligible_exhibit(room)
    new = eligible_exhibit(room)
    nine_days = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP", seized_at=now - timedelta(days=9))
    middle = eligible_exhibit(room, seizure=nine_days)
    order = list(eligibility.awaiting_approval(Exhibit.objects.all()))
    assert order == [old, middle, new]


def test_an_exhibit_without_any_arrest_waits_for_an_order(room):
    exhibit = take_in(room)
    assert not eligibility.is_eligible(exhibit)
    assert list(eligibility.open_arrests(exhibit.seizure_id)) == []


def test_open_arrests_names_what_disposal_waits_for(room):
    exhibit = take_in(room)
    waiting = make_arrest(f.unit(f.PHNOM_PENH), seizures=(exhibit.seizure,), outcome="referred")
    make_arrest(f.unit(f.PHNOM_PENH), seizures=(exhibit.seizure,), outcome="released")
    assert list(eligibility.open_arrests(exhibit.seizure_id)) == [waiting]
