"""Pages of the evidence room: inventory."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
