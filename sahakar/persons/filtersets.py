from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sahakar.core.filtersets import BaseFilterSet
from sahakar.persons.models import Person
from sahakar.persons.name_search import persons_named

SEARCH_LIMIT = 100  # names alike beyond the literal matches; the list paginates them


class PersonFilterSet(BaseFilterSet):
    """Persons merged into another are left out unless `include_merged` is set: their records
    stay (and their pages answer) for the history, but they are not persons to pick.

    The search also finds names typed in another order or spelt a little differently
    ("Vibol Chea" finds "Chea Vibol"), through the likely-duplicate keys (lookup.py)."""

    search_fields = ("name_km", "name_latin", "alias", "document_number")

    sex = django_filters.ChoiceFilter(choices=Person._meta.get_field("sex").choices)
    birth_year = django_filters.NumberFilter(
        label=_("Year of birth"), method="born_in", min_value=1900, max_value=9999
    )
    include_merged = django_filters.BooleanFilter(
        method="keep_all", label=_("Include merged records"), widget=forms.CheckboxInput
    )

    class Meta:
        model = Person
        fields = ["q", "sex", "nationality", "birth_year", "org_unit", "include_merged"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        alike = [p.pk for p in persons_named(user, value, limit=SEARCH_LIMIT)] if user else []
        return queryset.filter(self.search_condition(value) | Q(pk__in=alike))

    def born_in(self, queryset: Any, name: str, value: int) -> Any:
        return queryset.filter(Q(birth_year=value) | Q(date_of_birth__year=value))

    def keep_all(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset  # the exclusion is in `qs`, which runs for unbound filtersets too

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        if not self._includes_merged():
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset

    def _includes_merged(self) -> bool:
        return bool(
            self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("include_merged")
        )
