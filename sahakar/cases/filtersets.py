from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.cases.choices import Procedure, Stage
from sahakar.cases.models import CaseFile
from sahakar.core import filter_pickers
from sahakar.core.filtersets import BaseFilterSet, linked_to

CLOCK_CHOICES = [
    ("overdue", _("overdue")),
    ("due_soon", _("due soon or overdue")),
    ("running", _("any running")),
]


class CaseFileFilterSet(BaseFilterSet):
    """`clocks` reads the next deadline services.refresh_clocks keeps on each case."""

    search_fields = ("reference", "title", "court_case_number")

    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, label=_("Stage"))
    procedure = django_filters.ChoiceFilter(choices=Procedure.choices, label=_("Procedure"))
    clocks = django_filters.ChoiceFilter(
        choices=CLOCK_CHOICES, method="by_clock", label=_("Legal clocks")
    )
    prosecution_office = filter_pickers.PickByName(
        field_name="prosecution_office__code",
        label=_("Prosecution office"),
        options=filter_pickers.agencies,
    )
    person = linked_to("defendants__arrest__person", _("Defendant"))
    arrest = linked_to("defendants__arrest", _("Arrest"))
    seizure = linked_to("seizures", _("Seizure"))

    class Meta:
        model = CaseFile
        fields = ["q", "stage", "procedure", "clocks", "org_unit", "prosecution_office"]

    def by_clock(self, queryset: QuerySet, name: str, value: str) -> Any:
        now = timezone.now()
        if value == "overdue":
            return queryset.filter(clock_deadline__lt=now)
        if value == "due_soon":
            return queryset.filter(clock_warning__lte=now)
        return queryset.filter(clock_deadline__isnull=False)
