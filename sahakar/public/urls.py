"""The public figures pages: the latest month, a given month, and each table as CSV."""

from django.urls import URLPattern, re_path

from sahakar.public import views

app_name = "public"
urlpatterns: list[URLPattern] = [
    re_path(r"^$", views.page, name="latest"),
    re_path(r"^(?P<year>\d{4})-(?P<month>\d{2})/$", views.page, name="month"),
    re_path(
        r"^(?P<year>\d{4})-(?P<month>\d{2})/(?P<table>[a-z-]{1,40})\.csv$",
        views.table_csv,
        name="table_csv",
    ),
]
