"""Who may do what is audited like the records: roles, grants, assignments, users."""

from typing import Any

import pytest

from sahakar.accounts.models import Grant, Role, RoleAssignment
from sahakar.audit.models import AuditEntry
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_audits_assignments_grants_and_user_changes(pp_officer: Any) -> None:
    assignment = RoleAssignment.objects.create(
        user=pp_officer, role=Role.objects.get(code="investigator"), jurisdiction=f.unit("17")
    )
    grant = Grant.objects.get(role__code="analyst", record_type="venues.venue")
    grant.can_add = True
    grant.save()
    pp_officer.is_active = False
    pp_officer.save()
    assignment.delete()
    logged = set(
        AuditEntry.objects.values_list("content_type__model", "action").filter(
            content_type__app_label__in=["accounts", "auth"]
        )
    )
    assert {
        ("roleassignment", "create"),
        ("grant", "update"),
        ("user", "update"),
        ("roleassignment", "delete"),
    } <= logged
    change = AuditEntry.objects.get(content_type__model="user", action="update")
    assert change.changed_fields == ["is_active"]


def test_it_never_writes_a_password_hash_to_the_trail(pp_officer: Any) -> None:
    pp_officer.set_password("another long passphrase")
    pp_officer.save()
    for entry in AuditEntry.objects.filter(content_type__model="user"):
        assert "password" not in (entry.before or {}) and "password" not in (entry.after or {})
    assert not AuditEntry.objects.filter(after__icontains="argon2").exists()
