"""The bases make the safe thing automatic: every write on an existing record, custom API
actions included, needs the right to change that record; a written record must still be one
the user may add or change, else the write is rolled back and refused (audited); a page
offers Delete only for a record the user may delete."""

from typing import Any

import pytest
from django.test import override_settings
from django.urls import include, path, reverse
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.accounts.models import Role, RoleAssignment
from sahakar.audit.models import AuditEntry
from sahakar.core import permissions
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.geo.models import OrgUnit
from sahakar.operations.tests.payloads import edit_form
from sahakar.testing import factories as f
from sahakar.venues.api.views import VenueViewSet
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db


class ForgetfulVenueViewSet(VenueViewSet):
    """Custom POST actions declared without any get_queryset of their own."""

    @action(detail=True, methods=["post"])
    def rename(self, request: Request, pk: Any = None) -> Response:
        venue = self.get_object()
        venue.name = request.query_params["name"]
        venue.save()
        return Response({"name": venue.name})

    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: Any = None) -> Response:
        venue = self.get_object()
        venue.org_unit = OrgUnit.objects.get(code=request.query_params["to"])
        venue.save()
        return Response({"org_unit": venue.org_unit.code})

    @action(detail=True, methods=["post"], restrict_with=permissions.VIEW)
    def bookmark(self, request: Request, pk: Any = None) -> Response:
        """Writes nothing on the venue: declared to need only the right to view it."""
        return Response({"bookmarked": self.get_object().pk})


assert issubclass(ForgetfulVenueViewSet, RestrictedModelViewSet)
router = SimpleRouter()
router.register("forgetful-venues", ForgetfulVenueViewSet, basename="forgetful")
urlpatterns = [path("api/test/", include(router.urls)), path("", include("sahakar.urls"))]


def _joint_operation_in_phnom_penh() -> Any:
    operation = f.make_operation(f.unit(f.PHNOM_PENH), lead="ADB-PP", title="Joint sweep")
    operation.participating_agencies.add(f.agency("ADB-SR"))
    return operation


def _refusals() -> Any:
    return AuditEntry.objects.filter(action="denied", detail__action="change")


@override_settings(ROOT_URLCONF=__name__)
def test_it_restricts_custom_post_actions_with_the_right_to_change(
    api: Any, pp_officer: Any
) -> None:
    prosecutor = f.make_user("prosecutor", "prosecutor", f.unit(f.PHNOM_PENH), "PPO-PP")
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Golden Lotus KTV")
    api.force_authenticate(prosecutor)  # may view venues, not change them
    url = f"/api/test/forgetful-venues/{venue.pk}/rename/?name=Renamed"
    assert api.post(url).status_code == 404
    venue.refresh_from_db()
    assert venue.name == "Golden Lotus KTV"
    bookmark = f"/api/test/forgetful-venues/{venue.pk}/bookmark/"
    assert api.post(bookmark).status_code == 200  # declared: viewing is enough
    api.force_authenticate(pp_officer)
    assert api.post(url).status_code == 200


@override_settings(ROOT_URLCONF=__name__)
def test_it_rolls_back_a_custom_action_that_carries_the_record_out_of_scope(
    api: Any, pp_officer: Any
) -> None:
    venue = f.make_venue(f.unit(f.PHNOM_PENH), name="Golden Lotus KTV")
    api.force_authenticate(pp_officer)
    response = api.post(f"/api/test/forgetful-venues/{venue.pk}/move/?to={f.SIEM_REAP}")
    assert response.status_code == 403
    assert "outside what you may change" in response.json()["detail"]
    venue.refresh_from_db()
    assert venue.org_unit.code == f.PHNOM_PENH
    assert _refusals().filter(detail__id=str(venue.pk)).exists()


def test_it_refuses_an_api_update_that_leaves_the_record_out_of_scope(
    api: Any, sr_officer: Any
) -> None:
    operation = _joint_operation_in_phnom_penh()
    api.force_authenticate(sr_officer)
    response = api.patch(
        f"/api/v1/operations/{operation.pk}/",
        {"version": operation.version, "participating_agencies": []},
        format="json",
    )
    assert response.status_code == 403, response.content
    assert "outside what you may change" in response.json()["detail"]
    operation.refresh_from_db()
    assert [a.code for a in operation.participating_agencies.all()] == ["ADB-SR"]
    assert _refusals().filter(detail__id=str(operation.pk)).exists()


def test_it_refuses_a_page_edit_that_leaves_the_record_out_of_scope(
    client: Any, sr_officer: Any
) -> None:
    operation = _joint_operation_in_phnom_penh()
    client.force_login(sr_officer)
    response = client.post(
        reverse("operations:operation_edit", args=[operation.pk]),
        edit_form(operation, participating_agencies=[], summary="Left the sweep"),
    )
    assert response.status_code == 403
    assert "outside what you may change" in response.content.decode()
    operation.refresh_from_db()
    assert operation.summary == "" and operation.participating_agencies.count() == 1
    assert _refusals().filter(detail__id=str(operation.pk)).exists()


def test_it_refuses_an_api_create_outside_where_the_user_may_add(
    api: Any, pp_officer: Any, monkeypatch: Any
) -> None:
    """Should a serializer ever let a record be placed where the user may not add it, the
    re-check after the save still refuses it and keeps nothing."""
    monkeypatch.setattr(
        "sahakar.core.permissions.choices_for", lambda queryset, user, for_model=None: queryset
    )
    api.force_authenticate(pp_officer)
    response = api.post(
        "/api/v1/venues/",
        {"name": "Angkor Night Club", "kind": "bar", "org_unit": f.SIEM_REAP},
        format="json",
    )
    assert response.status_code == 403, response.content
    assert not Venue.objects.filter(name="Angkor Night Club").exists()
    assert AuditEntry.objects.filter(action="denied", detail__action="add").exists()


def test_it_offers_delete_only_for_records_the_user_may_delete(client: Any) -> None:
    """An administrator over Phnom Penh who also reads venues nationwide as a prosecutor."""
    user = f.make_user("pp_admin", "administrator", f.unit(f.PHNOM_PENH), "ADB-PP")
    RoleAssignment.objects.create(
        user=user, role=Role.objects.get(code="prosecutor"), jurisdiction=f.nation()
    )
    inside = f.make_venue(f.unit(f.PHNOM_PENH))
    outside = f.make_venue(f.unit(f.SIEM_REAP))
    client.force_login(user)
    page = client.get(inside.get_absolute_url())
    assert page.context["delete_url"] == reverse("venues:venue_delete", args=[inside.pk])
    page = client.get(outside.get_absolute_url())
    assert page.status_code == 200
    assert "delete_url" not in page.context and "edit_url" not in page.context
    assert reverse("venues:venue_delete", args=[outside.pk]) not in page.content.decode()


def test_it_audits_a_refused_case_action(client: Any) -> None:
    from sahakar.cases.tests.conftest import make_case

    investigator = f.make_user("pp_inv", "investigator", f.unit(f.PHNOM_PENH), "ADB-PP")
    case = make_case(investigator)
    sr_investigator = f.make_user("sr_inv", "investigator", f.unit(f.SIEM_REAP), "ADB-SR")
    client.force_login(sr_investigator)
    assert client.get(reverse("cases:casefile_stage", args=[case.pk])).status_code == 404
    assert AuditEntry.objects.filter(
        action="denied", user=sr_investigator, object_id=str(case.pk)
    ).exists()


def test_it_rolls_back_a_case_action_that_carries_the_case_out_of_scope(
    client: Any, monkeypatch: Any
) -> None:
    from sahakar.cases import views
    from sahakar.cases.tests.conftest import bring_to, make_case

    lead = f.make_user("pp_lead", "investigator", f.unit(f.PHNOM_PENH), "ADB-PP")
    colleague = f.make_user("pp_inv", "investigator", f.unit(f.PHNOM_PENH), "ADB-PP")
    case = bring_to(make_case(lead), "referred", lead)

    def move_away(self: Any, target: Any, data: dict[str, Any]) -> None:
        type(target).objects.filter(pk=target.pk).update(org_unit=f.unit(f.SIEM_REAP))

    monkeypatch.setattr(views.StageView, "perform", move_away)
    client.force_login(colleague)
    response = client.post(
        reverse("cases:casefile_stage", args=[case.pk]),
        {"stage": "charged", "note": "Introductory submission", "version": case.version},
    )
    assert response.status_code == 403
    assert "outside what you may change" in response.content.decode()
    case.refresh_from_db()
    assert case.org_unit.code == f.PHNOM_PENH
    assert _refusals().filter(detail__id=str(case.pk)).exists()


def test_it_answers_an_arrest_action_only_with_what_the_user_may_view(api: Any) -> None:
    """A role that may record custody outcomes without reading arrests gets no arrest back."""
    from django.utils import timezone

    from sahakar.accounts.models import Grant
    from sahakar.arrests.models import Arrest
    from sahakar.testing.matrix import RECORD_TYPES

    clerk = Role.objects.create(code="custody_clerk", name_en="custody clerk")
    Grant.objects.create(role=clerk, record_type="arrests", can_change=True)
    user = f.make_user("clerk", "custody_clerk", f.unit(f.PHNOM_PENH), "ADB-PP")
    arrest = RECORD_TYPES["arrest"].make(f.PHNOM_PENH)
    api.force_authenticate(user)
    ended = api.post(
        f"/api/v1/arrests/{arrest.pk}/outcome/",
        {"kind": "referred", "decided_at": timezone.now().isoformat(), "reference": "R-12"},
        format="json",
    )
    assert ended.status_code == 404
    assert arrest.person.name_latin not in ended.content.decode()
    assert Arrest.objects.get(pk=arrest.pk).outcome.kind == "referred"
