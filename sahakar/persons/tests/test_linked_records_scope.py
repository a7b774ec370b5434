"""What a page or export says about the records linked to a person stays within the user's
scope: the merge page counts only linked records the user may see, and an administrator
over one province exports only what that role may export."""

from typing import Any

import pytest
import time_machine
from django.urls import reverse

from sahakar.cases.tests.conftest import make_arrest
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fixed_clock() -> Any:
    with time_machine.travel("2026-03-02 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def pp_administrator(db: Any) -> Any:
    return f.make_user("pp_admin", "administrator", f.unit(f.PHNOM_PENH), "ADB-PP")


def test_it_counts_only_the_linked_records_the_user_may_see_on_the_merge_page(
    client: Any, pp_officer: Any
) -> None:
    removed = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Chun Vana")
    kept = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Chhun Vanna")
    make_arrest(f.unit(f.SIEM_REAP), agency_code="ADB-SR", person=removed)
    make_arrest(f.unit(f.PHNOM_PENH), person=kept)
    client.force_login(pp_officer)
    page = client.get(reverse("persons:person_merge", args=[removed.pk]), {"into": kept.pk})
    assert page.status_code == 200
    arrests = next(row for row in page.context["rows"] if row["label"].startswith("arrests"))
    assert (arrests["removed"], arrests["kept"]) == ("0", "1")


def test_it_exports_for_a_provincial_administrator_only_what_that_role_may_export(
    client: Any, pp_administrator: Any
) -> None:
    person = f.make_person(f.unit(f.PHNOM_PENH), name_latin="Sok Dara")
    inside = make_arrest(f.unit(f.PHNOM_PENH), person=person)
    outside = make_arrest(f.unit(f.SIEM_REAP), agency_code="ADB-SR", person=person)
    elsewhere = f.make_person(f.unit(f.SIEM_REAP), name_latin="Keo Sreymom")
    client.force_login(pp_administrator)
    response = client.get(reverse("persons:person_export", args=[person.pk]))
    assert response.status_code == 200
    arrests = [row["id"] for row in response.json()["linked_records"]["arrests.arrest"]]
    assert inside.pk in arrests
    assert outside.pk not in arrests
    assert client.get(reverse("persons:person_export", args=[elsewhere.pk])).status_code == 404


def test_it_offers_the_export_only_for_persons_the_administrator_may_export(
    client: Any, pp_administrator: Any
) -> None:
    from sahakar.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(
        user=pp_administrator, role=Role.objects.get(code="prosecutor"), jurisdiction=f.nation()
    )
    inside = f.make_person(f.unit(f.PHNOM_PENH))
    outside = f.make_person(f.unit(f.SIEM_REAP))
    client.force_login(pp_administrator)
    assert client.get(inside.get_absolute_url()).context["can_export_all"]
    page = client.get(outside.get_absolute_url())
    assert page.status_code == 200 and not page.context["can_export_all"]
    assert client.get(reverse("persons:person_export", args=[outside.pk])).status_code == 404
