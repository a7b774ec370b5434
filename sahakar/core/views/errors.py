"""Error answers: the generic pages, or JSON for paths under /api/ (no stack trace, no path)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json(detail: str, code: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return _json("The request body is larger than allowed.", "request_too_large", 413)
    return _json("The request could not be read.", "bad_request", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not _is_api(request):
        return defaults.permission_denied(request, exception)
    return _json("You do not have permission to perform this action.", "permission_denied", 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not _is_api(request):
        return defaults.page_not_found(request, exception)
    return _json("Not found.", "not_found", 404)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    if not _is_api(request):
        return defaults.server_error(request)
    return _json("Something went wrong; the error was logged.", "server_error", 500)
