"""Pages of the evidence room: exhibits."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
