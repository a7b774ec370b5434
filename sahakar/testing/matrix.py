"""The permission matrix: every role x record type x action, inside and outside the
jurisdiction, through the UI and the API, checked against the role table in the database.

check() returns the violations instead of asserting, so a test can also prove that it
catches a view that forgets restrict().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models

from sahakar.accounts.models import Role
from sahakar.core import permissions
from sahakar.prevention.models import Campaign
from sahakar.testing import factories as f
from sahakar.testing.access import api_url, ui_urls

INSIDE, OUTSIDE = f.PHNOM_PENH, f.SIEM_REAP


@dataclass(frozen=True)
class RecordType:
    """How to make one record type inside or outside Phnom Penh, and how to recognise it."""

    model: type[models.Model]
    make: Callable[[str], Any]  # province code -> record
    marker: Callable[[Any], str]  # text that identifies the record on a list or in an export
    api_create: Callable[[], dict[str, Any]]  # a valid API body for a new record in Phnom Penh


def _expected(role: Role, model: type[models.Model], action: str) -> bool:
    label, app = model._meta.label_lower, model._meta.app_label
    grants = {g.record_type: g.actions for g in role.grants.all()}
    return action in grants.get(label, grants.get(app, frozenset()))


def check(client: Any, api: Any, user: Any, role: Role, kind: RecordType) -> list[str]:
    """Every way `user` (holding `role` over Phnom Penh) can reach `kind`; the violations."""
    violations: list[str] = []

    def expect(what: str, got: Any, want: Any) -> None:
        if got != want:
            violations.append(f"{role.code} {kind.model._meta.label_lower} {what}: {got} != {want}")

    inside, outside = kind.make(INSIDE), kind.make(OUTSIDE)
    may = {action: _expected(role, kind.model, action) for action in permissions.ACTIONS}
    client.force_login(user)
    api.force_authenticate(user)
    urls_in, urls_out = ui_urls(inside), ui_urls(outside)

    listing = client.get(urls_in["list"], {"per_page": 500})
    expect("UI list status", listing.status_code, 200)
    text = listing.content.decode()
    expect("UI list shows inside", kind.marker(inside) in text, may["view"])
    expect("UI list shows outside", kind.marker(outside) in text, False)
    for view, action in (("detail", "view"), ("edit", "change"), ("delete", "delete")):
        expect(
            f"UI {view} inside", client.get(urls_in[view]).status_code, 200 if may[action] else 404
        )
        expect(f"UI {view} outside", client.get(urls_out[view]).status_code, 404)
    expect("UI add", client.get(urls_in["add"]).status_code, 200 if may["add"] else 403)
    export = client.get(urls_in["list"], {"export": "csv"})
    expect("UI export status", export.status_code, 200 if may["export"] else 403)
    if export.status_code == 200:
        body = b"".join(export.streaming_content).decode()
        expect("export shows inside", kind.marker(inside) in body, may["view"])
        expect("export shows outside", kind.marker(outside) in body, False)

    collection = api.get(api_url(inside).rsplit("/", 2)[0] + "/", {"page_size": 500})
    expect("API list status", collection.status_code, 200)
    body = collection.content.decode()
    expect("API list shows inside", kind.marker(inside) in body, may["view"])
    expect("API list shows outside", kind.marker(outside) in body, False)
    for obj, where in ((inside, "inside"), (outside, "outside")):
        allowed = where == "inside"
        expect(
            f"API view {where}",
            api.get(api_url(obj)).status_code,
            200 if allowed and may["view"] else 404,
        )
        patch = api.patch(api_url(obj), {"version": obj.version}, format="json")
        expect(f"API edit {where}", patch.status_code, 200 if allowed and may["change"] else 404)
    created = api.post(api_url(inside).rsplit("/", 2)[0] + "/", kind.api_create(), format="json")
    expect("API create", created.status_code, 201 if may["add"] else 403)
    expect("API delete outside", api.delete(api_url(outside)).status_code, 404)
    expect(
        "API delete inside", api.delete(api_url(inside)).status_code, 204 if may["delete"] else 404
    )
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
}
