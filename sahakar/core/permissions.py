"""Who may do what, and where: the single place access to records is decided.

A user's profile names their agency, role and jurisdiction (a node of the org-unit tree).
restrict() keeps the records inside that subtree (national users see the whole country), for
the actions the role allows on that record type. Every generic view, API viewset, export and
count calls it; nothing else filters records for access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet

if TYPE_CHECKING:
    from sahakar.accounts.models import Profile

VIEW, ADD, CHANGE, DELETE, EXPORT = "view", "add", "change", "delete", "export"
ACTIONS = (VIEW, ADD, CHANGE, DELETE, EXPORT)

_READ = frozenset({VIEW})
_READ_EXPORT = frozenset({VIEW, EXPORT})
_WRITE = frozenset({VIEW, ADD, CHANGE})
_WRITE_EXPORT = frozenset({VIEW, ADD, CHANGE, EXPORT})
_ALL = frozenset(ACTIONS)

# Record types grouped by what they hold: a model label ("venues.venue") or a whole app
# ("arrests": the arrest and its parts).
ENFORCEMENT = (
    "venues.venue",
    "operations.operation",
    "operations.inspection",
    "seizures.seizure",
    "seizures.seizureitem",
    "seizures.seizedproperty",
)
PERSONAL = ("persons.person", "arrests")
CASES = ("cases",)
PREVENTION = ("prevention",)
AUDIT = ("audit.auditentry",)

# role -> record type -> allowed actions. Roles not named here may do nothing with records.
ROLE_ACTIONS: dict[str, dict[str, frozenset[str]]] = {
    "field_officer": {
        **dict.fromkeys(ENFORCEMENT + PERSONAL, _WRITE),
        **dict.fromkeys(CASES, _READ),
    },
    "investigator": dict.fromkeys(ENFORCEMENT + PERSONAL + CASES, _WRITE_EXPORT),
    "evidence_custodian": dict.fromkeys(ENFORCEMENT, _READ),
    "prosecutor": {
        **dict.fromkeys(ENFORCEMENT + PERSONAL, _READ),
        **dict.fromkeys(CASES, frozenset({VIEW, CHANGE})),
    },
    "prevention_officer": {
        "venues.venue": _READ,
        **dict.fromkeys(PREVENTION, _WRITE_EXPORT),
    },
    "analyst": dict.fromkeys(ENFORCEMENT + PREVENTION, _READ_EXPORT),
    "auditor": dict.fromkeys(ENFORCEMENT + PERSONAL + CASES + PREVENTION + AUDIT, _READ_EXPORT),
    "administrator": {
        **dict.fromkeys(ENFORCEMENT + PERSONAL + CASES + PREVENTION, _ALL),
        **dict.fromkeys(AUDIT, _READ_EXPORT),
    },
}


def _record_type_keys(model: type[Model]) -> tuple[str, str]:
    return model._meta.label_lower, model._meta.app_label


def holds_personal_data(model: type[Model]) -> bool:
    """Pages and API answers showing these records must not be cached anywhere."""
    return any(key in PERSONAL for key in _record_type_keys(model))


def is_administrator(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    profile = profile_of(user)
    return bool(user.is_superuser or (profile is not None and profile.role == "administrator"))


def profile_of(user: Any) -> Profile | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return getattr(user, "profile", None)


def can(user: Any, model: type[Model], action: str) -> bool:
    """Whether the user's role allows `action` on this record type at all."""
    if user is not None and getattr(user, "is_superuser", False) and user.is_active:
        return True
    profile = profile_of(user)
    if profile is None:
        return False
    allowed = ROLE_ACTIONS.get(profile.role, {})
    label, app = _record_type_keys(model)
    return action in allowed.get(label, allowed.get(app, frozenset()))


def restrict(queryset: QuerySet, user: Any, action: str = VIEW) -> Any:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    model = queryset.model
    if not can(user, model, action):
        return queryset.none()
    if user.is_superuser:
        return queryset
    profile = profile_of(user)
    assert profile is not None
    jurisdiction = profile.jurisdiction
    if jurisdiction.parent_id is None:  # the nation: everything
        return queryset
    return queryset.filter(model.jurisdiction_q(user, jurisdiction.path))


def choices_for(queryset: QuerySet, user: Any) -> Any:
    """What a user may pick in a form or API field: org units inside their jurisdiction,
    records they may see, reference data as it is."""
    from sahakar.geo.models import OrgUnit

    if queryset.model is OrgUnit:
        if user is not None and getattr(user, "is_superuser", False):
            return queryset
        profile = profile_of(user)
        return queryset.within(profile.jurisdiction) if profile else queryset.none()  # type: ignore[attr-defined]
    if hasattr(queryset, "restrict"):
        return queryset.restrict(user, VIEW)
    return queryset
