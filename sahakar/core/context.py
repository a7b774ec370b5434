"""Who is acting, and from where, for the code that runs now (web request, API call or command).

A ContextVar rather than a thread-local, so the same attribution reaches change history from
views, API calls and management commands alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from sahakar.core.users import AnyUser

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class ActionContext:
    user: AnyUser | None = None
    request: Any = None  # the web request, whose user is read lazily (DRF sets it late)
    source: str = "system"  # "web", "api", "command:<name>"
    ip: str | None = None
    user_agent: str = ""
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)


_current: ContextVar[ActionContext | None] = ContextVar("sahakar_action_context", default=None)


def current() -> ActionContext:
    return _current.get() or ActionContext()


def current_user() -> User | None:
    context = current()
    user = context.user
    if user is None and context.request is not None:
        user = getattr(context.request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return cast("User", user)
    return None


@contextmanager
def acting(
    user: AnyUser | None = None,
    source: str = "system",
    request: Any = None,
    ip: str | None = None,
    user_agent: str = "",
) -> Iterator[ActionContext]:
    """Attribute every change made inside the block to `user`, coming from `source`."""
    context = ActionContext(
        user=user, request=request, source=source, ip=ip, user_agent=user_agent[:300]
    )
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
