"""The demo's arrests, case files and prevention campaigns (tiny size).

Loaded once for the module on a fixed day (the `demo` fixture, conftest.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from sahakar.arrests.choices import CustodyOutcomeKind, CustodyState, OffenceClass
from sahakar.arrests.clocks import custody_status, deadline_for, rule_for
from sahakar.arrests.models import Arrest, CustodyCorrection, CustodyExtension, CustodyOutcome
from sahakar.cases import clocks as case_clocks
from sahakar.cases import services as case_services
from sahakar.cases.choices import Outcome, Stage
from sahakar.cases.models import CaseFile, Defendant, Hearing, Referral, StageChange
from sahakar.demo.tests.conftest import run_demo
from sahakar.geo.models import OrgUnit
from sahakar.prevention.models import AudienceCount, Campaign

NEW_MODELS = (
    Arrest,
    CustodyExtension,
    CustodyOutcome,
    CustodyCorrection,
    CaseFile,
    Defendant,
    StageChange,
    Referral,
    Hearing,
    Campaign,
    AudienceCount,
)


@pytest.mark.django_db
def test_arrests_have_outcomes_mostly_on_time(demo: str) -> None:
    now = timezone.now()
    arrests = list(Arrest.objects.select_related("outcome"))
    assert arrests
    states = Counter(custody_status(arrest, now).state for arrest in arrests)
    ended = states[CustodyState.ENDED_ON_TIME] + states[CustodyState.ENDED_LATE]
    assert ended > len(arrests) * 0.8
    assert states[CustodyState.ENDED_ON_TIME] > ended * 0.85
    assert states[CustodyState.OVERDUE] >= 1
    assert states[CustodyState.DUE_SOON] >= 1
    assert Arrest.objects.overdue(now).exists()
    kinds = set(CustodyOutcome.objects.values_list("kind", flat=True))
    assert kinds == set(CustodyOutcomeKind.values)
    referred = CustodyOutcome.objects.filter(kind=CustodyOutcomeKind.REFERRED)
    assert not referred.filter(reference="").exists()
    assert not CustodyOutcome.objects.filter(kind="released", reason="").exists()


@pytest.mark.django_db
def test_arrests_follow_the_seizures_and_the_custody_rules(demo: str) -> None:
    for arrest in Arrest.objects.prefetch_related("offences", "extensions", "seizures"):
        assert arrest.offences.exists(), arrest
        hours = [e.hours for e in arrest.extensions.all()]
        assert arrest.custody_deadline == deadline_for(arrest.arrived_at, rule_for(arrest), hours)
        delay = arrest.arrived_at - arrest.arrested_at
        assert timedelta(hours=1) <= delay <= timedelta(hours=4), arrest
        for seizure in arrest.seizures.all():
            assert seizure.org_unit_id == arrest.org_unit_id
            assert seizure.seizing_agency_id == arrest.arresting_agency_id
    assert Arrest.seizures.through.objects.exists()
    extended = CustodyExtension.objects.select_related("arrest")
    assert extended.exists()
    for extension in extended:
        assert rule_for(extension.arrest).offence_class == OffenceClass.FELONY
        assert extension.order_reference and extension.reason


@pytest.mark.django_db
def test_every_new_record_passes_full_clean(demo: str) -> None:
    for model in NEW_MODELS:
        records = list(model._default_manager.all()[:60])
        assert records, model
        for record in records:
            record.full_clean()


@pytest.mark.django_db
def test_cases_stand_at_several_stages_with_their_history(demo: str) -> None:
    stages = set(CaseFile.objects.values_list("stage", flat=True))
    assert len(stages) >= 3, stages
    assert Stage.INVESTIGATION not in stages  # every demo case was referred
    assert Referral.objects.count() == CaseFile.objects.count()
    for case in CaseFile.objects.prefetch_related("stage_changes", "defendants"):
        changes = list(case.stage_changes.all())
        assert changes[0].to_stage == Stage.REFERRED
        assert changes[-1].to_stage == case.stage
        assert case.stage_changed_at == changes[-1].at
        assert [c.at for c in changes] == sorted(c.at for c in changes)
        if case.stage == Stage.CLOSED:
            assert all(d.outcome != Outcome.PENDING for d in case.defendants.all())
        expected = case_services.case_clocks(case)
        deadline, _ = case_clocks.next_deadline(expected)
        assert case.clock_deadline == deadline, case
    outcomes = set(Defendant.objects.values_list("outcome", flat=True))
    assert {Outcome.CONVICTED, Outcome.DISMISSED, Outcome.PENDING} <= outcomes


@pytest.mark.django_db
def test_campaigns_reach_every_province(demo: str) -> None:
    provinces = set(
        OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).values_list("code", flat=True)
    )
    paths = Campaign.objects.values_list("org_unit__path", flat=True)
    assert {path.strip("/").split("/")[1] for path in paths} == provinces
    organisers = set(Campaign.objects.values_list("organiser__code", flat=True))
    assert organisers <= {"MOEYS", "MOH", "MOINF", "NACD"}
    assert len(organisers) >= 3
    assert Campaign.partners.through.objects.exists()
    assert all(c.total_reached() > 0 for c in Campaign.objects.prefetch_related("audience"))


@pytest.mark.django_db
def test_reset_removes_arrests_cases_and_campaigns_too(demo: str) -> None:
    before = {model: model._default_manager.count() for model in NEW_MODELS}
    output = run_demo("--reset")
    assert "Deleted the demo data" in output
    assert {model: model._default_manager.count() for model in NEW_MODELS} == before
    first = Arrest.objects.filter(reference__endswith="-00001").count()
    assert first == len({r[:-6] for r in Arrest.objects.values_list("reference", flat=True)})


@pytest.mark.django_db
def test_custodies_referred_point_to_their_case_referral(demo: str) -> None:
    referred = CustodyOutcome.objects.filter(kind=CustodyOutcomeKind.REFERRED)
    in_cases = referred.filter(arrest__case_defendants__isnull=False).distinct()
    assert in_cases.exists()
    for outcome in in_cases.select_related("referral"):
        assert outcome.referral is not None, outcome
        assert outcome.referral.case.defendants.filter(arrest_id=outcome.arrest_id).exists()


@pytest.mark.django_db
def test_custodies_that_ended_late_keep_their_missed_deadline(demo: str) -> None:
    late = CustodyOutcome.objects.filter(decided_at__gt=F("arrest__custody_deadline"))
    assert late.exists()
    for outcome in late.select_related("arrest"):
        assert outcome.arrest.missed_deadline_at == outcome.arrest.custody_deadline
    on_time = Arrest.objects.filter(outcome__decided_at__lte=F("custody_deadline"))
    assert not on_time.filter(missed_deadline_at__isnull=False).exists()


@pytest.mark.django_db
def test_some_arrivals_were_corrected_with_their_reason(demo: str) -> None:
    corrections = CustodyCorrection.objects.select_related("arrest__outcome")
    assert corrections.exists()
    for correction in corrections:
        arrest = correction.arrest
        assert correction.reason
        assert correction.new_value == arrest.arrived_at
        assert correction.old_value > arrest.arrived_at
        assert correction.created <= arrest.outcome.decided_at
        correction.full_clean()
