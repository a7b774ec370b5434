"""A case file without a typed title shows one made at display time in the page's language,
from the gravest suspected offence and the defendants; a typed title is shown as typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from sahakar.arrests.models import Offence
from sahakar.cases.tests.conftest import make_case

pytestmark = pytest.mark.django_db


def _untitled_case(user: Any, defendants: int) -> Any:
    case = make_case(user, defendants=defendants, title="")
    for n, defendant in enumerate(case.defendants.order_by("pk")):
        person = defendant.arrest.person
        person.name_latin, person.name_km = f"Chea Vibol {n}", f"ជា វិបុល {n}"
        person.save()
        defendant.arrest.offences.set(
            Offence.objects.filter(code__in=["DRUG_USE", "DRUG_TRAFFICKING"])
        )
    return case


def _page(client: Any, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_makes_the_title_in_the_language_of_the_page(
    client: Client, pp_investigator: Any
) -> None:
    case = _untitled_case(pp_investigator, defendants=3)
    client.force_login(pp_investigator)
    for url in (case.get_absolute_url(), "/cases/"):
        english = _page(client, url, "en")
        assert "Illegal trafficking or sale of drugs: Chea Vibol 0 and 2 others" in english
        khmer = _page(client, url, "km")
        assert "ការជួញដូរ ឬលក់គ្រឿងញៀនដោយខុសច្បាប់៖ ជា វិបុល 0 និងអ្នកផ្សេងទៀត 2 នាក់" in khmer
        assert "Illegal trafficking" not in khmer


def test_it_names_one_defendant_alone(pp_investigator: Any) -> None:
    case = _untitled_case(pp_investigator, defendants=1)
    with translation.override("en"):
        assert case.display_title == "Illegal trafficking or sale of drugs: Chea Vibol 0"
    case = make_case(pp_investigator, defendants=2, title="")
    with translation.override("en"):
        assert case.display_title.endswith(" and 1 other")  # no offence recorded: the names


def test_it_shows_a_typed_title_as_typed(client: Client, pp_investigator: Any) -> None:
    case = make_case(pp_investigator, title="Yaba ring, Street 271")
    client.force_login(pp_investigator)
    for language in ("en", "km"):
        assert "Yaba ring, Street 271" in _page(client, case.get_absolute_url(), language)
    assert case.display_title == "Yaba ring, Street 271"


def test_it_shows_the_title_in_the_api_next_to_the_typed_one(pp_investigator: Any) -> None:
    case = _untitled_case(pp_investigator, defendants=2)
    api = APIClient()
    api.force_authenticate(pp_investigator)
    body = api.get(f"/api/v1/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["title"] == ""
    assert body["display_title"].endswith("Chea Vibol 0 and 1 other")
