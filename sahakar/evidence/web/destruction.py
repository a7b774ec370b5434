"""Pages of the evidence room: destruction."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
