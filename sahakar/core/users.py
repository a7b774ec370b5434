"""The type of the user code acts for: the project's User when signed in, else anonymous."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, cast

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

AnyUser: TypeAlias = "User | AnonymousUser"


def signed_in(user: AnyUser) -> User:
    """The user of a view that lets only signed-in users through (LoginRequiredMixin)."""
    return cast("User", user)


def recorded_user(user: AnyUser | None) -> User | None:
    """The user to name on a record (who corrected, who moved the case): None for anonymous
    or no user, as for work done by a command."""
    if user is None or not user.is_authenticated:
        return None
    return signed_in(user)
