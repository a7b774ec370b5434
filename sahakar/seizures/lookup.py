"""Seizures for the pickers (arrest and case forms): found by reference, venue or place."""

from __future__ import annotations

from typing import Any

from sahakar.core.times import local_text
from sahakar.core.views.lookup import LookupView
from sahakar.seizures.models import Seizure


class SeizureLookupView(LookupView):
    queryset = Seizure.objects.select_related("venue", "org_unit").order_by("-seized_at")
    search_fields = ("reference", "place_description", "venue__name")
    value_field = "reference"

    def label(self, obj: Any) -> str:
        place = obj.venue.name if obj.venue_id else obj.place_description
        return f"{obj.reference} · {local_text(obj.seized_at)} · {place}"
