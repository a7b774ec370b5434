"""Pages of the evidence room: reports."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
