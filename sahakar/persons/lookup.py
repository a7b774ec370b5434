"""Persons for the pickers: found by a name in either script, in any word order and with small
misspellings (the header search's matching, persons/name_search.py), or by an alias or a
document number."""

from __future__ import annotations

from typing import Any

from sahakar.core.views.lookup import LIMIT, LookupView
from sahakar.persons.models import Person
from sahakar.persons.name_search import persons_named


class PersonLookupView(LookupView):
    queryset = Person.objects.current().select_related("org_unit")
    search_fields = ("name_km", "name_latin", "alias")
    exact_fields = ("document_number",)

    def search(self, found: Any, query: str) -> list[Any]:
        """Names as the header search finds them ("Vibol Chea" finds "Chea Vibol"), then the
        aliases and document numbers holding what was typed."""
        named = [p.pk for p in persons_named(self.request.user, query, limit=LIMIT)]
        matches = {p.pk: p for p in found.filter(pk__in=named)}
        shown = [matches[pk] for pk in named if pk in matches]
        if len(shown) < LIMIT:
            shown += super().search(found.exclude(pk__in=named), query)[: LIMIT - len(shown)]
        return shown

    def label(self, obj: Any) -> str:
        born = f" · {obj.year_of_birth}" if obj.year_of_birth else ""
        return f"{obj}{born} · {obj.org_unit.name}"
