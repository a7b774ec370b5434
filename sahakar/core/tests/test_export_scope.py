"""A CSV export holds only the records the user may export, which can be fewer than the
records they may view: each role exports in its own jurisdictions."""

from typing import Any

import pytest

from sahakar.accounts.models import Role, RoleAssignment
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_everywhere_exporter_in_phnom_penh(db: Any) -> Any:
    """Views venues nationwide (prevention officer) and exports only in Phnom Penh
    (investigator)."""
    user = f.make_user("two_roles", "prevention_officer", f.nation(), "ADB-PP")
    RoleAssignment.objects.create(
        user=user, role=Role.objects.get(code="investigator"), jurisdiction=f.unit(f.PHNOM_PENH)
    )
    return user


def test_it_exports_only_where_the_user_may_export(
    client: Any, viewer_everywhere_exporter_in_phnom_penh: Any
) -> None:
    f.make_venue(f.first_district(f.PHNOM_PENH), name="Export Lotus KTV")
    f.make_venue(f.first_district(f.SIEM_REAP), name="Export Angkor Club")
    client.force_login(viewer_everywhere_exporter_in_phnom_penh)
    listing = client.get("/venues/", {"per_page": 500}).content.decode()
    assert "Export Lotus KTV" in listing and "Export Angkor Club" in listing
    export = client.get("/venues/", {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert "Export Lotus KTV" in body
    assert "Export Angkor Club" not in body


def test_it_applies_the_filters_to_the_exportable_records(
    client: Any, viewer_everywhere_exporter_in_phnom_penh: Any
) -> None:
    f.make_venue(f.first_district(f.PHNOM_PENH), name="Export Lotus KTV")
    f.make_venue(f.first_district(f.PHNOM_PENH), name="Export Mekong Bar")
    client.force_login(viewer_everywhere_exporter_in_phnom_penh)
    export = client.get("/venues/", {"export": "csv", "q": "Mekong"})
    body = b"".join(export.streaming_content).decode()
    assert "Export Mekong Bar" in body and "Export Lotus KTV" not in body
