"""Operation pages: list, detail with inspections and seizures, create and edit, by scope."""

from typing import Any

import pytest
from django.urls import reverse

from sahakar.operations.models import Operation
from sahakar.operations.tests.payloads import edit_form, operation_form
from sahakar.testing import factories as f
from sahakar.testing.access import assert_out_of_scope
from sahakar.testing.records import RecordPageTests

pytestmark = pytest.mark.django_db


def test_it_lists_searches_and_filters_operations(client: Any, pp_officer: Any) -> None:
    raid = f.make_operation(f.unit(f.PHNOM_PENH), title="Night raid", kind="raid")
    f.make_operation(f.unit(f.PHNOM_PENH), title="Road check", kind="checkpoint")
    client.force_login(pp_officer)
    url = reverse("operations:operation_list")
    page = client.get(url).content.decode()
    assert "Night raid" in page and "Road check" in page
    found = client.get(url, {"q": raid.reference}).content.decode()
    assert "Night raid" in found and "Road check" not in found
    checkpoints = client.get(url, {"kind": "checkpoint"}).content.decode()
    assert "Road check" in checkpoints and "Night raid" not in checkpoints
    assert "Night raid" not in client.get(url, {"status": "active"}).content.decode()


def test_it_shows_an_operation_with_all_it_holds(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(
        f.unit(f.PHNOM_PENH), status="active", legal_authority="PPO-PP 77/2026", summary="Tip-off"
    )
    operation.participating_agencies.add(f.agency("GRK"))
    target = f.make_venue(f.first_district(f.PHNOM_PENH), name="Sky KTV")
    operation.target_venues.add(target)
    f.make_inspection(operation, target, result="drugs_found", notes="Tablets in the VIP room")
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), operation=operation)
    elsewhere = f.make_seizure(f.unit(f.SIEM_REAP), operation=operation)
    client.force_login(pp_officer)
    page = client.get(operation.get_absolute_url()).content.decode()
    for fact in (operation.reference, "PPO-PP 77/2026", "Tip-off", "Col. Demo Commander"):
        assert fact in page
    assert "Royal Gendarmerie of Cambodia" in page
    assert f'<a href="{target.get_absolute_url()}">Sky KTV</a>' in page
    assert "drugs found" in page and "Tablets in the VIP room" in page
    assert seizure.reference in page
    assert elsewhere.reference not in page  # a seizure outside the officer's scope stays hidden
    assert reverse("operations:inspection_add", args=[operation.pk]) in page


def test_it_creates_an_operation_from_the_form(client: Any, pp_officer: Any) -> None:
    venue = f.make_venue(f.first_district(f.PHNOM_PENH))
    client.force_login(pp_officer)
    form = client.get(reverse("operations:operation_add"))
    assert form.status_code == 200
    response = client.post(
        reverse("operations:operation_add"), operation_form(target_venues=[venue.pk])
    )
    operation = Operation.objects.get()
    assert response.status_code == 302 and response["Location"] == operation.get_absolute_url()
    assert (operation.status, operation.created_by) == ("planned", pp_officer)
    assert list(operation.target_venues.all()) == [venue]
    assert [a.code for a in operation.participating_agencies.all()] == ["GRK"]


def test_it_edits_an_operation(client: Any, pp_officer: Any) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), title="Old title")
    client.force_login(pp_officer)
    assert client.get(reverse("operations:operation_edit", args=[operation.pk])).status_code == 200
    response = client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, title="New title", summary="Two arrests"),
    )
    assert response.status_code == 302
    operation.refresh_from_db()
    assert (operation.title, operation.summary, operation.version) == (
        "New title",
        "Two arrests",
        2,
    )


def test_it_hides_operations_outside_the_jurisdiction(
    client: Any, api: Any, sr_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), title="Phnom Penh only")
    assert_out_of_scope(client, api, sr_officer, operation, operation.reference)


def test_it_shows_a_joint_operation_to_a_participating_agencys_officer(
    client: Any, sr_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), title="Joint sweep")
    operation.participating_agencies.add(f.agency("ADB-SR"))
    client.force_login(sr_officer)
    assert "Joint sweep" in client.get(reverse("operations:operation_list")).content.decode()
    assert client.get(operation.get_absolute_url()).status_code == 200


def test_it_keeps_a_joint_operations_venues_when_a_participant_edits_it(
    client: Any, sr_officer: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), title="Joint sweep")
    operation.participating_agencies.add(f.agency("ADB-SR"))
    target = f.make_venue(f.unit(f.PHNOM_PENH), name="Sky KTV")  # unseen by the officer
    operation.target_venues.add(target)
    client.force_login(sr_officer)
    page = client.get(operation.get_absolute_url()).content.decode()
    assert "Sky KTV" in page and target.get_absolute_url() not in page
    response = client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, summary="Siem Reap team joined"),
    )
    assert response.status_code == 302, response.context["form"].errors
    operation.refresh_from_db()
    assert operation.summary == "Siem Reap team joined"
    assert list(operation.target_venues.all()) == [target]
    assert operation.org_unit.code == f.PHNOM_PENH


def test_it_offers_read_only_roles_no_inspection_to_record(
    client: Any, national_analyst: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    client.force_login(national_analyst)
    page = client.get(operation.get_absolute_url())
    assert page.status_code == 200
    assert "Record an inspection" not in page.content.decode()


def test_it_shows_nothing_to_roles_without_enforcement_records(
    client: Any, prevention_officer: Any, outsider: Any
) -> None:
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    for user in (prevention_officer, outsider):
        client.force_login(user)
        assert client.get(operation.get_absolute_url()).status_code == 404
        listing = client.get(reverse("operations:operation_list")).content.decode()
        assert operation.reference not in listing


class TestOperationPages(RecordPageTests):
    """Anonymous users, writers and read-only roles on the operation pages (the form pages
    are refused to read-only roles: 403 to add, 404 to edit)."""

    model = Operation

    def make(self) -> Operation:
        return f.make_operation(f.unit(f.PHNOM_PENH))

    def listed_as(self, record: Operation) -> str:
        return record.reference
