from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.arrests.choices import StateFilter, SuspectRole
from sahakar.arrests.models import Arrest
from sahakar.core import filter_pickers
from sahakar.core.filtersets import BaseFilterSet, date_range, linked_to


class ArrestFilterSet(BaseFilterSet):
    """Search by reference or the person's name (either script); filter by where the custody
    stands now, org unit, arresting agency, dates of arrest and role."""

    search_fields = ("reference", "person__name_km", "person__name_latin")

    state = django_filters.MultipleChoiceFilter(
        choices=StateFilter.choices, method="in_state", label=_("Custody")
    )
    arresting_agency = filter_pickers.PickByName(
        field_name="arresting_agency__code",
        label=_("Arresting agency"),
        options=filter_pickers.agencies,
    )
    suspect_role = django_filters.MultipleChoiceFilter(choices=SuspectRole.choices, label=_("Role"))
    offence = filter_pickers.PickByName(
        field_name="offences__code",
        label=_("Offence"),
        distinct=True,
        options=filter_pickers.offences,
    )
    arrested = date_range("arrested_at", _("Arrested between"))
    person = linked_to("person", _("Person"))
    operation = linked_to("operation", _("Operation"))
    seizure = linked_to("seizures", _("Seizure"))

    class Meta:
        model = Arrest
        fields = [
            "q",
            "state",
            "org_unit",
            "arresting_agency",
            "suspect_role",
            "offence",
            "arrested",
        ]

    def in_state(self, queryset: QuerySet, name: str, value: list[str]) -> Any:
        if not value:
            return queryset
        return queryset.in_states(value, timezone.now())  # type: ignore[attr-defined]
