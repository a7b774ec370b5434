"""The dashboards (being built)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path


def dashboard(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=404)


urlpatterns: list[URLPattern] = [path("", dashboard, name="dashboard")]
