"""Request-scoped attribution of changes (see core.context)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sahakar.core.client_ip import client_ip
from sahakar.core.context import acting


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        source = "api" if request.path.startswith("/api/") else "web"
        with acting(
            request=request,
            source=source,
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        ) as context:
            request.request_id = context.request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
        response["X-Request-ID"] = context.request_id
        return response
