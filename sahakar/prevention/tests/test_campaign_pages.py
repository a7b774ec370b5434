"""Campaign pages: a filterable list, the campaign with its audience table, and one page to
record or correct a campaign with its audience counts."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from sahakar.core.models import ObjectChange
from sahakar.prevention.models import Campaign
from sahakar.prevention.tests.conftest import make_campaign, page_data
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def listed(client: Any, **query: Any) -> set[str]:
    response = client.get(reverse("prevention:campaign_list"), query)
    assert response.status_code == 200
    return {row.record.title for row in response.context["table"].page.object_list}


def test_it_filters_the_list(client: Any, prevention_officer: Any) -> None:
    make_campaign(title="School talk PP")
    make_campaign(
        title="Radio spot",
        kind="media_broadcast",
        organiser=f.agency("MOINF"),
        partners=("MOH",),
        org_unit=f.unit(f.SIEM_REAP),
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 31),
        key_message="Yaba kills.",
    )
    client.force_login(prevention_officer)
    assert listed(client) == {"School talk PP", "Radio spot"}
    assert listed(client, kind="media_broadcast") == {"Radio spot"}
    assert listed(client, organiser="MOEYS") == {"School talk PP"}
    assert listed(client, partner="MOH") == {"Radio spot"}
    assert listed(client, org_unit=f.SIEM_REAP) == {"Radio spot"}
    assert listed(client, held_after="2026-05-20", held_before="2026-06-30") == {"Radio spot"}
    assert listed(client, held_before="2026-03-10") == {"School talk PP"}
    assert listed(client, q="yaba") == {"Radio spot"}


def test_it_shows_people_reached_on_the_list_and_the_page(
    client: Any, prevention_officer: Any
) -> None:
    campaign = make_campaign(
        audience={("F", "under_15"): 120, ("M", "under_15"): 98, ("U", "unknown"): 7},
        partners=("MOH", "NACD"),
    )
    client.force_login(prevention_officer)
    listing = client.get(reverse("prevention:campaign_list"))
    assert [row.get_cell("reached") for row in listing.context["table"].page.object_list] == [225]
    page = client.get(campaign.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "225" in text and "Ministry of Health" in text and "Wat Bo High School" in text
    grid = page.context["object"].audience_grid()
    assert grid["rows"][0]["cells"] == [120, 98, 0] and grid["total"] == 225


def test_it_records_a_campaign_with_its_audience(client: Any, prevention_officer: Any) -> None:
    client.force_login(prevention_officer)
    rows = [
        {"sex": "F", "age_group": "15_24", "count": "61"},
        {"sex": "M", "age_group": "15_24", "count": "54"},
        {"sex": "", "age_group": "", "count": ""},  # an extra row left blank
    ]
    response = client.post(reverse("prevention:campaign_add"), page_data(rows))
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert response["Location"] == campaign.get_absolute_url()
    assert campaign.reference.startswith("PC-PP-2026-")
    assert campaign.total_reached() == 115
    assert [a.code for a in campaign.partners.all()] == ["MOH"]
    assert campaign.created_by == prevention_officer


def test_it_corrects_counts_and_removes_rows(client: Any, prevention_officer: Any) -> None:
    campaign = make_campaign(audience={("F", "15_24"): 10, ("M", "15_24"): 12})
    female, male = campaign.audience.order_by("sex")
    client.force_login(prevention_officer)
    edit = client.get(reverse("prevention:campaign_edit", args=[campaign.pk]))
    assert edit.status_code == 200
    rows = [
        {"id": female.pk, "sex": "F", "age_group": "15_24", "count": "11", "expected_version": 1},
        {"id": male.pk, "sex": "M", "age_group": "15_24", "count": "12", "DELETE": "on"},
    ]
    data = page_data(rows, initial=2, partners=[], expected_version=campaign.version)
    response = client.post(reverse("prevention:campaign_edit", args=[campaign.pk]), data)
    assert response.status_code == 302
    assert [(a.sex, a.count) for a in campaign.audience.all()] == [("F", 11)]
    assert ObjectChange.objects.filter(object_id=str(female.pk), action="update").exists()


def test_it_refuses_a_stale_edit(client: Any, prevention_officer: Any) -> None:
    campaign = make_campaign()
    client.force_login(prevention_officer)
    data = page_data([], expected_version=campaign.version)
    Campaign.objects.get(pk=campaign.pk).save()  # someone else saved it meanwhile
    response = client.post(reverse("prevention:campaign_edit", args=[campaign.pk]), data)
    assert response.status_code == 409


def test_it_lets_analysts_and_auditors_read_but_not_write(
    client: Any, national_analyst: Any, auditor: Any
) -> None:
    campaign = make_campaign()
    for user in (national_analyst, auditor):
        client.force_login(user)
        assert client.get(campaign.get_absolute_url()).status_code == 200
        assert client.get(reverse("prevention:campaign_add")).status_code == 403
        assert (
            client.get(reverse("prevention:campaign_edit", args=[campaign.pk])).status_code == 404
        )
