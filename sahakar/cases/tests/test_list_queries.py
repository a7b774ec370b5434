"""The case list page and endpoint run the same number of queries however many cases they
show, each with its defendants, seizures and stage history."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sahakar.cases import services
from sahakar.cases.choices import Stage
from sahakar.cases.tests.conftest import bring_to, make_arrest, make_case
from sahakar.testing import factories as f
from sahakar.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _make(user: Any) -> None:
    case = make_case(user, defendants=2, court=f.agency("CFI-PP"))
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    f.make_item(seizure)
    services.link_seizure(case, seizure, acting_user=user)
    bring_to(case, Stage.CHARGED, user)


@pytest.mark.parametrize("persona", ["pp_investigator", "admin_user"])
def test_it_runs_constant_queries_on_the_list_page_and_endpoint(
    client: Client, api: APIClient, persona: str, request: Any, pp_investigator: Any
) -> None:
    user = request.getfixturevalue(persona)
    client.force_login(user)
    api.force_authenticate(user)
    for _ in range(2):
        _make(pp_investigator)

    def grow() -> None:
        for _ in range(6):
            _make(pp_investigator)

    assert_constant_queries(
        grow,
        lambda: client.get("/cases/", {"per_page": 100}),
        lambda: api.get("/api/v1/cases/", {"page_size": 100}),
    )


def test_it_runs_constant_queries_on_the_case_page_however_large_the_case(
    client: Client, pp_investigator: Any
) -> None:
    client.force_login(pp_investigator)
    case = make_case(pp_investigator, defendants=1, court=f.agency("CFI-PP"))
    bring_to(case, Stage.CHARGED, pp_investigator)

    def grow() -> None:
        seizure = f.make_seizure(
            f.unit(f.PHNOM_PENH), operation=f.make_operation(f.unit(f.PHNOM_PENH))
        )
        f.make_item(seizure)
        arrest = make_arrest(f.unit(f.PHNOM_PENH), seizures=(seizure,), outcome="referred")
        services.add_defendant(case, arrest, acting_user=pp_investigator)

    grow()

    def grow_five() -> None:
        for _ in range(5):
            grow()

    assert_constant_queries(grow_five, lambda: client.get(case.get_absolute_url()))
    api = APIClient()
    api.force_authenticate(pp_investigator)
    for action in ("timeline", "clocks", "quantities"):
        assert_constant_queries(grow, partial(api.get, f"/api/v1/cases/{case.pk}/{action}/"))
