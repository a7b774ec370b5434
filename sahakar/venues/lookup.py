"""Venues for the pickers (seizure, arrest and operation forms): found by name or address."""

from __future__ import annotations

from typing import Any

from sahakar.core.views.lookup import LookupView
from sahakar.venues.models import Venue


class VenueLookupView(LookupView):
    queryset = Venue.objects.select_related("org_unit").order_by("name")
    search_fields = ("name", "address")

    def label(self, obj: Any) -> str:
        return f"{obj.name} ({obj.org_unit.name})"
