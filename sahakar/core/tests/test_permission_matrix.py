"""Every role x record type x action, inside and outside the jurisdiction, in UI and API,
exactly as the role table in the database says; a user holding roles over different
jurisdictions; and the check catches a leaky view."""

from typing import Any

import pytest
from django.test import override_settings
from django.urls import include, path

from sahakar.accounts.models import Role, RoleAssignment
from sahakar.core.views.generic import ObjectDetailView
from sahakar.evidence.models import CustodyEvent, EvidenceStore, Exhibit
from sahakar.testing import factories as f
from sahakar.testing.matrix import INSIDE, OUTSIDE, RECORD_TYPES, RecordType, _expected, check
from sahakar.venues.models import Venue

pytestmark = pytest.mark.django_db

ROLE_CODES = [
    "field_officer",
    "investigator",
    "evidence_custodian",
    "evidence_supervisor",
    "prosecutor",
    "prevention_officer",
    "analyst",
    "auditor",
    "administrator",
]


def _store(province: str) -> EvidenceStore:
    from sahakar.testing.evidence import make_store

    agency = "ADB-PP" if province == INSIDE else "ADB-SR"
    return make_store(f"MATRIX-{province}-{f._next()}", "drug_vault", agency, province)


def _exhibit(province: str) -> Exhibit:
    """Sealed into a vault of the province by its custodian, then weighed with a note."""
    from decimal import Decimal

    from sahakar.evidence import services
    from sahakar.testing.evidence import make_custodian

    store = _store(province)
    keeper = make_custodian(f"matrix_keeper_{f._next()}", store, province)
    seizure = f.make_seizure(f.unit(province), store.agency.code)
    item = f.make_item(seizure, quantity="100", unit_="tablets")
    exhibit = services.create_exhibit(
        seizure,
        items=[item],
        seal_number=f"MATRIX-SEAL-{f._next()}",
        description="Matrix package",
        store=store,
        net_quantity=Decimal("100"),
        net_unit="tablets",
        acting_user=keeper,
    )
    services.weigh(
        exhibit,
        net_quantity=Decimal("100"),
        net_unit="tablets",
        note=f"Matrix weighing note {exhibit.reference}",
        acting_user=keeper,
    )
    exhibit.refresh_from_db()
    return exhibit


EVIDENCE_TYPES = {
    "exhibit": RecordType(
        Exhibit, _exhibit, lambda e: e.reference, None, ui_views=frozenset({"list", "detail"})
    ),
    "evidencestore": RecordType(
        EvidenceStore,
        _store,
        lambda s: s.code,
        lambda: {
            "code": "MATRIX-NEW-STORE",
            "name": "Matrix new vault",
            "kind": "drug_vault",
            "agency": "ADB-PP",
            "org_unit": INSIDE,
            "holds_drugs": True,
        },
    ),
}
ALL_TYPES = {**RECORD_TYPES, **EVIDENCE_TYPES}


def test_it_covers_every_role_in_the_table() -> None:
    assert sorted(Role.objects.values_list("code", flat=True)) == sorted(ROLE_CODES)


@pytest.mark.parametrize("kind", sorted(ALL_TYPES))
@pytest.mark.parametrize("role_code", ROLE_CODES)
def test_it_answers_every_action_as_the_role_table_says(
    client: Any, api: Any, role_code: str, kind: str
) -> None:
    role = Role.objects.prefetch_related("grants").get(code=role_code)
    user = f.make_user(f"matrix_{role_code}", role_code, f.unit(INSIDE), "ADB-PP")
    assert check(client, api, user, role, ALL_TYPES[kind]) == []


@pytest.mark.parametrize("role_code", ROLE_CODES)
def test_it_shows_custody_events_with_their_exhibit_as_the_role_table_says(
    client: Any, api: Any, role_code: str
) -> None:
    """An exhibit's events (its page's timeline, the API's embedded events) are read by the
    roles that may see both the exhibit and custody events, where they may."""
    role = Role.objects.prefetch_related("grants").get(code=role_code)
    user = f.make_user(f"matrix_{role_code}", role_code, f.unit(INSIDE), "ADB-PP")
    client.force_login(user)
    api.force_authenticate(user)
    for province in (INSIDE, OUTSIDE):
        exhibit = _exhibit(province)
        note = f"Matrix weighing note {exhibit.reference}"
        sees = _expected(role, Exhibit, "view") and province == INSIDE
        reads = sees and _expected(role, CustodyEvent, "view")
        page = client.get(exhibit.get_absolute_url())
        assert page.status_code == (200 if sees else 404), (role_code, province)
        assert (note in page.content.decode()) == reads, (role_code, province)
        answer = api.get(f"/api/v1/exhibits/{exhibit.pk}/")
        assert answer.status_code == (200 if sees else 404), (role_code, province)
        if sees:
            assert (note in answer.content.decode()) == reads, (role_code, province)


@pytest.mark.parametrize("kind", sorted(ALL_TYPES))
def test_it_answers_a_user_with_roles_over_different_jurisdictions_role_by_role(
    client: Any, api: Any, kind: str
) -> None:
    """Reads everything nationwide as a prosecutor, works (and exports) only in Phnom Penh
    as an investigator: each action is allowed where a role that grants it is held."""
    roles = Role.objects.prefetch_related("grants")
    prosecutor, investigator = roles.get(code="prosecutor"), roles.get(code="investigator")
    user = f.make_user("matrix_two_roles", "prosecutor", f.nation(), "ADB-PP")
    RoleAssignment.objects.create(user=user, role=investigator, jurisdiction=f.unit(INSIDE))
    holdings = [(prosecutor, None), (investigator, INSIDE)]
    assert check(client, api, user, holdings, ALL_TYPES[kind]) == []


def test_it_catches_an_export_in_the_view_scope(client: Any, api: Any, monkeypatch: Any) -> None:
    """Views venues nationwide, exports them only in Phnom Penh: an export of everything
    the user views is a violation."""
    from sahakar.core.views.generic import ObjectListView

    exported = ObjectListView.export_csv

    def export_in_view_scope(self: Any) -> Any:
        self.get_queryset = lambda: self.queryset.all().restrict(self.request.user)
        return exported(self)

    monkeypatch.setattr(ObjectListView, "export_csv", export_in_view_scope)
    roles = Role.objects.prefetch_related("grants")
    user = f.make_user("matrix_two_roles", "prevention_officer", f.nation(), "ADB-PP")
    RoleAssignment.objects.create(
        user=user, role=roles.get(code="investigator"), jurisdiction=f.unit(INSIDE)
    )
    holdings = [
        (roles.get(code="prevention_officer"), None),
        (roles.get(code="investigator"), INSIDE),
    ]
    violations = check(client, api, user, holdings, RECORD_TYPES["venue"])
    assert any("export shows outside: True != False" in v for v in violations), violations


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


# ---------------------------------------------------------------- evidence: inventories
# An inventory is started, scanned and closed through its own pages and actions (list and
# detail pages; no edit or delete anywhere, so the API answers 405 to PATCH and DELETE).


def _inventory(province: str) -> Any:
    from django.utils import timezone

    from sahakar.evidence.models import Inventory
    from sahakar.testing.evidence import assign, make_store

    agency = "ADB-PP" if province == INSIDE else "ADB-SR"
    code = f"MX-INV-{province}-{f._next()}"
    store = make_store(code, "drug_vault", agency, province)
    keeper = f.make_user(f"keeper-{code}", "evidence_custodian", f.unit(province), agency)
    assign(keeper, store)
    return Inventory.objects.create(
        store=store, kind="full", reason="Matrix", started_at=timezone.now(), started_by=keeper
    )


def _inventory_type() -> Any:
    from sahakar.evidence.models import Inventory
    from sahakar.testing.matrix import RecordType

    return RecordType(
        Inventory,
        _inventory,
        lambda i: i.store.code,
        None,
        ui_views=frozenset({"list", "detail"}),
        api=None,
    )


@pytest.mark.parametrize("role_code", [*ROLE_CODES, "evidence_supervisor"])
def test_it_answers_inventories_as_the_role_table_says(
    client: Any, api: Any, role_code: str
) -> None:
    role = Role.objects.prefetch_related("grants").get(code=role_code)
    user = f.make_user(f"matrix_{role_code}", role_code, f.unit(INSIDE), "ADB-PP")
    assert check(client, api, user, role, _inventory_type()) == []
    inside, outside = _inventory(INSIDE), _inventory(f.SIEM_REAP)
    may_view = any(g.record_type == "evidence" and "view" in g.actions for g in role.grants.all())
    listed = api.get("/api/v1/inventories/", {"page_size": 500}).content.decode()
    assert (inside.store.code in listed, outside.store.code in listed) == (may_view, False)
    detail = f"/api/v1/inventories/{inside.pk}/"
    assert api.get(detail).status_code == (200 if may_view else 404)
    assert api.get(f"/api/v1/inventories/{outside.pk}/").status_code == 404
    assert api.patch(detail, {"version": 1}, format="json").status_code == 405
    assert api.delete(detail).status_code == 405
