"""Likely duplicates: found across spelling variants and scripts, among the persons the user
may see, with the same identity document first; on a page and an endpoint."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.audit.models import AuditEntry
from sahakar.persons import duplicates
from sahakar.persons.duplicates import find_candidates
from sahakar.persons.models import Person
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def pp_person(**fields: Any) -> Person:
    return f.make_person(f.unit(f.PHNOM_PENH), **fields)


def found(user: Any, **query: Any) -> list[Person]:
    return [person for person, _ in find_candidates(user, **query)]


@pytest.mark.parametrize(
    ("recorded", "typed"),
    [
        ("Sok Dara", "Sok Darah"),
        ("Sok Darah", "Sok Dara"),
        ("Chhun Vanna", "Chun Vana"),
        ("Sok Dara", "Dara Sok"),
        ("Sok Sreymom", "Sok Srey Mom"),
        ("Touch Sophea", "Tuch Sophia"),
        ("Keo Vuthy", "Kaev Vuthi"),
    ],
)
def test_it_finds_romanisation_variants(pp_officer: Any, recorded: str, typed: str) -> None:
    person = pp_person(name_latin=recorded)
    pp_person(name_latin="Meas Channary")
    assert found(pp_officer, name_latin=typed) == [person]


@pytest.mark.parametrize("typed", ["សុខ ដារ៉ា", "សុខ\u200bដារ៉ា", "សុខដារ៉ា", " សុខ\u200c ដារា "])
def test_it_finds_khmer_script_with_or_without_invisible_spaces(
    pp_officer: Any, typed: str
) -> None:
    person = pp_person(name_latin="", name_km="សុខ\u200bដារ៉ា")
    pp_person(name_latin="", name_km="ចាន់ សុផល")
    assert found(pp_officer, name_km=typed) == [person]


def test_it_finds_across_scripts(pp_officer: Any) -> None:
    khmer_only = pp_person(name_latin="", name_km="សុខ ដារ៉ា")
    latin_only = pp_person(name_latin="Chhun Vanna", name_km="")
    results = dict(find_candidates(pp_officer, name_latin="Sok Dara"))
    assert khmer_only in results and 60 <= results[khmer_only] <= 85
    assert found(pp_officer, name_km="ឈុន វណ្ណា") == [latin_only]


def test_it_scores_both_scripts_and_the_year_of_birth(pp_officer: Any) -> None:
    same_year = pp_person(name_latin="Sok Dara", name_km="សុខ ដារ៉ា", birth_year=1994)
    next_year = pp_person(name_latin="Sokh Dara", name_km="សុខ ដារ៉ា", birth_year=1995)
    other_generation = pp_person(name_latin="Sok Dara", birth_year=1960)
    results = find_candidates(
        pp_officer, name_latin="Sok Darah", name_km="សុខ ដារ៉ា", birth_year=1994
    )
    assert [p for p, _ in results] == [same_year, next_year, other_generation]
    scores = [score for _, score in results]
    assert scores[0] == 100 and scores[0] > scores[1] > scores[2]


def test_it_puts_the_same_identity_document_first(pp_officer: Any) -> None:
    same_name = pp_person(name_latin="Sok Dara", birth_year=1994)
    same_document = pp_person(
        name_latin="Keo Vuthy", document_type="national_id", document_number="010203040"
    )
    results = find_candidates(
        pp_officer, name_latin="Sok Dara", birth_year=1994, document_number="0102-03040"
    )
    assert results[0] == (same_document, 100.0)
    assert results[1][0] == same_name


def test_it_only_offers_persons_the_user_may_see(pp_officer: Any, sr_officer: Any) -> None:
    pp_person(name_latin="Sok Dara")
    assert found(sr_officer, name_latin="Sok Dara") == []


def test_it_leaves_out_merged_persons_and_unrelated_names(pp_officer: Any) -> None:
    kept = pp_person(name_latin="Sok Dara")
    merged = pp_person(name_latin="Sok Darah", merged_into=kept)
    pp_person(name_latin="Chan Sophal")
    assert found(pp_officer, name_latin="Sok Dara") == [kept]
    assert merged.pk not in [p.pk for p in found(pp_officer, name_latin="Sok Darah")]
    assert found(pp_officer, name_latin="") == []


def test_it_lists_candidates_with_scores_and_links_on_a_page(client: Any, pp_officer: Any) -> None:
    person = pp_person(name_latin="Chhun Vanna", name_km="ឈុន វណ្ណា", birth_year=1990)
    client.force_login(pp_officer)
    response = client.get(
        reverse("persons:person_duplicates"), {"name_latin": "Chun Vana", "birth_year": "1990"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert person.get_absolute_url() in page and "ឈុន វណ្ណា" in page
    assert "no-store" in response["Cache-Control"]
    logged = AuditEntry.objects.get(action="view", object_id="")
    assert logged.detail["ids"] == [person.pk]


@pytest.mark.parametrize(
    ("query", "field"),
    [({}, "__all__"), ({"name_latin": "Sok Dara", "birth_year": "1850"}, "birth_year")],
)
def test_it_asks_for_a_name_or_document(
    client: Any, api: Any, pp_officer: Any, query: dict[str, str], field: str
) -> None:
    client.force_login(pp_officer)
    response = client.get(reverse("persons:person_duplicates"), {"birth_year": "", **query})
    assert response.status_code == 400 and field in response.context["form"].errors
    api.force_authenticate(pp_officer)
    answer = api.get("/api/v1/persons/candidates/", query)
    assert answer.status_code == 400
    assert ("non_field_errors" if field == "__all__" else field) in answer.json()


def test_it_answers_candidates_as_json(api: Any, pp_officer: Any) -> None:
    person = pp_person(
        name_latin="Sok Dara", document_type="national_id", document_number="010203040"
    )
    pp_person(name_latin="Sok Darah")
    api.force_authenticate(pp_officer)
    body = api.get(
        "/api/v1/persons/candidates/", {"name_latin": "Sok Dara", "document_number": "010203040"}
    ).json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["score"] == 100 and first["person"]["id"] == person.pk
    assert first["person"]["url"].endswith(f"/api/v1/persons/{person.pk}/")


@pytest.mark.parametrize("persona", ["prevention_officer", "national_analyst"])
def test_it_refuses_roles_that_never_see_persons(
    client: Any, api: Any, persona: str, request: Any
) -> None:
    pp_person(name_latin="Sok Dara")
    user = request.getfixturevalue(persona)
    client.force_login(user)
    api.force_authenticate(user)
    query = {"name_latin": "Sok Dara"}
    assert client.get(reverse("persons:person_duplicates"), query).status_code == 403
    assert api.get("/api/v1/persons/candidates/", query).status_code == 403


def test_it_reads_those_born_about_the_same_year_first(pp_officer: Any, monkeypatch: Any) -> None:
    near = pp_person(name_latin="Sok Dara", birth_year=1993)
    unknown = pp_person(name_latin="Sok Dara", birth_year=None)
    far = pp_person(name_latin="Sok Dara", birth_year=1970)
    assert far in found(pp_officer, name_latin="Sok Dara", birth_year=1994)  # a small block
    monkeypatch.setattr(duplicates, "FAR_LIMIT", 0)  # as if the block were a big one
    assert set(found(pp_officer, name_latin="Sok Dara", birth_year=1994)) == {near, unknown}
    assert far in found(pp_officer, name_latin="Sok Dara")  # no year: the whole block


def test_it_never_loses_the_same_document_to_the_block_limit(
    pp_officer: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(duplicates, "BLOCK_LIMIT", 2)
    for _ in range(3):
        pp_person(name_latin="Sok Dara", birth_year=1994)
    holder = pp_person(name_latin="Sokh Dara", document_type="passport", document_number="N0123456")
    results = find_candidates(pp_officer, name_latin="Sok Dara", document_number="n0123456")
    assert results[0] == (holder, 100.0) and len(results) == 2
