"""Case file pages: list with filters, the case page, opening and editing a case, and the forms
of the actions on it (stage, referral, hearing, defendants, seizures, outcome, detention)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.models import CaseFile, Hearing, Referral
from sahakar.cases.tests.conftest import bring_to, first_defendant, make_arrest, make_case
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client: Client, pp_investigator: Any) -> Client:
    """Case pages are an investigator's: signed in as the Phnom Penh investigator."""
    client.force_login(pp_investigator)
    return client


def _url(name: str, pk: int) -> str:
    return reverse(f"cases:{name}", args=[pk])


def _listed(response: Any) -> set[str]:
    return {case.reference for case in response.context["table"].data}


def test_it_lists_searches_and_filters_case_files(web: Client, pp_investigator: Any) -> None:
    ordinary = make_case(pp_investigator, title="Tuol Kork ring", court_case_number="CC-77/2026")
    immediate = make_case(pp_investigator, title="Street seller", procedure="immediate")
    bring_to(immediate, Stage.REFERRED, pp_investigator)
    url = reverse("cases:casefile_list")
    assert _listed(web.get(url)) == {ordinary.reference, immediate.reference}
    assert _listed(web.get(url, {"q": "tuol"})) == {ordinary.reference}
    assert _listed(web.get(url, {"q": "CC-77"})) == {ordinary.reference}
    assert _listed(web.get(url, {"q": immediate.reference})) == {immediate.reference}
    assert _listed(web.get(url, {"stage": "referred"})) == {immediate.reference}
    assert _listed(web.get(url, {"procedure": "immediate"})) == {immediate.reference}
    assert _listed(web.get(url, {"clocks": "overdue"})) == set()
    district = f.first_district(f.PHNOM_PENH).code
    assert _listed(web.get(url, {"org_unit": district})) == set()


def test_it_lists_cases_with_overdue_clocks(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.CHARGED, pp_investigator)
    long_ago = timezone.now() - timedelta(days=400)
    services.record_detention(
        first_defendant(case), detained_since=long_ago, acting_user=pp_investigator
    )
    make_case(pp_investigator)
    response = web.get(reverse("cases:casefile_list"), {"clocks": "overdue"})
    assert _listed(response) == {case.reference}
    assert "overdue" in response.content.decode()


def test_it_opens_a_case_with_its_defendants_and_their_seizures(
    web: Client, pp_investigator: Any
) -> None:
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    arrest = make_arrest(f.unit(f.PHNOM_PENH), seizures=(seizure,))
    other = f.make_seizure(f.unit(f.PHNOM_PENH))
    form = web.get(reverse("cases:casefile_add"))
    assert form.status_code == 200
    response = web.post(
        reverse("cases:casefile_add"),
        {
            "title": "Street 271 yaba ring",
            "org_unit": f.unit(f.PHNOM_PENH).pk,
            "lead_investigator": pp_investigator.pk,
            "procedure": "ordinary",
            "offence_class": "felony",
            "arrests": arrest.reference.lower(),
            "seizures": f"{other.reference}, {seizure.reference}",
        },
    )
    case = CaseFile.objects.get(title="Street 271 yaba ring")
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.stage == Stage.INVESTIGATION and case.lead_investigator == pp_investigator
    assert [d.arrest for d in case.defendants.all()] == [arrest]
    assert set(case.seizures.all()) == {seizure, other}


def test_it_refuses_unknown_references_and_saves_nothing(web: Client) -> None:
    far = make_arrest(f.unit(f.SIEM_REAP), agency_code="ADB-SR")
    response = web.post(
        reverse("cases:casefile_add"),
        {
            "title": "Bad",
            "org_unit": f.unit(f.PHNOM_PENH).pk,
            "procedure": "ordinary",
            "offence_class": "felony",
            "arrests": f"AR-PP-2020-99999 {far.reference}",
        },
    )
    assert response.status_code == 400
    message = str(response.context["form"].errors["arrests"])
    assert "AR-PP-2020-99999" in message and far.reference in message
    assert not CaseFile.objects.exists()


def test_it_edits_a_case_but_not_a_closed_one(web: Client, pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    data = {
        "title": "Renamed",
        "org_unit": case.org_unit_id,
        "procedure": "ordinary",
        "offence_class": "felony",
        "court": f.agency("CFI-PP").pk,
        "court_case_number": "CC-1/2026",
        "expected_version": case.version,
    }
    assert web.post(_url("casefile_edit", case.pk), data).status_code == 302
    case.refresh_from_db()
    assert (case.title, case.court_case_number, case.stage) == (
        "Renamed",
        "CC-1/2026",
        "investigation",
    )
    bring_to(case, Stage.CLOSED, pp_investigator)
    data["expected_version"] = CaseFile.objects.get(pk=case.pk).version
    refused = web.post(_url("casefile_edit", case.pk), {**data, "title": "Again"})
    assert refused.status_code == 400
    assert "A closed case cannot be edited." in refused.content.decode()
    assert CaseFile.objects.get(pk=case.pk).title == "Renamed"


def test_it_shows_the_case_with_clocks_defendants_and_story(
    web: Client, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator, procedure="immediate")
    bring_to(case, Stage.AT_TRIAL, pp_investigator)
    response = web.get(case.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    defendant = first_defendant(case)
    assert str(defendant.arrest.person) in page
    assert "Judgment in immediate appearance" in page and "art. 304" in page
    assert "The story of the case" in page and "Referred on" in page
    assert "no-store" in response["Cache-Control"]
    assert list(response.context["next_stages"]) == [Stage.JUDGMENT]


def test_it_offers_only_the_allowed_next_stages(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    form = web.get(_url("casefile_stage", case.pk)).context["form"]
    assert [value for value, _ in form.fields["stage"].choices] == ["charged", "closed"]
    corrective = web.get(_url("casefile_stage", case.pk), {"corrective": "1"}).context["form"]
    assert [value for value, _ in corrective.fields["stage"].choices] == ["investigation"]


def test_it_changes_the_stage_from_the_page(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    response = web.post(
        _url("casefile_stage", case.pk),
        {"stage": "charged", "note": "Introductory submission", "version": case.version},
    )
    assert response.status_code == 302
    change = case.stage_changes.get(to_stage="charged")
    assert change.note == "Introductory submission" and change.by == pp_investigator


def test_it_refuses_a_skipped_stage_from_the_page(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    response = web.post(_url("casefile_stage", case.pk), {"stage": "judgment"})
    assert response.status_code == 400  # not even offered
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.REFERRED


def test_it_goes_back_from_the_page_only_with_a_reason(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.CHARGED, pp_investigator)
    url = _url("casefile_stage", case.pk)
    refused = web.post(url, {"stage": "referred", "corrective": "True", "note": ""})
    assert refused.status_code == 400
    assert refused.context["form"].errors["note"]
    done = web.post(url, {"stage": "referred", "corrective": "True", "note": "Charged in error"})
    assert done.status_code == 302
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.REFERRED


def test_it_answers_409_to_a_stale_stage_form(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    stale = case.version
    services.change_stage(case, Stage.CHARGED, acting_user=pp_investigator)
    services.change_stage(
        case, Stage.REFERRED, acting_user=pp_investigator, corrective=True, note="undo"
    )
    response = web.post(_url("casefile_stage", case.pk), {"stage": "charged", "version": stale})
    assert response.status_code == 409
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.REFERRED


def test_it_refers_from_the_page(web: Client, pp_investigator: Any) -> None:
    case = make_case(pp_investigator)
    form = web.get(_url("casefile_referral", case.pk)).context["form"]
    assert form.fields["prosecution_office"].initial == f.agency("PPO-PP")
    response = web.post(
        _url("casefile_referral", case.pk),
        {
            "referred_on": timezone.localdate().isoformat(),
            "prosecution_office": f.agency("PPO-PP").pk,
            "receipt_reference": "PPO/118",
            "version": case.version,
        },
    )
    assert response.status_code == 302
    assert Referral.objects.get(case=case).receipt_reference == "PPO/118"
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.REFERRED


def test_it_records_a_hearing_once_at_trial(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.CHARGED, pp_investigator)
    data = {"held_on": timezone.localdate().isoformat(), "outcome": "Adjourned for witnesses"}
    refused = web.post(_url("casefile_hearing", case.pk), data)
    assert refused.status_code == 400
    assert "once the case is at trial" in str(refused.context["form"].errors["held_on"])
    bring_to(case, Stage.AT_TRIAL, pp_investigator)
    assert web.post(_url("casefile_hearing", case.pk), data).status_code == 302
    assert Hearing.objects.get(case=case).outcome == "Adjourned for witnesses"


def test_it_records_an_outcome_with_errors_next_to_the_field(
    web: Client, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.JUDGMENT, pp_investigator)
    defendant = first_defendant(case)
    url = _url("defendant_outcome", defendant.pk)
    data = {
        "outcome": "convicted",
        "outcome_on": timezone.localdate().isoformat(),
        "sentence_months": "36",
        "fine_amount": "8000000",
    }
    refused = web.post(url, data)
    assert refused.status_code == 400
    assert "Give the currency of the fine." in str(refused.context["form"].errors["fine_currency"])
    assert web.post(url, {**data, "fine_currency": "KHR"}).status_code == 302
    defendant.refresh_from_db()
    assert (defendant.outcome, defendant.sentence_months, defendant.fine_currency) == (
        "convicted",
        36,
        "KHR",
    )


def test_it_records_detention_from_the_page(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator), Stage.CHARGED, pp_investigator)
    defendant = first_defendant(case)
    since = timezone.localtime(timezone.now() - timedelta(days=10))
    response = web.post(
        _url("defendant_detention", defendant.pk),
        {"detained_since": since.strftime("%Y-%m-%dT%H:%M"), "extensions": "0"},
    )
    assert response.status_code == 302
    assert CaseFile.objects.get(pk=case.pk).clock_deadline is not None


def test_it_adds_defendants_and_links_seizures_by_reference(
    web: Client, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator, defendants=0)
    arrest = make_arrest(f.unit(f.PHNOM_PENH))
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    added = web.post(
        _url("casefile_defendants", case.pk), {"arrests": arrest.reference, "link_seizures": "on"}
    )
    assert added.status_code == 302
    again = web.post(_url("casefile_defendants", case.pk), {"arrests": arrest.reference})
    assert again.status_code == 400
    assert "already a defendant" in again.content.decode()
    assert (
        web.post(_url("casefile_seizures", case.pk), {"seizures": seizure.reference}).status_code
        == 302
    )
    assert list(case.seizures.all()) == [seizure]


def test_it_removes_a_pending_defendant_and_unlinks_a_seizure(
    web: Client, pp_investigator: Any
) -> None:
    case = make_case(pp_investigator)
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    services.link_seizure(case, seizure, acting_user=pp_investigator)
    defendant = first_defendant(case)
    web.post(reverse("cases:defendant_remove", args=[case.pk, defendant.pk]))
    web.post(reverse("cases:seizure_unlink", args=[case.pk, seizure.pk]))
    assert not case.defendants.exists() and not case.seizures.exists()


def test_it_lets_a_prosecutor_change_but_not_open_a_case(
    client: Client, pp_prosecutor: Any, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    client.force_login(pp_prosecutor)
    assert client.get(case.get_absolute_url()).status_code == 200
    assert client.get(reverse("cases:casefile_add")).status_code == 403
    assert client.post(_url("casefile_stage", case.pk), {"stage": "charged"}).status_code == 302
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.CHARGED


def test_it_shows_a_field_officer_the_case_read_only(
    client: Client, pp_officer: Any, pp_investigator: Any
) -> None:
    case = bring_to(make_case(pp_investigator), Stage.REFERRED, pp_investigator)
    client.force_login(pp_officer)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert "edit_url" not in page.context and page.context["next_stages"] == []
    assert client.post(_url("casefile_stage", case.pk), {"stage": "charged"}).status_code == 404
    assert client.get(_url("casefile_referral", case.pk)).status_code == 404
    assert CaseFile.objects.get(pk=case.pk).stage == Stage.REFERRED


def test_it_exports_the_filtered_list_as_csv(web: Client, pp_investigator: Any) -> None:
    case = bring_to(make_case(pp_investigator, title="Exported"), Stage.REFERRED, pp_investigator)
    make_case(pp_investigator, title="Left out")
    response = web.get(reverse("cases:casefile_list"), {"stage": "referred", "export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert case.reference in body and "referred to prosecutor" in body
    assert "Left out" not in body and "<span" not in body
