"""Pages of the evidence room: scanning."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
