"""After a write, inside its transaction: the record must still be one the user may add or
change. A change that would carry a record out of the user's scope (moving it to another
province, removing their agency from a joint operation) is rolled back and refused, as
NetBox re-checks object permissions after saving. Every refusal is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core import permissions
from sahakar.core.users import AnyUser

_MESSAGES = {
    permissions.ADD: _(
        "You may not record this here: the record would be outside where you may add it. "
        "Nothing was saved."
    ),
    permissions.CHANGE: _(
        "This change would put the record outside what you may change. Nothing was saved."
    ),
}


class OutOfScope(PermissionDenied):
    """The written record is no longer one the user may `action`; the write must roll back."""

    def __init__(self, obj: Model, action: str) -> None:
        self.model, self.pk, self.action = type(obj), obj.pk, action
        self.message = str(_MESSAGES.get(action, _MESSAGES[permissions.CHANGE]))
        super().__init__(self.message)


def ensure_in_scope(obj: Model, user: AnyUser | None, action: str) -> None:
    """Raise OutOfScope unless `restrict(user, action)` still holds `obj` (call it inside the
    transaction of the write, so that raising rolls the write back)."""
    records = type(obj)._default_manager.filter(pk=obj.pk)
    if not permissions.restrict(records, user, action).exists():
        raise OutOfScope(obj, action)


def log_refusal(refusal: OutOfScope) -> None:
    """Audit the refusal, after the rollback (an entry written inside it would be lost)."""
    record(
        AuditAction.DENIED,
        record_type=refusal.model,
        detail={
            "reason": "the written record would be outside the user's scope",
            "action": refusal.action,
            "id": str(refusal.pk),
        },
    )
