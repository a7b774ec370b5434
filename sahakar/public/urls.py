"""The public figures pages (being built)."""

from django.urls import URLPattern

app_name = "public"
urlpatterns: list[URLPattern] = []
