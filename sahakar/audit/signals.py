"""Sign-ins, failed sign-ins and sign-outs go to the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    record(AuditAction.LOGIN, user=user)


def _logged_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record(AuditAction.LOGOUT, user=user)


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    record(AuditAction.LOGIN_FAILED, username=username, detail={"username": username})


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
