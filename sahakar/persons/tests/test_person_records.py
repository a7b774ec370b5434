"""Recording persons: names in both scripts, birth date or year, nationality, document."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.persons.models import Person
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_records_a_person_in_both_scripts(client: Any, pp_officer: Any) -> None:
    client.force_login(pp_officer)
    response = client.post(
        reverse("persons:person_add"),
        {
            "name_km": "សុខ ដារ៉ា",
            "name_latin": "Sok Dara",
            "sex": "M",
            "birth_year": "1994",
            "nationality": "KH",
            "document_type": "national_id",
            "document_number": "010203040",
            "org_unit": f.unit(f.PHNOM_PENH).pk,
        },
    )
    assert response.status_code == 302
    person = Person.objects.get()
    page = client.get(person.get_absolute_url()).content.decode()
    assert "សុខ ដារ៉ា" in page and "Sok Dara" in page and "Cambodia" in page


def test_it_searches_persons_in_either_script(client: Any, pp_officer: Any) -> None:
    f.make_person(f.unit(f.PHNOM_PENH), name_km="ចាន់ សុផល", name_latin="Chan Sophal")
    f.make_person(f.unit(f.PHNOM_PENH), name_latin="Keo Vuthy")
    client.force_login(pp_officer)
    by_khmer = client.get(reverse("persons:person_list"), {"q": "សុផល"}).content.decode()
    assert "Chan Sophal" in by_khmer and "Keo Vuthy" not in by_khmer


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name_km": "", "name_latin": ""}, "name_latin"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"birth_year": "1850"}, "birth_year"),
        ({"date_of_birth": "1990-05-01", "birth_year": "1991"}, "birth_year"),
        ({"document_number": "N123"}, "document_type"),
        ({"nationality": "XX"}, "nationality"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(
    client: Any, api: Any, pp_officer: Any, changes: dict[str, str], field: str
) -> None:
    client.force_login(pp_officer)
    data = {"name_latin": "Sok Dara", "sex": "M", "org_unit": f.unit(f.PHNOM_PENH).pk, **changes}
    response = client.post(reverse("persons:person_add"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    api.force_authenticate(pp_officer)
    body = {**{k: v for k, v in data.items() if v != ""}, "org_unit": "12"}
    if "name_km" in changes:
        body.pop("name_latin", None)
    api_response = api.post("/api/v1/persons/", body, format="json")
    assert api_response.status_code == 400
    assert field in api_response.json()
    assert not Person.objects.exists()
