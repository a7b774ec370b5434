"""Who keeps a store: custodians are assigned and their assignment ended, never deleted.

A change of custodian is a hand-over of everything the store holds, so it needs a full
inventory (IAPE standard 15.1): assigning or ending a custodian of a store that holds
exhibits is refused unless a full inventory of that store was closed within
INVENTORY_VALID_FOR. Administrators and evidence supervisors over the store assign; the
assigned user must hold a role that allows evidence work.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.core import permissions
from sahakar.core.users import AnyUser, recorded_user
from sahakar.evidence.choices import ExhibitStatus, InventoryKind
from sahakar.evidence.inventories import holds_role_over
from sahakar.evidence.models import EvidenceStore, Exhibit, Inventory, StoreCustodian

# How recent the full inventory behind a change of custodian must be.
INVENTORY_VALID_FOR = timedelta(hours=24)
ASSIGNING_ROLES = frozenset({"administrator", "evidence_supervisor"})


def may_assign(user: AnyUser | None, store: EvidenceStore) -> bool:
    """An administrator or an evidence supervisor whose role may change custodians where the
    store is (a superuser anywhere)."""
    if recorded_user(user) is None:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return holds_role_over(user, store, ASSIGNING_ROLES, StoreCustodian)


def holds_exhibits(store: EvidenceStore) -> bool:
    return Exhibit._base_manager.filter(store=store, status=ExhibitStatus.HELD).exists()


def recent_full_inventory(store: EvidenceStore) -> Inventory | None:
    """The latest full inventory of the store closed within INVENTORY_VALID_FOR, if any."""
    since = timezone.now() - INVENTORY_VALID_FOR
    found: Inventory | None = (
        Inventory._base_manager.filter(store=store, kind=InventoryKind.FULL, closed_at__gte=since)
        .order_by("-closed_at")
        .first()
    )
    return found


def change_allowed(store: EvidenceStore) -> bool:
    """Whether the store's custodians may change now (no exhibits, or a recent full count)."""
    return not holds_exhibits(store) or recent_full_inventory(store) is not None


def _require_assigner(user: AnyUser | None, store: EvidenceStore) -> None:
    if not may_assign(user, store):
        raise ValidationError(
            {
                "store": _(
                    "Only an administrator or an evidence supervisor over %(store)s can "
                    "change its custodians."
                )
                % {"store": store}
            }
        )


def _require_recent_inventory(store: EvidenceStore) -> None:
    if change_allowed(store):
        return
    hours = int(INVENTORY_VALID_FOR.total_seconds() // 3600)
    raise ValidationError(
        {
            "store": _(
                "%(store)s holds exhibits: a change of custodian needs a full inventory of the "
                "store closed within the last %(hours)s hours. Start a full inventory, scan "
                "the store, close it, then change the custodian."
            )
            % {"store": store, "hours": hours}
        }
    )


def does_evidence_work(user: Any) -> bool:
    """Whether one of the user's roles lets them take in and move exhibits."""
    return bool(
        user is not None
        and user.is_active
        and permissions.profile_of(user) is not None
        and permissions.can(user, Exhibit, permissions.CHANGE)
    )


def assign_custodian(
    store: EvidenceStore, user: Any, *, acting_user: AnyUser | None
) -> StoreCustodian:
    """Make `user` a custodian of `store` from now."""
    _require_assigner(acting_user, store)
    if user is None:
        raise ValidationError({"user": _("Choose the user to assign.")})
    if not does_evidence_work(user):
        raise ValidationError(
            {
                "user": _("%(user)s holds no role that allows evidence work.")
                % {"user": user.get_username()}
            }
        )
    if not store.active:
        raise ValidationError({"store": _("%(store)s is closed.") % {"store": store}})
    with transaction.atomic():
        EvidenceStore._base_manager.select_for_update().filter(pk=store.pk).first()
        if StoreCustodian._base_manager.filter(
            store=store, user=user, ended_at__isnull=True
        ).exists():
            raise ValidationError(
                {
                    "user": _("%(user)s is already a custodian of %(store)s.")
                    % {"user": user.get_username(), "store": store}
                }
            )
        _require_recent_inventory(store)
        assignment = StoreCustodian(store=store, user=user, assigned_at=timezone.now())
        try:
            with transaction.atomic():
                assignment.save()
        except IntegrityError as exc:
            raise ValidationError(
                {"user": _("%(user)s is already a custodian.") % {"user": user.get_username()}}
            ) from exc
    return assignment


def end_custodian(assignment: StoreCustodian, *, acting_user: AnyUser | None) -> StoreCustodian:
    """End an assignment; the record stays, so the chain can always say who held the keys."""
    store = assignment.store
    _require_assigner(acting_user, store)
    with transaction.atomic():
        EvidenceStore._base_manager.select_for_update().filter(pk=store.pk).first()
        locked = StoreCustodian._base_manager.select_for_update().get(pk=assignment.pk)
        if locked.ended_at is not None:
            raise ValidationError({"assignment": _("This assignment has already ended.")})
        _require_recent_inventory(store)
        others = StoreCustodian._base_manager.filter(store=store, ended_at__isnull=True).exclude(
            pk=locked.pk
        )
        if holds_exhibits(store) and not others.exists():
            raise ValidationError(
                {
                    "assignment": _(
                        "%(user)s is the last custodian of %(store)s, which holds exhibits: "
                        "assign the next custodian first."
                    )
                    % {"user": locked.user.get_username(), "store": store}
                }
            )
        locked.ended_at = timezone.now()
        locked.save()
    return locked
