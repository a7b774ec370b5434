"""Filterset base: free-text search plus the jurisdiction-aware org-unit filter."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sahakar.geo.models import OrgUnit


class BaseFilterSet(django_filters.FilterSet):
    """`q` searches the fields named in `search_fields`; `org_unit` takes a gazetteer code and
    keeps the records in that unit's subtree. Serves UI filters and API parameters alike."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))
    org_unit = django_filters.CharFilter(
        method="within_org_unit",
        label=_("Org unit code"),
        help_text=_("Gazetteer code, e.g. 12 for Phnom Penh; includes the units below it."),
    )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    def within_org_unit(self, queryset: QuerySet, name: str, value: str) -> Any:
        unit = OrgUnit.objects.filter(code=value.strip()).first()
        if unit is None:
            return queryset.none()
        field = getattr(queryset.model, "jurisdiction_field", "org_unit")
        return queryset.filter(**{f"{field}__path__startswith": unit.path})
