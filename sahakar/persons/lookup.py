"""Persons for the pickers: found by a name in either script, an alias or a document number."""

from __future__ import annotations

from typing import Any

from sahakar.core.views.lookup import LookupView
from sahakar.persons.models import Person


class PersonLookupView(LookupView):
    queryset = Person.objects.current().select_related("org_unit")
    search_fields = ("name_km", "name_latin", "alias")
    exact_fields = ("document_number",)

    def label(self, obj: Any) -> str:
        born = f" · {obj.year_of_birth}" if obj.year_of_birth else ""
        return f"{obj}{born} · {obj.org_unit.name}"
