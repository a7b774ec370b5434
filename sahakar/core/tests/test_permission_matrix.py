"""Every role x record type x action, inside and outside the jurisdiction, in UI and API,
exactly as the role table in the database says; and the check catches a leaky view."""

from typing import Any

import pytest
from django.test import override_settings
from django.urls import include, path

from sahakar.accounts.models import Role
from sahakar.core.views.generic import ObjectDetailView
from sahakar.testing import factories as f
from sahakar.testing.matrix import INSIDE, RECORD_TYPES, check
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db

ROLE_CODES = [
    "field_officer",
    "investigator",
    "evidence_custodian",
    "prosecutor",
    "prevention_officer",
    "analyst",
    "auditor",
    "administrator",
]


def test_it_covers_every_role_in_the_table() -> None:
    assert sorted(Role.objects.values_list("code", flat=True)) == sorted(ROLE_CODES)


@pytest.mark.parametrize("kind", sorted(RECORD_TYPES))
@pytest.mark.parametrize("role_code", ROLE_CODES)
def test_it_answers_every_action_as_the_role_table_says(
    client: Any, api: Any, role_code: str, kind: str
) -> None:
    role = Role.objects.prefetch_related("grants").get(code=role_code)
    user = f.make_user(f"matrix_{role_code}", role_code, f.unit(INSIDE), "ADB-PP")
    assert check(client, api, user, role, RECORD_TYPES[kind]) == []


class LeakyVenueDetail(ObjectDetailView):
    """A view that forgets restrict(): what the matrix exists to catch."""

    queryset = Venue.objects.all()

    def get_queryset(self) -> Any:
        return Venue.objects.all()

    def get_object(self, queryset: Any = None) -> Any:
        return self.get_queryset().get(pk=self.kwargs["pk"])


urlpatterns = [
    path("venues/<int:pk>/", LeakyVenueDetail.as_view(), name="leaky"),
    path("", include("sahakar.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
def test_it_catches_a_view_that_forgets_restrict(client: Any, api: Any) -> None:
    role = Role.objects.prefetch_related("grants").get(code="field_officer")
    user = f.make_user("matrix_leak", "field_officer", f.unit(INSIDE), "ADB-PP")
    violations = check(client, api, user, role, RECORD_TYPES["venue"])
    assert any("UI detail outside: 200 != 404" in v for v in violations), violations
