"""The case files endpoint and the actions on a case: the same rules as the pages, refusals as
400 naming the field, stale versions as 409, nothing saved on a refusal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile, Hearing, Referral, StageChange
from sahakar.cases.tests.conftest import bring_to, first_defendant, make_arrest, make_case
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def inv_api(api: APIClient, pp_investigator: Any) -> APIClient:
    api.force_authenticate(pp_investigator)
    return api


def _url(case: CaseFile, action: str = "") -> str:
    return f"/api/v1/cases/{case.pk}/" + (f"{action}/" if action else "")


def _today() -> str:
    return timezone.localdate().isoformat()


def test_it_opens_a_case_with_defendants_and_seizures(
    inv_api: APIClient, pp_investigator: Any
) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    arrest = make_arrest(f.unit(f.PHNOM_PENH), seizures=(seizure,))
    response = inv_api.post(
        "/api/v1/cases/",
        {
            "title": "Ice on NR5",
            "org_unit": f.PHNOM_PENH,
            "lead_investigator": "pp_investigator",
            "court": "CFI-PP",
            "arrests": [arrest.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["stage"] == "investigation" and body["reference"].startswith("CF-PP-")
    assert body["org_unit"] == "12" and body["court"] == "CFI-PP"
    assert body["defendants"][0]["arrest_reference"] == arrest.reference
    assert body["seizures"] == [seizure.pk]
    assert "arrests" not in body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"org_unit": "17"}, "org_unit"),  # outside a Phnom Penh investigator's scope
        ({"procedure": "summary"}, "procedure"),
        ({"court": "PPO-PP"}, "court"),  # a prosecution office, not a court
        ({"lead_investigator": "pp_officer"}, "lead_investigator"),
        ({"title": "x" * 201}, "title"),  # a blank title is made at display time
        ({"arrests": [999999]}, "arrests"),
    ],
)
def test_it_answers_400_naming_the_field_and_saves_nothing(
    inv_api: APIClient, pp_officer: Any, payload: dict[str, Any], field: str
) -> None:
    data = {"title": "Bad", "org_unit": f.PHNOM_PENH, **payload}
    response = inv_api.post("/api/v1/cases/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not CaseFile.objects.exists()


def test_it_updates_a_case_with_the_version_read(inv_api: APIClient, pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    ok = inv_api.patch(_url(case), {"court_case_number": "CC-9", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = inv_api.patch(_url(case), {"court_case_number": "CC-10", "version": 1}, format="json")
    assert stale.status_code == 409
    moved = inv_api.patch(_url(case), {"seizures": [], "version": 2}, format="json")
    assert moved.status_code == 400 and "seizures" in moved.json()
    stage = inv_api.patch(_url(case), {"stage": "closed", "version": 2}, format="json")
    assert stage.status_code == 200 and stage.json()["stage"] == "investigation"  # read only


def test_it_moves_the_stage_and_refuses_skips_and_silent_steps_back(
    inv_api: APIClient, pp_investigator: Any
) -> None:
    case = bring_to(
        make_case(pp_investigator, court=f.agency("CFI-PP")), Stage.REFERRED, pp_investigator
    )
    skipped = inv_api.post(_url(case, "stage"), {"stage": "judgment"}, format="json")
    assert skipped.status_code == 400
    assert "would skip charged, at trial" in skipped.json()["stage"][0]
    moved = inv_api.post(
        _url(case, "stage"),
        {"stage": "charged", "note": "Submission 12", "version": case.version},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "charged"
    back = inv_api.post(_url(case, "stage"), {"stage": "referred"}, format="json")
    assert back.status_code == 400 and "corrective" in back.json()
    no_reason = inv_api.post(
        _url(case, "stage"), {"stage": "referred", "corrective": True}, format="json"
    )
    assert no_reason.status_code == 400 and "note" in no_reason.json()
    corrected = inv_api.post(
        _url(case, "stage"),
        {"stage": "referred", "corrective": True, "note": "Charged in error"},
        format="json",
    )
    assert corrected.status_code == 200 and corrected.json()["stage"] == "referred"
    stale = inv_api.post(_url(case, "stage"), {"stage": "charged", "version": 1}, format="json")
    assert stale.status_code == 409
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.REFERRED
    assert StageChange.objects.filter(case=case).count() == 3


def test_it_refers_a_case(inv_api: APIClient, pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    bad = inv_api.post(
        _url(case, "referral"),
        {"referred_on": _today(), "prosecution_office": "CFI-PP"},
        format="json",
    )
    assert bad.status_code == 400 and "prosecution_office" in bad.json()
    response = inv_api.post(
        _url(case, "referral"),
        {"referred_on": _today(), "prosecution_office": "PPO-PP", "receipt_reference": "R-9"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert (
        response.json()["stage"] == "referred" and response.json()["prosecution_office"] == "PPO-PP"
    )
    assert Referral.objects.get(case=case).receipt_reference == "R-9"


def test_it_records_hearings_outcomes_and_detention(
    inv_api: APIClient, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.AT_TRIAL, pp_investigator)
    defendant = first_defendant(case)
    hearing = inv_api.post(
        _url(case, "hearings"), {"held_on": _today(), "outcome": "Witnesses heard"}, format="json"
    )
    assert hearing.status_code == 200 and Hearing.objects.filter(case=case).count() == 1
    since = (timezone.now() - timedelta(days=20)).isoformat()
    detention = inv_api.post(
        _url(case, "detention"), {"defendant": defendant.pk, "detained_since": since}, format="json"
    )
    assert detention.status_code == 200
    assert detention.json()["defendants"][0]["detained_since"] is not None
    services.change_stage(case, Stage.JUDGMENT, acting_user=pp_investigator)
    refused = inv_api.post(
        _url(case, "outcome"),
        {
            "defendant": defendant.pk,
            "outcome": "acquitted",
            "outcome_on": _today(),
            "sentence_months": 12,
        },
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "sentence_months": ["A sentence or fine is recorded only for a conviction."]
    }
    convicted = inv_api.post(
        _url(case, "outcome"),
        {
            "defendant": defendant.pk,
            "outcome": "convicted",
            "outcome_on": _today(),
            "sentence_months": 120,
            "fine_amount": "20000000",
            "fine_currency": "KHR",
        },
        format="json",
    )
    assert convicted.status_code == 200
    assert convicted.json()["defendants"][0]["outcome"] == "convicted"


def test_it_refuses_a_defendant_of_another_case(inv_api: APIClient, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.JUDGMENT, pp_investigator)
    other = make_case(pp_investigator)
    response = inv_api.post(
        _url(case, "outcome"),
        {"defendant": first_defendant(other).pk, "outcome": "acquitted", "outcome_on": _today()},
        format="json",
    )
    assert response.status_code == 400 and "defendant" in response.json()


def test_it_adds_defendants_and_links_seizures(inv_api: APIClient, pp_investigator: Any) -> None:
    case = make_case(pp_investigator, defendants=0)
    arrest = make_arrest(f.unit(f.PHNOM_PENH))
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    far = f.make_seizure(f.unit(f.SIEM_REAP), "ADB-SR")
    assert (
        inv_api.post(_url(case, "defendants"), {"arrest": arrest.pk}, format="json").status_code
        == 200
    )
    again = inv_api.post(_url(case, "defendants"), {"arrest": arrest.pk}, format="json")
    assert again.status_code == 400 and "already a defendant" in again.json()["arrest"][0]
    assert (
        inv_api.post(_url(case, "seizures"), {"seizure": seizure.pk}, format="json").status_code
        == 200
    )
    hidden = inv_api.post(_url(case, "seizures"), {"seizure": far.pk}, format="json")
    assert hidden.status_code == 400 and "seizure" in hidden.json()
    assert list(case.seizures.all()) == [seizure]


def test_it_serves_the_timeline_clocks_and_quantities(
    inv_api: APIClient, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator, procedure="immediate")
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure, "METH", "crystal", "100", "g")
    services.link_seizure(case, seizure, acting_user=pp_investigator)
    bring_to(case, Stage.AT_TRIAL, pp_investigator)
    timeline = inv_api.get(_url(case, "timeline")).json()
    assert [e["title"] for e in timeline if e["kind"] == "stage"][-1] == (
        "Stage: charged → at trial"
    )
    assert {"seizure", "arrest", "opened", "stage"} <= {e["kind"] for e in timeline}
    clocks = inv_api.get(_url(case, "clocks")).json()
    assert [(c["rule"], c["state"]) for c in clocks] == [("IMMEDIATE-JUDGMENT", "running")]
    quantities = inv_api.get(_url(case, "quantities")).json()
    assert quantities["notice"] == "Information for the investigator, not a legal determination."
    assert quantities["totals"][0]["band"]["code"] == "ATS-80-240"


def test_it_lets_a_prosecutor_act_but_not_create(
    api: APIClient, pp_prosecutor: Any, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    api.force_authenticate(pp_prosecutor)
    assert api.post(_url(case, "stage"), {"stage": "charged"}, format="json").status_code == 200
    created = api.post("/api/v1/cases/", {"title": "x", "org_unit": "12"}, format="json")
    assert created.status_code == 403


def test_it_lets_a_field_officer_read_only(
    api: APIClient, pp_officer: Any, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator)
    api.force_authenticate(pp_officer)
    assert api.get(_url(case)).status_code == 200
    assert api.get(_url(case, "timeline")).status_code == 200
    assert api.post(_url(case, "stage"), {"stage": "charged"}, format="json").status_code == 404
    assert api.patch(_url(case), {"title": "x", "version": 1}, format="json").status_code == 404
    assert CaseFile.objects.get(pk=case.pk).title == case.title
