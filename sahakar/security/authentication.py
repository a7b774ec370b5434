"""`Authorization: Token <key>` for the API: the token's user, with that user's scope."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.security.lockout import is_locked_out
from sahakar.security.models import ApiToken

KEYWORD = "Token"
_REFUSED = _("Invalid, expired or revoked token.")


def sends_token(request: Any) -> bool:
    """Whether the request carries a token (Django or DRF request)."""
    header: str = request.META.get("HTTP_AUTHORIZATION", "")
    return header.split(" ", 1)[0].lower() == KEYWORD.lower()


class ApiTokenAuthentication(BaseAuthentication):
    """Unknown, revoked and expired keys, and the keys of a disabled or locked-out user,
    answer 401. Each use is one audit entry."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Token <key>."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_REFUSED) from exc
        token = ApiToken.objects.for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_REFUSED)
        refusal = _refusal(token)
        if refusal:
            _log(request, token, refused=refusal)
            raise exceptions.AuthenticationFailed(_REFUSED)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        _log(request, token)
        return token.user, token

    def authenticate_header(self, request: Request) -> str | None:
        """A 401 with a challenge when a token was sent; requests without one keep the 403
        they have always had."""
        return KEYWORD if sends_token(request) else None


def _refusal(token: ApiToken) -> str:
    """Why this known token may not be used now ("" when it may)."""
    if token.revoked_at is not None:
        return "token revoked"
    if not token.is_usable:
        return "token expired"
    if not token.user.is_active:
        return "user disabled"
    if is_locked_out(token.user.get_username()):
        return "user locked out"
    return ""


def _log(request: Request, token: ApiToken, refused: str = "") -> None:
    """One entry per request, even if DRF authenticates a request twice. Unknown keys are
    not logged: anyone could fill the trail with them."""
    django_request = request._request
    if getattr(django_request, "sahakar_token_logged", False):
        return
    django_request.sahakar_token_logged = True  # type: ignore[attr-defined]
    detail = {"token": token.prefix, "method": request.method, "path": request.path}
    if refused:
        record(AuditAction.DENIED, token, user=token.user, detail={**detail, "reason": refused})
    else:
        record(AuditAction.TOKEN, token, user=token.user, detail=detail)
