"""The "merge into…" flow from a person's page, and POST /api/v1/persons/{id}/merge/."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.persons.models import Person
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> tuple[Person, Person]:
    """(the duplicate to merge, the record to keep)"""
    removed = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Chun Vana", birth_year=1990)
    kept = f.make_person(
        f.unit(f.PHNOM_PENH), name_latin="Chhun Vanna", name_km="ឈុន វណ្ណា", birth_year=1990
    )
    return removed, kept


def test_it_offers_the_merge_from_the_persons_page(
    client: Any, pp_officer: Any, prosecutor: Any, pair: tuple[Person, Person]
) -> None:
    removed, _ = pair
    merge_url = reverse("persons:person_merge", args=[removed.pk])
    client.force_login(pp_officer)
    assert merge_url in client.get(removed.get_absolute_url()).content.decode()
    client.force_login(prosecutor)  # reads persons, may not change them
    assert merge_url not in client.get(removed.get_absolute_url()).content.decode()
    assert client.get(merge_url).status_code == 404


def test_it_lists_likely_duplicates_to_merge_into(
    client: Any, pp_officer: Any, pair: tuple[Person, Person]
) -> None:
    removed, kept = pair
    client.force_login(pp_officer)
    page = client.get(reverse("persons:person_merge", args=[removed.pk]))
    assert page.status_code == 200
    assert [person for person, _ in page.context["candidates"]] == [kept]
    assert f"?into={kept.pk}" in page.content.decode()
    searched = client.get(
        reverse("persons:person_merge", args=[removed.pk]), {"name_km": "ឈុន វណ្ណា"}
    )
    assert [person for person, _ in searched.context["candidates"]] == [kept]


def test_it_shows_both_records_side_by_side_before_merging(
    client: Any, pp_officer: Any, pair: tuple[Person, Person]
) -> None:
    removed, kept = pair
    client.force_login(pp_officer)
    page = client.get(reverse("persons:person_merge", args=[removed.pk]), {"into": kept.pk})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Chun Vana" in text and "Chhun Vanna" in text and "ឈុន វណ្ណា" in text
    rows = {str(row["label"]): row for row in page.context["rows"]}
    assert rows["Name (Latin letters)"]["differs"] and not rows["Born"]["differs"]
    assert Person.objects.get(pk=removed.pk).merged_into is None  # nothing happens on GET


def test_it_merges_on_confirmation(
    client: Any, pp_officer: Any, pair: tuple[Person, Person]
) -> None:
    removed, kept = pair
    client.force_login(pp_officer)
    response = client.post(
        reverse("persons:person_merge", args=[removed.pk]),
        {"into": kept.pk, "version": removed.version, "into_version": kept.version},
    )
    assert response.status_code == 302 and response["Location"] == kept.get_absolute_url()
    assert Person.objects.get(pk=removed.pk).merged_into == kept
    assert AuditEntry.objects.filter(action="merge", source="web", user=pp_officer).count() == 2
    page = client.get(kept.get_absolute_url()).content.decode()
    assert removed.get_absolute_url() in page  # "records merged into this one"


def test_it_refuses_a_stale_or_refused_merge_on_the_page(
    client: Any, pp_officer: Any, pair: tuple[Person, Person]
) -> None:
    removed, kept = pair
    client.force_login(pp_officer)
    url = reverse("persons:person_merge", args=[removed.pk])
    stale = client.post(url, {"into": kept.pk, "version": removed.version, "into_version": 99})
    assert stale.status_code == 409
    itself = client.post(
        url, {"into": removed.pk, "version": removed.version, "into_version": removed.version}
    )
    assert itself.status_code == 400
    assert "themselves" in itself.content.decode()
    assert Person.objects.get(pk=removed.pk).merged_into is None


def test_it_answers_404_for_persons_out_of_scope(
    client: Any, api: Any, pp_officer: Any, sr_officer: Any, pair: tuple[Person, Person]
) -> None:
    removed, kept = pair
    elsewhere = f.make_person(f.unit(f.SIEM_REAP), name_latin="Chhun Vanna")
    client.force_login(sr_officer)
    assert client.get(reverse("persons:person_merge", args=[removed.pk])).status_code == 404
    api.force_authenticate(sr_officer)
    assert api.post(f"/api/v1/persons/{removed.pk}/merge/", {"into": kept.pk}).status_code == 404
    client.force_login(pp_officer)
    url = reverse("persons:person_merge", args=[removed.pk])
    assert client.get(url, {"into": elsewhere.pk}).status_code == 404
    data = {"into": elsewhere.pk, "version": 1, "into_version": 1}
    assert client.post(url, data).status_code == 404
    api.force_authenticate(pp_officer)
    answer = api.post(f"/api/v1/persons/{removed.pk}/merge/", {"into": elsewhere.pk})
    assert answer.status_code == 400 and "into" in answer.json()
    assert not Person.objects.exclude(merged_into=None).exists()
    assert AuditEntry.objects.filter(action="denied", object_id=str(elsewhere.pk)).exists()


def test_it_merges_through_the_api(api: Any, pp_officer: Any, pair: tuple[Person, Person]) -> None:
    removed, kept = pair
    api.force_authenticate(pp_officer)
    stale = api.post(
        f"/api/v1/persons/{removed.pk}/merge/",
        {"into": kept.pk, "into_version": kept.version + 1},
        format="json",
    )
    assert stale.status_code == 409
    answer = api.post(
        f"/api/v1/persons/{removed.pk}/merge/",
        {"into": kept.pk, "version": removed.version, "into_version": kept.version},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["id"] == kept.pk
    assert api.get(f"/api/v1/persons/{removed.pk}/").json()["merged_into"] == kept.pk
    again = api.post(f"/api/v1/persons/{removed.pk}/merge/", {"into": kept.pk}, format="json")
    assert again.status_code == 400 and "already merged" in str(again.json())
    itself = api.post(f"/api/v1/persons/{kept.pk}/merge/", {"into": kept.pk}, format="json")
    assert itself.status_code == 400


def test_it_lets_only_roles_that_change_persons_merge(
    api: Any, prosecutor: Any, auditor: Any, pair: tuple[Person, Person]
) -> None:
    removed, kept = pair
    for user in (prosecutor, auditor):
        api.force_authenticate(user)
        answer = api.post(f"/api/v1/persons/{removed.pk}/merge/", {"into": kept.pk})
        assert answer.status_code == 404
    assert Person.objects.get(pk=removed.pk).merged_into is None
