"""Pages of the evidence room: actions."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
