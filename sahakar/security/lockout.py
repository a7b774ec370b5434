"""Account lockout on django-axes: 5 failures within 15 minutes lock a username until an
administrator unlocks it (CJIS AC-7).

Axes keeps one AccessAttempt row per (username, address, browser) with a running count. Its
AXES_COOLOFF_TIME forgets a row some time after the row's *last* failure and then lifts the
lock by itself: failures 10 minutes apart add up for ever, and locks expire. Neither is the
rule. So axes runs without a cool-off (its locks hold until reset) and, before each new
failure of a username that is not locked, this handler re-counts its rows from axes' failure
log (every failure with its time): only failures younger than SAHAKAR_LOCKOUT_WINDOW, and
after the username's last lock or successful sign-in (last_login), still count.

Unlocking is axes' own: `sahakar axes_reset_username NAME`, or deleting the access attempt in
the admin.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum


class WindowedLockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]  # untyped base
    """Axes' database handler whose failure counts only span the lockout window."""

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        if request is not None and not self.is_locked(request, credentials):
            username = get_client_username(request, credentials)
            if username:
                forget_old_failures(username, request.axes_attempt_time)
        super().user_login_failed(sender, credentials, request, **kwargs)


def forget_old_failures(username: str, now: datetime) -> None:
    """Set each of the username's attempt rows to the failures that still count at `now`."""
    since = counting_since(username, now)
    for attempt in AccessAttempt.objects.filter(username=username):
        recent = AccessFailureLog.objects.filter(
            username=username,
            ip_address=attempt.ip_address,
            user_agent=attempt.user_agent,
            attempt_time__gt=since,
        ).count()
        if recent == 0:
            attempt.delete()
        elif recent != attempt.failures_since_start:
            AccessAttempt.objects.filter(pk=attempt.pk).update(failures_since_start=recent)


def counting_since(username: str, now: datetime) -> datetime:
    """Failures at or before this moment no longer count towards a lock."""
    last_lock = AccessFailureLog.objects.filter(username=username, locked_out=True).aggregate(
        t=Max("attempt_time")
    )["t"]
    user_model = get_user_model()
    last_sign_in = (
        user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username})
        .values_list("last_login", flat=True)
        .first()
    )
    moments = [now - settings.SAHAKAR_LOCKOUT_WINDOW, last_lock, last_sign_in]
    latest: datetime = max(moment for moment in moments if moment is not None)
    return latest


def is_locked_out(username: str) -> bool:
    held = AccessAttempt.objects.filter(username=username).aggregate(n=Sum("failures_since_start"))
    return (held["n"] or 0) >= settings.AXES_FAILURE_LIMIT


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]  # untyped base
    """Axes' gate in front of ModelBackend. Axes refuses to run without a request; callers
    without one (scripts, the test client's login()) are still kept out of a locked account."""

    def authenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            if username and is_locked_out(username):
                raise PermissionDenied
            return None
        refused: None = super().authenticate(
            request, username=username, password=password, **kwargs
        )
        return refused
