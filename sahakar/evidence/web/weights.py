"""Pages of the evidence room: weights."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
