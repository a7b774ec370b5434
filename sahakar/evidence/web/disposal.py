"""Pages of the evidence room: disposal."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
