"""The default role table, loaded from accounts/data/ when roles or grants are missing.

Existing roles and grants are never changed: administrators edit them, and a re-run of
`sahakar load_reference` must not undo that.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from sahakar.accounts.models import Grant, Role
from sahakar.reference.files import read_csv

DATA = Path(__file__).resolve().parent / "data"
_YES = {"yes": True, "no": False}
_FLAGS = ("sees_personal_data", "requires_mfa", "records_for_other_agencies")


def load_default_roles() -> tuple[int, int]:
    """Create the missing default roles and grants; return how many of each were created."""
    roles_created = grants_created = 0
    with transaction.atomic():
        roles = {role.code: role for role in Role.objects.all()}
        for line, row in enumerate(read_csv(DATA / "roles.csv"), start=2):
            if row["code"] in roles:
                continue
            try:
                flags = {k: _YES[row[k]] for k in _FLAGS}
            except KeyError as exc:
                raise ValidationError(f"roles.csv line {line}: use yes or no") from exc
            roles[row["code"]] = Role.objects.create(
                code=row["code"],
                name_en=row["name_en"],
                name_km=row["name_km"],
                description=row["description"],
                **flags,
            )
            roles_created += 1
        existing = set(Grant.objects.values_list("role__code", "record_type"))
        for line, row in enumerate(read_csv(DATA / "grants.csv"), start=2):
            if (row["role"], row["record_type"]) in existing:
                continue
            if row["role"] not in roles:
                raise ValidationError(f"grants.csv line {line}: unknown role {row['role']!r}")
            actions = set(row["actions"].split())
            unknown = actions - {"view", "add", "change", "delete", "export"}
            if unknown:
                raise ValidationError(f"grants.csv line {line}: unknown actions {sorted(unknown)}")
            grant = Grant(
                role=roles[row["role"]],
                record_type=row["record_type"],
                **{f"can_{action}": True for action in actions},
            )
            grant.full_clean(validate_constraints=False)
            grant.save()
            grants_created += 1
    return roles_created, grants_created
