"""Country names follow the page's language: CLDR's Khmer names on the Khmer pages."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from sahakar.persons.filtersets import PersonFilterSet
from sahakar.testing import factories as f


def in_khmer(client: Any) -> Any:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "km"
    return client


def test_it_names_countries_in_the_active_language() -> None:
    with translation.override("en"):
        assert countries.name("TH") == "Thailand"
        assert countries.name("BO") == "Bolivia"  # django-countries' common name in English
    with translation.override("km"):
        assert countries.name("TH") == "ថៃ"
        assert countries.name("VN") == "វៀតណាម"
        assert dict(countries)["LA"] == "ឡាវ"


def test_it_shows_the_khmer_name_on_the_person_pages(signed_in: Any, pp_officer: Any) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), nationality="TH")
    client = in_khmer(signed_in("pp_officer"))
    page = client.get(person.get_absolute_url()).content.decode()
    assert "ថៃ" in page and "Thailand" not in page
    listing = client.get(reverse("persons:person_list")).content.decode()
    assert "ថៃ" in listing and "Thailand" not in listing


def test_it_offers_khmer_names_in_the_filter(db: Any) -> None:
    with translation.override("km"):
        choices = dict(PersonFilterSet().form.fields["nationality"].choices)
    assert choices["TH"] == "ថៃ"
