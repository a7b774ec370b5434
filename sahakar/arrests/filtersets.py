from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.arrests.choices import StateFilter, SuspectRole
from sahakar.arrests.models import Arrest
from sahakar.core.filtersets import BaseFilterSet

_DATE = forms.DateInput(attrs={"type": "date"})


class ArrestFilterSet(BaseFilterSet):
    """Search by reference or the person's name (either script); filter by where the custody
    stands now, org unit, arresting agency, dates of arrest and role."""

    search_fields = ("reference", "person__name_km", "person__name_latin")

    state = django_filters.MultipleChoiceFilter(
        choices=StateFilter.choices, method="in_state", label=_("Custody")
    )
    arresting_agency = django_filters.CharFilter(
        field_name="arresting_agency__code", label=_("Arresting agency code")
    )
    suspect_role = django_filters.MultipleChoiceFilter(choices=SuspectRole.choices, label=_("Role"))
    offence = django_filters.CharFilter(
        field_name="offences__code", label=_("Offence code"), distinct=True
    )
    arrested_after = django_filters.DateFilter(
        field_name="arrested_at", lookup_expr="date__gte", label=_("Arrested from"), widget=_DATE
    )
    arrested_before = django_filters.DateFilter(
        field_name="arrested_at", lookup_expr="date__lte", label=_("Arrested until"), widget=_DATE
    )

    class Meta:
        model = Arrest
        fields = [
            "q",
            "state",
            "org_unit",
            "arresting_agency",
            "suspect_role",
            "offence",
            "arrested_after",
            "arrested_before",
        ]

    def in_state(self, queryset: QuerySet, name: str, value: list[str]) -> Any:
        if not value:
            return queryset
        return queryset.in_states(value, timezone.now())  # type: ignore[attr-defined]
