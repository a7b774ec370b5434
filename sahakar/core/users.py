"""The type of the user code acts for: the project's User when signed in, else anonymous."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, cast

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

AnyUser: TypeAlias = "User | AnonymousUser"


def signed_in(user: AnyUser) -> User:
    """The user of a view that lets only signed-in users through (LoginRequiredMixin)."""
    return cast("User", user)
