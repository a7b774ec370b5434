"""What a session remembers about its sign-in, and ending every session of a user.

Idle sessions end by themselves (SESSION_COOKIE_AGE, renewed on every request); the absolute
lifetime and recent re-authentication are read from the times stamped here.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.http import HttpRequest
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SIGNED_IN_AT = "sahakar_signed_in_at"
PASSWORD_AT = "sahakar_password_at"  # noqa: S105 - a session key, not a password


def _now() -> float:
    return timezone.now().timestamp()


def stamp_sign_in(request: HttpRequest) -> None:
    """A password (or an administrator's force_login) just opened this session."""
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[PASSWORD_AT] = now


def stamp_password(request: HttpRequest) -> None:
    """The user just typed their password again."""
    request.session[PASSWORD_AT] = _now()


def _age(request: HttpRequest, key: str) -> timedelta | None:
    stamp = request.session.get(key)
    return None if stamp is None else timedelta(seconds=_now() - float(stamp))


def has_outlived_max_age(request: HttpRequest) -> bool:
    """Older than SAHAKAR_SESSION_MAX_AGE. A session from before these stamps existed gets
    one now, so it lives out one full lifetime from here."""
    age = _age(request, SIGNED_IN_AT)
    if age is None:
        request.session[SIGNED_IN_AT] = _now()
        return False
    return age > timedelta(seconds=settings.SAHAKAR_SESSION_MAX_AGE)


def password_is_recent(request: HttpRequest) -> bool:
    age = _age(request, PASSWORD_AT)
    return age is not None and age <= timedelta(seconds=settings.SAHAKAR_REAUTH_MAX_AGE)


def end_sessions(user: User) -> int:
    """Delete every stored session of `user`; how many there were.

    Sessions do not index their user, so the live ones are decoded one by one: their number
    is bounded by who signed in during the last SESSION_COOKIE_AGE.
    """
    store: Any = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store, DatabaseSessionStore):
        return 0  # cache or cookie sessions: Django refuses the disabled user on next request
    model = store.get_model_class()
    ended = 0
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session.session_key).delete()
            ended += 1
    return ended
