"""The campaign list runs the same number of queries whatever its length."""

from typing import Any

import pytest

from sahakar.agencies.models import Agency
from sahakar.prevention.tests.conftest import make_campaign
from sahakar.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _campaign() -> None:
    make_campaign(partners=("MOH", "NACD"), audience={("F", "15_24"): 5, ("M", "15_24"): 7})


@pytest.mark.parametrize("url", ["/prevention/?per_page=100", "/api/v1/campaigns/?page_size=100"])
def test_it_runs_constant_queries_on_lists(
    client: Any, api: Any, prevention_officer: Any, url: str
) -> None:
    client.force_login(prevention_officer)
    api.force_authenticate(prevention_officer)
    fetch = (lambda: api.get(url)) if url.startswith("/api/") else (lambda: client.get(url))
    for _ in range(2):
        _campaign()

    def grow() -> None:
        for _ in range(10):
            _campaign()

    assert_constant_queries(grow, fetch)


def test_it_runs_constant_queries_on_a_campaigns_page(client: Any, prevention_officer: Any) -> None:
    campaign = make_campaign(partners=("MOH",), audience={("F", "15_24"): 5})
    client.force_login(prevention_officer)

    def grow() -> None:
        campaign.partners.add(*Agency.objects.filter(code__in=["NACD", "MOINF"]))
        for group in ("under_15", "25_34", "35_plus"):
            campaign.audience.create(sex="M", age_group=group, count=3)

    assert_constant_queries(grow, lambda: client.get(campaign.get_absolute_url()))
