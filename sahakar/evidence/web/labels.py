"""Pages of the evidence room: labels."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
