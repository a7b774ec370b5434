"""Rate limits on sign-in attempts, per address and per username.

DRF's throttles (already a dependency, maintained, and the same cache and rate syntax as the
API's) rather than django-ratelimit (last released 2023, Django 4.2 at most). The lockout in
lockout.py stops guessing one account's password; these slow down guessing across accounts
from one address, and hammering one account from many.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from sahakar.core.client_ip import client_ip


class AnonThrottle(AnonRateThrottle):
    """The API's limit per address for anonymous requests (address from core.client_ip)."""

    def get_ident(self, request: Any) -> str:
        return client_ip(request) or ""


class UserThrottle(UserRateThrottle):
    def get_ident(self, request: Any) -> str:
        return client_ip(request) or ""


class SignInAddressThrottle(SimpleRateThrottle):
    scope = "sign_in_address"

    def get_ident(self, request: Any) -> str:
        return client_ip(request) or ""

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SignInUsernameThrottle(SimpleRateThrottle):
    scope = "sign_in_username"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        username = str(request.POST.get("username", "")).strip().casefold()
        if not username:
            return None
        ident = hashlib.sha256(username.encode("utf-8")).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": ident}


def sign_in_wait(request: Any, view: Any) -> float | None:
    """None when this attempt may go ahead, else the seconds to wait. Every attempt counts."""
    waits = []
    for throttle in (SignInAddressThrottle(), SignInUsernameThrottle()):
        if not throttle.allow_request(request, view):
            waits.append(throttle.wait() or 60.0)
    return max(waits) if waits else None
