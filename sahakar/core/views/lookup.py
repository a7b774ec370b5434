"""The pickers' search endpoint: `?q=` finds records the user may see, as JSON.

`{"results": [{"value": ..., "label": ...}]}`, at most `LIMIT` of them, best known first: a
picker narrows by typing, it never pages through a table. Each record type's lookup names
its queryset, the fields searched and what a result's value is (its id for a `<select>`,
its reference for a box of references). Lists of personal data are logged as views.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.views.generic import View

from sahakar.audit import access
from sahakar.core.views.generic import RestrictedMixin

LIMIT = 20
MAX_QUERY = 100


class LookupView(RestrictedMixin, View):
    search_fields: tuple[str, ...] = ()
    exact_fields: tuple[str, ...] = ()
    value_field = "pk"

    def label(self, obj: Any) -> str:
        return str(obj)

    def search(self, found: Any, query: str) -> list[Any]:
        """The records matching `query`, at most LIMIT: any search field holds it, or an
        exact field equals it."""
        wanted = Q()
        for name in self.search_fields:
            wanted |= Q(**{f"{name}__icontains": query})
        for name in self.exact_fields:
            wanted |= Q(**{f"{name}__iexact": query})
        return list(found.filter(wanted)[:LIMIT])

    def get(self, request: HttpRequest) -> JsonResponse:
        query = request.GET.get("q", "").strip()[:MAX_QUERY]
        found = self.get_queryset()
        shown = self.search(found, query) if query else list(found[:LIMIT])
        access.log_list_view(self.record_model, shown, {"query": query, "page": "picker"})
        results = [
            {"value": str(getattr(obj, self.value_field)), "label": self.label(obj)}
            for obj in shown
        ]
        return JsonResponse({"results": results})
