"""Per-request security: session lifetime, the second factor, and no caching of signed-in
pages."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from sahakar.core.permissions import requires_mfa
from sahakar.security import mfa, sessions
from sahakar.security.authentication import sends_token

Handler = Callable[[HttpRequest], HttpResponse]


class SessionLifetimeMiddleware:
    """Signs out a session older than SAHAKAR_SESSION_MAX_AGE, however active it was (the
    idle limit is the session engine's own SESSION_COOKIE_AGE)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and sessions.has_outlived_max_age(request):
            logout(request)
            messages.info(request, _("Your session has ended. Please sign in again."))
        return self.get_response(request)


def _is_api(path: str) -> bool:
    """API endpoints, answered in JSON; the API docs are a page like any other."""
    return path.startswith("/api/") and not path.startswith(reverse("api:docs"))


class SecondFactorMiddleware:
    """After the password, users with an authenticator must give a code, and users who
    require MFA but have none must set one up, before anything else. Session-authenticated
    API calls get a 403 in JSON instead; token calls pass (tokens are issued after MFA)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        api = _is_api(request.path)
        if (
            not user.is_authenticated
            or mfa.is_verified(user)
            # On the API a token, valid or not, replaces the session (DRF tries it first and
            # never falls back); on pages the header counts for nothing.
            or (api and sends_token(request))
            or self._exempt(request.path)
        ):
            return self.get_response(request)
        if mfa.has_totp(user):
            step = "security:mfa_verify"
        elif requires_mfa(user):
            step = "security:mfa_setup"
        else:
            return self.get_response(request)
        if api:
            return JsonResponse(
                {
                    "detail": _(
                        "This account needs multi-factor authentication: sign in on the web "
                        "and enter your authenticator code, or use an API token."
                    ),
                    "code": "mfa_required",
                },
                status=403,
            )
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse(step)}?{query}")

    @staticmethod
    def _exempt(path: str) -> bool:
        """The pages that lead to the second factor, and leaving."""
        return path in {
            reverse("login"),
            reverse("logout"),
            reverse("set_language"),
            reverse("security:mfa_verify"),
            reverse("security:mfa_setup"),
            reverse("security:reauth"),
        }


class NoStoreMiddleware:
    """Nothing shown to a signed-in user is kept by a browser or proxy cache: every page may
    hold records of investigations (ASVS 14.3.2)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
