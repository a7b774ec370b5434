"""Recording an arrest on its page: the person is found in the record or recorded inline,
and likely duplicates are shown before a new person is created. Person and arrest are saved
together or not at all; the deadline is computed from the times typed in local time."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sahakar.arrests.models import Arrest, Offence
from sahakar.arrests.tests.conftest import FELONY, MISDEMEANOUR, local
from sahakar.persons.models import Person
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def minute(moment: Any) -> str:
    """A moment as the datetime-local input sends it (local time)."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(person: Any = "new", **changes: Any) -> dict[str, Any]:
    arrived = timezone.now() - timedelta(hours=3)
    data: dict[str, Any] = {
        "person": person,
        "arrested_at": minute(arrived - timedelta(minutes=45)),
        "arrived_at": minute(arrived),
        "org_unit": f.first_district(f.PHNOM_PENH).pk,
        "venue": "",
        "place_description": "Guesthouse on Street 136",
        "arresting_agency": f.agency("ADB-PP").pk,
        "operation": "",
        "offences": [Offence.objects.get(code=FELONY).pk],
        "suspect_role": "dealer",
        "drug_test": "positive",
        "prosecutor_informed_at": "",
        "notes": "",
        "seizure_references": "",
        "new_person-name_km": "",
        "new_person-name_latin": "",
        "new_person-sex": "U",
        "new_person-birth_year": "",
        "new_person-nationality": "",
        "new_person-document_type": "",
        "new_person-document_number": "",
    }
    data.update(changes)
    return data


def test_it_records_an_arrest_of_a_person_already_in_the_record(web: Client) -> None:
    person = f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Meas Vanna")
    found = web.get("/arrests/add/", {"person_q": "vanna"}).content.decode()
    assert f'value="{person.pk}"' in found
    data = form_data(person.pk, arrested_at="2025-03-01T23:10", arrived_at="2025-03-01T23:30")
    response = web.post("/arrests/add/", data)
    arrest = Arrest.objects.get()
    assert response.status_code == 302 and response["Location"] == arrest.get_absolute_url()
    assert arrest.person == person
    assert arrest.arrived_at == local(2025, 3, 1, 23, 30)
    assert arrest.custody_deadline == local(2025, 3, 3, 23, 30)


def test_it_records_a_new_person_with_the_arrest(web: Client) -> None:
    data = form_data(
        **{
            "new_person-name_km": "ហេង សុភាព",
            "new_person-name_latin": "Heng Sopheap",
            "new_person-sex": "F",
            "new_person-birth_year": "1994",
            "new_person-nationality": "KH",
            "new_person-document_type": "national_id",
            "new_person-document_number": "010203040",
        }
    )
    assert web.post("/arrests/add/", data).status_code == 302
    arrest = Arrest.objects.select_related("person").get()
    assert arrest.person.name_latin == "Heng Sopheap" and arrest.person.sex == "F"
    assert arrest.person.org_unit == arrest.org_unit


def test_it_shows_likely_duplicates_before_recording_a_new_person(web: Client) -> None:
    existing = f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Sok Dara", birth_year=1991)
    data = form_data(**{"new_person-name_latin": "Sok Dara", "new_person-birth_year": "1991"})
    response = web.post("/arrests/add/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This person may already be in the record." in page
    assert f'name="person" value="{existing.pk}"' in page
    assert (Arrest.objects.count(), Person.objects.count()) == (0, 1)
    # Typed values are kept while the user decides.
    assert 'value="Guesthouse on Street 136"' in page

    chosen = web.post("/arrests/add/", {**data, "person": existing.pk})
    assert chosen.status_code == 302
    assert Arrest.objects.get().person == existing and Person.objects.count() == 1


def test_it_records_a_new_person_when_none_of_the_duplicates_is_them(web: Client) -> None:
    f.make_person(f.first_district(f.PHNOM_PENH), name_latin="Sok Dara", birth_year=1991)
    data = form_data(**{"new_person-name_latin": "Sok Dara", "new_person-birth_year": "1991"})
    response = web.post("/arrests/add/", {**data, "confirm_new": "1"})
    assert response.status_code == 302
    assert Person.objects.count() == 2 and Arrest.objects.count() == 1


def test_it_saves_nothing_when_anything_is_wrong(web: Client) -> None:
    data = form_data(
        arrested_at="2025-03-01T23:30",
        arrived_at="2025-03-01T23:00",
        seizure_references="SZ-PP-2025-99999",
        **{"new_person-name_latin": "Nob Ody"},
    )
    response = web.post("/arrests/add/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "is before the arrest" in page
    assert "No seizure SZ-PP-2025-99999 among the seizures you can see." in page
    assert (Arrest.objects.count(), Person.objects.filter(name_latin="Nob Ody").count()) == (0, 0)


def test_it_requires_a_person(web: Client) -> None:
    response = web.post("/arrests/add/", form_data(person=""))
    assert response.status_code == 400
    assert "Choose the person arrested, or record a new person." in response.content.decode()


def test_it_refuses_a_person_the_user_may_not_see(web: Client) -> None:
    elsewhere = f.make_person(f.unit(f.SIEM_REAP), name_latin="Far Away")
    response = web.post("/arrests/add/", form_data(elsewhere.pk))
    assert response.status_code == 400 and Arrest.objects.count() == 0
    assert "Far Away" not in response.content.decode()


def test_it_links_seizures_by_reference_and_prefills_from_a_seizure(web: Client) -> None:
    seizure = f.make_seizure(f.first_district(f.PHNOM_PENH), "ADB-PP")
    prefilled = web.get("/arrests/add/", {"seizure": seizure.pk}).content.decode()
    assert f'value="{seizure.reference}"' in prefilled
    person = f.make_person(f.first_district(f.PHNOM_PENH))
    data = form_data(person.pk, seizure_references=seizure.reference.lower())
    assert web.post("/arrests/add/", data).status_code == 302
    assert list(Arrest.objects.get().seizures.all()) == [seizure]


def test_it_computes_a_misdemeanours_deadline_without_extensions(web: Client) -> None:
    person = f.make_person(f.first_district(f.PHNOM_PENH))
    data = form_data(
        person.pk,
        offences=[Offence.objects.get(code=MISDEMEANOUR).pk],
        arrested_at="2025-03-01T23:10",
        arrived_at="2025-03-01T23:30",
    )
    web.post("/arrests/add/", data)
    assert Arrest.objects.get().custody_deadline == local(2025, 3, 3, 23, 30)
