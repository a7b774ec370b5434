"""Who may do what, and where: the single place access to records is decided.

A user holds roles (accounts.Role, with grants per record type, editable as data) over
jurisdictions (nodes of the org-unit tree). restrict() keeps, for an action, the records
inside the jurisdictions of the roles that allow that action on that record type (a role
held over the nation sees the whole country). Every generic view, API viewset, export and
count calls it; nothing else filters records for access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.db.models import Model, Q, QuerySet

from sahakar.core import context

if TYPE_CHECKING:
    from sahakar.accounts.models import Profile
    from sahakar.core.users import AnyUser

_Records = TypeVar("_Records", bound=QuerySet[Any])

VIEW, ADD, CHANGE, DELETE, EXPORT = "view", "add", "change", "delete", "export"
ACTIONS = (VIEW, ADD, CHANGE, DELETE, EXPORT)

# Record types holding personal data: a model label or a whole app (its parts included).
PERSONAL = ("persons.person", "arrests", "cases")


@dataclass(frozen=True)
class Scope:
    """One role assignment of a user, resolved: where, and what on which record types."""

    role: str
    path: str
    is_nation: bool
    actions: dict[str, frozenset[str]]
    sees_personal_data: bool
    requires_mfa: bool

    def allows(self, model: type[Model], action: str) -> bool:
        label, app = _record_type_keys(model)
        return action in self.actions.get(label, self.actions.get(app, frozenset()))


def _record_type_keys(model: type[Model]) -> tuple[str, str]:
    return model._meta.label_lower, model._meta.app_label


def scopes(user: AnyUser | None) -> list[Scope]:
    """The user's role assignments with their grants, read once per request (or command)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    request_id = context.current().request_id
    cached = getattr(user, "_sahakar_scopes", None)
    if cached is not None and cached[0] == request_id:
        cached_scopes: list[Scope] = cached[1]
        return cached_scopes
    from sahakar.accounts.models import RoleAssignment

    assignments = (
        RoleAssignment.objects.filter(user=user)
        .select_related("role", "jurisdiction")
        .prefetch_related("role__grants")
    )
    resolved = [
        Scope(
            role=a.role.code,
            path=a.jurisdiction.path,
            is_nation=a.jurisdiction.parent_id is None,
            actions={g.record_type: g.actions for g in a.role.grants.all()},
            sees_personal_data=a.role.sees_personal_data,
            requires_mfa=a.role.requires_mfa,
        )
        for a in assignments
    ]
    user._sahakar_scopes = (request_id, resolved)  # type: ignore[attr-defined]
    return resolved


def forget_scopes(user: AnyUser | None) -> None:
    """Drop the cached scopes, after the user's assignments changed."""
    if hasattr(user, "_sahakar_scopes"):
        del user._sahakar_scopes  # type: ignore[union-attr]


def holds_personal_data(model: type[Model]) -> bool:
    """Pages and API answers showing these records must not be cached anywhere."""
    return any(key in PERSONAL for key in _record_type_keys(model))


def sees_personal_data(user: AnyUser | None) -> bool:
    """The field-level rule: may personal data of suspects be shown to this user at all?"""
    if _is_superuser(user):
        return True
    return any(scope.sees_personal_data for scope in scopes(user))


def requires_mfa(user: AnyUser | None) -> bool:
    """Administrators, auditors, superusers and everyone with a national role."""
    if _is_superuser(user):
        return True
    return any(scope.requires_mfa or scope.is_nation for scope in scopes(user))


def _is_superuser(user: AnyUser | None) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_superuser
    )


def is_administrator(user: AnyUser | None) -> bool:
    return _is_superuser(user) or any(scope.role == "administrator" for scope in scopes(user))


def profile_of(user: AnyUser | None) -> Profile | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return getattr(user, "profile", None)


def can(user: AnyUser | None, model: type[Model], action: str) -> bool:
    """Whether any of the user's roles allows `action` on this record type, anywhere."""
    if _is_superuser(user):
        return True
    return any(scope.allows(model, action) for scope in scopes(user))


def jurisdiction_paths(user: AnyUser | None, model: type[Model], action: str) -> list[str] | None:
    """The org-unit paths where the user may do `action` on `model`; None means everywhere."""
    if _is_superuser(user):
        return None
    paths = [scope.path for scope in scopes(user) if scope.allows(model, action)]
    if any(scope.is_nation for scope in scopes(user) if scope.allows(model, action)):
        return None
    return sorted(set(paths))


def restrict(queryset: _Records, user: AnyUser | None, action: str = VIEW) -> _Records:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    model: Any = queryset.model  # a BaseModel or the audit trail: both have jurisdiction_q()
    if not can(user, model, action):
        return queryset.none()
    paths = jurisdiction_paths(user, model, action)
    if paths is None:
        return queryset
    condition = Q()
    for path in _outermost(paths):
        condition |= model.jurisdiction_q(user, path)
    return queryset.filter(condition)


class RestrictedQuerySet(QuerySet[Any]):
    """The manager of every record: `Model.objects.restrict(user, action)`."""

    def restrict(self, user: AnyUser | None, action: str = VIEW) -> Self:
        """Only the records `user` may perform `action` on. The one place access is decided."""
        return restrict(self, user, action)


def _outermost(paths: list[str]) -> list[str]:
    """Drop paths inside another one: a province already covers its districts."""
    return [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]


def _all_paths(user: AnyUser | None) -> list[str] | None:
    if _is_superuser(user) or any(scope.is_nation for scope in scopes(user)):
        return None
    return sorted({scope.path for scope in scopes(user)})


def choices_for(
    queryset: QuerySet[Any], user: AnyUser | None, for_model: type[Model] | None = None
) -> Any:
    """What a user may pick in a form or API field: org units where they may add records of
    `for_model` (any of their jurisdictions if not given), records they may see, reference
    data as it is."""
    from sahakar.geo.models import OrgUnit

    if queryset.model is OrgUnit:
        paths = jurisdiction_paths(user, for_model, ADD) if for_model else _all_paths(user)
        if paths is None:
            return queryset
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return queryset.filter(condition) if paths else queryset.none()
    if hasattr(queryset, "restrict"):
        return queryset.restrict(user, VIEW)
    return queryset
