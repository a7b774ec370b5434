"""Refusals by the web pages (403) go to the audit trail."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record


class DenialAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            record(
                AuditAction.DENIED,
                detail={
                    "method": request.method,
                    "path": request.path,
                    "reason": str(exception) or "permission denied",
                },
            )
