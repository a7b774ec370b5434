"""Pages of the evidence room: stores."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
