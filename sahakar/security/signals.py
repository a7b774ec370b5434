"""Sign-ins stamp their session; disabling a user ends their sessions; lockouts are audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.security import sessions

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _signed_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        sessions.stamp_sign_in(request)


def _user_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if created or instance.is_active:
        return
    ended = sessions.end_sessions(instance)
    if ended:
        record(
            AuditAction.SECURITY,
            instance,
            detail={"event": "sessions_ended", "reason": "user disabled", "sessions": ended},
        )


def _locked_out(sender: Any, request: Any = None, username: str = "", **kwargs: Any) -> None:
    name = str(username or "")[:150]
    record(AuditAction.DENIED, username=name, detail={"reason": "locked_out", "username": name})


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="security-stamp-sign-in")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="security-disabled")
    user_locked_out.connect(_locked_out, dispatch_uid="security-locked-out")
