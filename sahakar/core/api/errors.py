"""API errors as structured JSON: validation 400, stale write 409, never a 500 for bad input."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core.models import StaleWrite


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        # A model's or service's refusal, keyed like serializer errors ("__all__" becomes
        # "non_field_errors"), so every endpoint answers the same structured 400.
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, StaleWrite):
        return Response(
            {"detail": str(exc.args[0]), "code": "stale_version"}, status=status.HTTP_409_CONFLICT
        )
    elif isinstance(exc, ProtectedError):
        return Response(
            {"detail": "Other records refer to this one; it was kept.", "code": "protected"},
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, exceptions.PermissionDenied | DjangoPermissionDenied):
        request = context.get("request")
        record(
            AuditAction.DENIED,
            detail={
                "method": getattr(request, "method", ""),
                "path": getattr(request, "path", ""),
                "reason": str(getattr(exc, "detail", exc)),
            },
        )
    return drf_exception_handler(exc, context)
