"""Campaign factories, what the page and the API are sent, and a provincial prevention officer."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.testing import factories as f


@pytest.fixture
def sr_prevention_officer(db: Any) -> Any:
    """A Ministry of Education prevention officer working in Siem Reap only."""
    return f.make_user("sr_prevention", "prevention_officer", f.unit(f.SIEM_REAP), "MOEYS")


def make_campaign(
    org_unit_code: str = f.PHNOM_PENH,
    audience: dict[tuple[str, str], int] | None = None,
    partners: tuple[str, ...] = (),
    **fields: Any,
) -> Campaign:
    values = {
        "title": "Drug-free school talk",
        "kind": "school_session",
        "organiser": f.agency("MOEYS"),
        "starts_on": date(2026, 3, 10),
        "ends_on": date(2026, 3, 10),
        "org_unit": f.unit(org_unit_code),
        "place": "Wat Bo High School",
        **fields,
    }
    campaign = Campaign.objects.create(**values)
    campaign.partners.add(*(f.agency(code) for code in partners))
    for (sex, age_group), count in (audience or {}).items():
        AudienceCount.objects.create(campaign=campaign, sex=sex, age_group=age_group, count=count)
    return campaign


def page_data(rows: list[dict[str, Any]], initial: int = 0, **campaign: Any) -> dict[str, Any]:
    """The POST of the campaign page: the campaign's fields and the audience formset."""
    data: dict[str, Any] = {
        "title": "Drug-free school talk",
        "kind": "school_session",
        "organiser": f.agency("MOEYS").pk,
        "partners": [f.agency("MOH").pk],
        "starts_on": "2026-03-10",
        "ends_on": "2026-03-11",
        "org_unit": f.unit(f.PHNOM_PENH).pk,
        "place": "Wat Bo High School",
        "materials": "leaflets",
        "materials_quantity": "300",
        "key_message": "Say no to yaba.",
        "audience-TOTAL_FORMS": str(len(rows)),
        "audience-INITIAL_FORMS": str(initial),
        "audience-MIN_NUM_FORMS": "0",
        "audience-MAX_NUM_FORMS": "1000",
        **campaign,
    }
    for index, row in enumerate(rows):
        data.update({f"audience-{index}-{name}": value for name, value in row.items()})
    return data


def api_payload(**campaign: Any) -> dict[str, Any]:
    return {
        "title": "Community outreach day",
        "kind": "community_outreach",
        "organiser": "MOH",
        "partners": ["NACD"],
        "starts_on": "2026-04-01",
        "ends_on": "2026-04-02",
        "org_unit": f.PHNOM_PENH,
        "place": "Phsar Thmei",
        "materials": "posters",
        "materials_quantity": 50,
        "key_message": "Drugs destroy families.",
        "audience": [
            {"sex": "F", "age_group": "15_24", "count": 40},
            {"sex": "M", "age_group": "15_24", "count": 35},
        ],
        **campaign,
    }
