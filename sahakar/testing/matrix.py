"""The permission matrix: every role x record type x action, inside and outside the
jurisdiction, through the UI and the API, checked against the role table in the database.

check() returns the violations instead of asserting, so a test can also prove that it
catches a view that forgets restrict().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import models
from django.utils import timezone

from sahakar.accounts.models import Role
from sahakar.arrests.models import Arrest, Offence
from sahakar.audit.models import AuditEntry
from sahakar.cases.models import CaseFile
from sahakar.core import permissions
from sahakar.operations.models import Inspection
from sahakar.prevention.models import Campaign
from sahakar.testing import factories as f
from sahakar.testing.access import api_url, ui_urls

INSIDE, OUTSIDE = f.PHNOM_PENH, f.SIEM_REAP


Holding = tuple[Role, str | None]  # a role and the province it is held over (None: nation)
UI_VIEWS = frozenset({"list", "add", "detail", "edit", "delete"})


@dataclass(frozen=True)
class RecordType:
    """How to make one record type inside or outside Phnom Penh, and how to recognise it."""

    model: type[models.Model]
    make: Callable[[str], Any]  # province code -> record
    marker: Callable[[Any], str]  # text that identifies the record on a list or in an export
    api_create: Callable[[], dict[str, Any]] | None  # a valid API body for one in Phnom Penh
    ui_views: frozenset[str] = UI_VIEWS  # the pages this record type has
    api: str | None = ""  # the API collection ("" derives it from the model; None: no API)
    territorial: bool = True  # False: whoever may read one reads all (the audit trail)
    api_marker: Callable[[Any], str] | None = None  # where the API shows another text

    def in_api(self, obj: Any) -> str:
        return (self.api_marker or self.marker)(obj)

    def collection(self, obj: Any) -> str:
        return self.api or api_url(obj).rsplit("/", 2)[0] + "/"

    def detail(self, obj: Any) -> str:
        return f"{self.collection(obj)}{obj.pk}/"


def _expected(role: Role, model: type[models.Model], action: str) -> bool:
    label, app = model._meta.label_lower, model._meta.app_label
    grants = {g.record_type: g.actions for g in role.grants.all()}
    return action in grants.get(label, grants.get(app, frozenset()))


def _allowed(holdings: list[Holding], kind: RecordType, action: str, province: str) -> bool:
    """Whether any role the user holds allows `action` on a record in `province`."""
    return any(
        _expected(role, kind.model, action)
        and (where is None or where == province or not kind.territorial)
        for role, where in holdings
    )


def check(
    client: Any, api: Any, user: Any, held: Role | list[Holding], kind: RecordType
) -> list[str]:
    """Every way `user` can reach `kind`, holding `held` (one role over Phnom Penh, or
    several roles each over a province or the nation); the violations."""
    holdings: list[Holding] = [(held, INSIDE)] if isinstance(held, Role) else held
    name = "+".join(f"{role.code}@{where or 'nation'}" for role, where in holdings)
    violations: list[str] = []

    def expect(what: str, got: Any, want: Any) -> None:
        if got != want:
            violations.append(f"{name} {kind.model._meta.label_lower} {what}: {got} != {want}")

    inside, outside = kind.make(INSIDE), kind.make(OUTSIDE)
    may_in = {a: _allowed(holdings, kind, a, INSIDE) for a in permissions.ACTIONS}
    may_out = {a: _allowed(holdings, kind, a, OUTSIDE) for a in permissions.ACTIONS}
    anywhere = {a: may_in[a] or may_out[a] for a in permissions.ACTIONS}
    client.force_login(user)
    api.force_authenticate(user)
    urls_in, urls_out = ui_urls(inside), ui_urls(outside)

    listing = client.get(urls_in["list"], {"per_page": 500})
    expect("UI list status", listing.status_code, 200)
    text = listing.content.decode()
    expect("UI list shows inside", kind.marker(inside) in text, may_in["view"])
    expect("UI list shows outside", kind.marker(outside) in text, may_out["view"])
    for view, action in (("detail", "view"), ("edit", "change"), ("delete", "delete")):
        if view not in kind.ui_views:
            continue
        got_in, got_out = client.get(urls_in[view]).status_code, client.get(urls_out[view])
        expect(f"UI {view} inside", got_in, 200 if may_in[action] else 404)
        expect(f"UI {view} outside", got_out.status_code, 200 if may_out[action] else 404)
    if "add" in kind.ui_views:
        expect("UI add", client.get(urls_in["add"]).status_code, 200 if anywhere["add"] else 403)
    export = client.get(urls_in["list"], {"export": "csv"})
    expect("UI export status", export.status_code, 200 if anywhere["export"] else 403)
    if export.status_code == 200:
        body = b"".join(export.streaming_content).decode()
        expect("export shows inside", kind.marker(inside) in body, may_in["export"])
        expect("export shows outside", kind.marker(outside) in body, may_out["export"])

    if kind.api is None:
        return violations
    collection = api.get(kind.collection(inside), {"page_size": 500})
    expect("API list status", collection.status_code, 200)
    body = collection.content.decode()
    expect("API list shows inside", kind.in_api(inside) in body, may_in["view"])
    expect("API list shows outside", kind.in_api(outside) in body, may_out["view"])
    for obj, where, may in ((inside, "inside", may_in), (outside, "outside", may_out)):
        viewed = api.get(kind.detail(obj)).status_code
        expect(f"API view {where}", viewed, 200 if may["view"] else 404)
        patch = api.patch(kind.detail(obj), {"version": obj.version}, format="json")
        expect(f"API edit {where}", patch.status_code, 200 if may["change"] else 404)
    if kind.api_create is not None:
        created = api.post(kind.collection(inside), kind.api_create(), format="json")
        want = 201 if may_in["add"] else 400 if anywhere["add"] else 403
        expect("API create", created.status_code, want)
    for obj, where, may in ((outside, "outside", may_out), (inside, "inside", may_in)):
        deleted = api.delete(kind.detail(obj)).status_code
        expect(f"API delete {where}", deleted, 204 if may["delete"] else 404)
    return violations


def _venue(province: str) -> Any:
    return f.make_venue(f.first_district(province), name=f"Matrix venue {province}-{f._next()}")


def _operation(province: str) -> Any:
    lead = "ADB-PP" if province == INSIDE else "ADB-SR"
    return f.make_operation(f.unit(province), lead=lead)


def _seizure(province: str) -> Any:
    agency = "ADB-PP" if province == INSIDE else "ADB-SR"
    seizure = f.make_seizure(f.unit(province), agency_code=agency)
    f.make_item(seizure)
    return seizure


def _person(province: str) -> Any:
    return f.make_person(f.unit(province), name_latin=f"Matrix Person {province}-{f._next()}")


def _campaign(province: str) -> Any:
    return Campaign.objects.create(
        title=f"Matrix campaign {province}-{f._next()}",
        kind="school_session",
        organiser=f.agency("MOEYS"),
        starts_on=date(2026, 3, 10),
        ends_on=date(2026, 3, 10),
        org_unit=f.unit(province),
        place="Matrix school",
    )


def _agency_in(province: str) -> str:
    return "ADB-PP" if province == INSIDE else "ADB-SR"


def _arrest(province: str) -> Any:
    arrested_at = timezone.now() - timedelta(hours=3)
    arrest = Arrest.objects.create(
        person=f.make_person(f.unit(province)),
        arrested_at=arrested_at,
        arrived_at=arrested_at + timedelta(minutes=30),
        org_unit=f.unit(province),
        place_description="Matrix street",
        arresting_agency=f.agency(_agency_in(province)),
        suspect_role="dealer",
        custody_deadline=arrested_at + timedelta(hours=48, minutes=30),
    )
    arrest.offences.add(Offence.objects.get(code="DRUG_USE"))
    return arrest


def _new_arrest() -> dict[str, Any]:
    arrested_at = timezone.now() - timedelta(hours=2)
    return {
        "person": f.make_person(f.unit(INSIDE)).pk,
        "arrested_at": arrested_at.isoformat(),
        "arrived_at": (arrested_at + timedelta(minutes=20)).isoformat(),
        "org_unit": INSIDE,
        "place_description": "Matrix road",
        "arresting_agency": "ADB-PP",
        "offences": ["DRUG_USE"],
        "suspect_role": "user",
    }


def _case(province: str) -> Any:
    return CaseFile.objects.create(
        title=f"Matrix case {province}-{f._next()}", org_unit=f.unit(province)
    )


def _active_operation(province: str) -> Any:
    started = timezone.now() - timedelta(hours=2)
    return f.make_operation(
        f.unit(province),
        lead=_agency_in(province),
        planned_start=started,
        status="active",
        actual_start=started,
    )


def _inspection(province: str) -> Any:
    venue = f.make_venue(f.unit(province), name=f"Matrix inspected {province}-{f._next()}")
    notes = f"Matrix inspection notes {province}-{f._next()}"
    return f.make_inspection(_active_operation(province), venue, notes=notes)


def _new_inspection() -> dict[str, Any]:
    operation = _active_operation(INSIDE)
    return {
        "operation": operation.pk,
        "venue": f.make_venue(f.unit(INSIDE)).pk,
        "inspected_at": (operation.planned_start + timedelta(hours=1)).isoformat(),
        "result": "nothing_found",
    }


def _audit_entry(province: str) -> Any:
    """The trail is one for the whole country: the entry about a new venue in `province`."""
    venue = _venue(province)
    return AuditEntry.objects.filter(object_repr=str(venue)).latest("seq")


RECORD_TYPES: dict[str, RecordType] = {
    "venue": RecordType(
        f.Venue,
        _venue,
        lambda v: v.name,
        lambda: {"name": "Matrix new venue", "kind": "bar", "org_unit": INSIDE},
    ),
    "operation": RecordType(
        f.Operation,
        _operation,
        lambda o: o.reference,
        lambda: {
            "title": "Matrix new operation",
            "kind": "raid",
            "lead_agency": "ADB-PP",
            "commander": "Maj. Matrix",
            "org_unit": INSIDE,
            "planned_start": "2026-01-10T20:00:00+07:00",
            "planned_end": "2026-01-11T02:00:00+07:00",
        },
    ),
    "seizure": RecordType(
        f.Seizure,
        _seizure,
        lambda s: s.reference,
        lambda: {
            "seized_at": "2026-01-10T21:00:00+07:00",
            "org_unit": INSIDE,
            "place_description": "Matrix road",
            "seizing_agency": "ADB-PP",
            "items": [
                {"substance": "METH", "form": "tablet", "quantity": "100", "unit": "tablets"}
            ],
        },
    ),
    "person": RecordType(
        f.Person,
        _person,
        lambda p: p.name_latin,
        lambda: {"name_latin": "Matrix New Person", "sex": "F", "org_unit": INSIDE},
    ),
    "campaign": RecordType(
        Campaign,
        _campaign,
        lambda c: c.title,
        lambda: {
            "title": "Matrix new campaign",
            "kind": "community_outreach",
            "organiser": "MOH",
            "starts_on": "2026-04-01",
            "ends_on": "2026-04-02",
            "org_unit": INSIDE,
            "place": "Matrix market",
            "audience": [{"sex": "F", "age_group": "15_24", "count": 4}],
        },
    ),
    "arrest": RecordType(Arrest, _arrest, lambda a: a.reference, _new_arrest),
    "casefile": RecordType(
        CaseFile,
        _case,
        lambda c: c.reference,
        lambda: {"title": "Matrix new case", "org_unit": INSIDE},
        api="/api/v1/cases/",
    ),
    "inspection": RecordType(
        Inspection,
        _inspection,
        lambda i: i.venue.name,
        _new_inspection,
        ui_views=frozenset({"list", "edit"}),
        api_marker=lambda i: i.notes,
    ),
    "auditentry": RecordType(
        AuditEntry,
        _audit_entry,
        lambda e: e.object_repr,
        None,
        ui_views=frozenset({"list", "detail"}),
        api=None,
        territorial=False,
    ),
}
