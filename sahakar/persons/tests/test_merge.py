"""Merging a duplicate: every link moves to the kept person, the duplicate's record and
history stay, the merge is audited, and the merges that must not happen are refused."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sahakar.arrests.models import Arrest
from sahakar.audit import chain
from sahakar.audit.models import AuditEntry
from sahakar.core.models import StaleWrite
from sahakar.persons.models import Person
from sahakar.persons.services import MergeRefused, merge_persons
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def pp_person(**fields: Any) -> Person:
    return f.make_person(f.unit(f.PHNOM_PENH), **fields)


def make_arrest(person: Person, **fields: Any) -> Arrest:
    """An arrest written with the model's own fields (the arrests pages are built apart)."""
    moment = timezone.now() - timedelta(hours=3)
    values = {
        "person": person,
        "arrested_at": moment,
        "arrived_at": moment + timedelta(minutes=40),
        "org_unit": person.org_unit,
        "place_description": "Street 271",
        "arresting_agency": f.agency("ADB-PP"),
        "suspect_role": "user",
        "custody_deadline": moment + timedelta(hours=48, minutes=40),
        **fields,
    }
    return Arrest.objects.create(**values)


@pytest.fixture
def duplicates() -> tuple[Person, Person]:
    """The same man recorded twice: once fully, once in a hurry with a different spelling."""
    kept = pp_person(name_latin="Sok Dara", birth_year=1994, sex="U")
    removed = pp_person(
        name_latin="Sokh Darah",
        name_km="សុខ ដារ៉ា",
        sex="M",
        birth_year=1994,
        nationality="KH",
        document_type="national_id",
        document_number="010203040",
        alias="Khmao",
    )
    return kept, removed


def test_it_moves_every_link_to_the_kept_person(
    pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH))
    arrest = make_arrest(removed)
    arrest.seizures.add(seizure)
    earlier = pp_person(name_latin="Sok Dara (old file)")
    Person.objects.filter(pk=earlier.pk).update(merged_into=removed)
    own_arrest = make_arrest(kept)

    merge_persons(kept, removed, acting_user=pp_officer)

    arrest.refresh_from_db()
    assert arrest.person == kept and list(arrest.seizures.all()) == [seizure]
    assert set(kept.arrests.all()) == {arrest, own_arrest}
    assert not removed.arrests.exists()
    assert Person.objects.get(pk=earlier.pk).merged_into == kept  # chains do not form
    assert arrest.version == 2  # saved as a change of the arrest, in its own history
    assert AuditEntry.objects.filter(
        action="update", object_id=str(arrest.pk), content_type__model="arrest"
    ).exists()


def test_it_fills_blank_fields_and_keeps_the_rest(
    pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    merge_persons(kept, removed, acting_user=pp_officer)
    kept.refresh_from_db()
    assert kept.name_latin == "Sok Dara"  # kept as it was
    assert (kept.name_km, kept.sex, kept.alias) == ("សុខ ដារ៉ា", "M", "Khmao")
    assert (kept.document_type, kept.document_number) == ("national_id", "010203040")
    assert kept.nationality == "KH"


def test_it_keeps_the_duplicate_and_its_history(
    client: Any, pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    client.force_login(pp_officer)
    client.get(removed.get_absolute_url())  # a view, logged before the merge
    before = set(AuditEntry.objects.filter(object_id=str(removed.pk)).values_list("seq", flat=True))

    merge_persons(kept, removed, acting_user=pp_officer)

    removed.refresh_from_db()
    assert removed.merged_into == kept and removed.name_latin == "Sokh Darah"
    after = set(AuditEntry.objects.filter(object_id=str(removed.pk)).values_list("seq", flat=True))
    assert before < after
    assert chain.verify().ok
    page = client.get(removed.get_absolute_url())
    assert page.status_code == 200
    assert kept.get_absolute_url() in page.content.decode()
    assert "edit_url" not in page.context and "can_merge" not in page.context


def test_it_writes_a_merge_entry_with_both_snapshots(
    pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    arrest = make_arrest(removed)
    merge_persons(kept, removed, acting_user=pp_officer)
    entry = AuditEntry.objects.get(action="merge", object_id=str(kept.pk))
    assert entry.user == pp_officer and entry.before is not None and entry.after is not None
    assert entry.before["name_km"] == "" and entry.after["name_km"] == "សុខ ដារ៉ា"
    assert entry.detail["merged"]["id"] == removed.pk
    assert entry.detail["merged"]["snapshot"]["name_latin"] == "Sokh Darah"
    assert entry.detail["moved"] == {"arrests.arrest": [arrest.pk]}
    on_removed = AuditEntry.objects.get(action="merge", object_id=str(removed.pk))
    assert on_removed.before is not None and on_removed.after is not None
    assert on_removed.before["merged_into"] is None and on_removed.after["merged_into"] == kept.pk


def test_it_refuses_merging_a_person_into_themselves(
    pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, _ = duplicates
    with pytest.raises(MergeRefused):
        merge_persons(kept, kept, acting_user=pp_officer)


def test_it_refuses_persons_already_merged(
    pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    third = pp_person(name_latin="Sok Dara")
    merge_persons(kept, removed, acting_user=pp_officer)
    with pytest.raises(MergeRefused, match="already merged"):
        merge_persons(third, removed, acting_user=pp_officer)
    with pytest.raises(MergeRefused, match="already merged"):
        merge_persons(removed, third, acting_user=pp_officer)
    assert not third.arrests.exists() and Person.objects.get(pk=third.pk).merged_into is None


def test_it_refuses_persons_the_user_may_not_change(
    pp_officer: Any, sr_officer: Any, prosecutor: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    elsewhere = f.make_person(f.unit(f.SIEM_REAP), name_latin="Sok Dara")
    with pytest.raises(PermissionDenied):
        merge_persons(kept, removed, acting_user=sr_officer)
    with pytest.raises(PermissionDenied):
        merge_persons(elsewhere, removed, acting_user=pp_officer)
    with pytest.raises(PermissionDenied):  # sees persons, may not change them
        merge_persons(kept, removed, acting_user=prosecutor)
    assert Person.objects.get(pk=removed.pk).merged_into is None
    assert not AuditEntry.objects.filter(action="merge").exists()


def test_it_refuses_a_merge_of_records_changed_since_they_were_compared(
    pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    with pytest.raises(StaleWrite):
        merge_persons(kept, removed, acting_user=pp_officer, keep_version=kept.version + 1)
    assert Person.objects.get(pk=removed.pk).merged_into is None


def test_it_leaves_merged_persons_out_of_lists_and_search(
    client: Any, api: Any, pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    merge_persons(kept, removed, acting_user=pp_officer)
    client.force_login(pp_officer)
    api.force_authenticate(pp_officer)
    for query in ({}, {"q": "Sok"}):
        listed = client.get(reverse("persons:person_list"), query).content.decode()
        assert "Sokh Darah" not in listed and "Sok Dara" in listed
        ids = [p["id"] for p in api.get("/api/v1/persons/", query).json()["results"]]
        assert ids == [kept.pk]
    shown = client.get(reverse("persons:person_list"), {"include_merged": "on"}).content.decode()
    assert "Sokh Darah" in shown
    everyone = api.get("/api/v1/persons/", {"include_merged": "true"}).json()
    assert everyone["count"] == 2
    detail = api.get(f"/api/v1/persons/{removed.pk}/").json()
    assert detail["merged_into"] == kept.pk


def test_it_refuses_edits_of_a_merged_record(
    client: Any, api: Any, pp_officer: Any, duplicates: tuple[Person, Person]
) -> None:
    kept, removed = duplicates
    merge_persons(kept, removed, acting_user=pp_officer)
    removed.refresh_from_db()
    api.force_authenticate(pp_officer)
    answer = api.patch(
        f"/api/v1/persons/{removed.pk}/", {"notes": "x", "version": removed.version}, format="json"
    )
    assert answer.status_code == 400
    client.force_login(pp_officer)
    data = {"name_latin": "Other", "sex": "M", "org_unit": removed.org_unit_id}
    assert client.post(reverse("persons:person_edit", args=[removed.pk]), data).status_code == 400
    assert Person.objects.get(pk=removed.pk).notes == ""
