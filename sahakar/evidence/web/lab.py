"""Pages of the evidence room: lab."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
