"""Persons are personal data: only roles that need them see them, and nothing caches them."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.testing import factories as f
from sahakar.testing.access import assert_out_of_scope

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["prevention_officer", "national_analyst", "outsider"])
def test_it_hides_persons_from_roles_without_need(
    client: Any, api: Any, persona: str, request: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    user = request.getfixturevalue(persona)
    assert_out_of_scope(client, api, user, person, "Sok Dara")


def test_it_hides_persons_recorded_in_another_province(
    client: Any, api: Any, sr_officer: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    assert_out_of_scope(client, api, sr_officer, person, "Sok Dara")


def test_it_leaves_persons_out_of_the_menu_of_roles_without_need(
    client: Any, prevention_officer: Any, pp_officer: Any
) -> None:
    client.force_login(prevention_officer)
    assert reverse("persons:person_list") not in client.get("/").content.decode()
    client.force_login(pp_officer)
    assert reverse("persons:person_list") in client.get("/").content.decode()


def test_it_forbids_caching_of_person_pages_and_answers(
    client: Any, api: Any, pp_officer: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH))
    client.force_login(pp_officer)
    api.force_authenticate(pp_officer)
    for response in (
        client.get(person.get_absolute_url()),
        client.get(reverse("persons:person_list")),
        api.get(f"/api/v1/persons/{person.pk}/"),
        api.get("/api/v1/persons/"),
    ):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
