"""Weight discrepancies as supervisors and auditors follow them: open first, by store and
substance. Shared by the page (web/weights.py) and the API (api/weights.py).

Closing one needs the right to change weight discrepancies where the exhibit was seized
(the evidence supervisor's role); a custodian sees them but cannot close them.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from sahakar.core import filter_pickers, permissions
from sahakar.core.filtersets import ValidatedFilterSet
from sahakar.evidence.choices import DiscrepancyStatus
from sahakar.evidence.models import WeightDiscrepancy

NOT_YOURS_TO_CLOSE = _(
    "Only an evidence supervisor of the jurisdiction where the exhibit was seized can close "
    "a weight discrepancy; custodians and auditors see it but cannot close it."
)


def open_first(queryset: QuerySet[WeightDiscrepancy]) -> QuerySet[WeightDiscrepancy]:
    """Open discrepancies first, each group oldest first."""
    return queryset.annotate(
        closed_last=Case(
            When(status=DiscrepancyStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("closed_last", "opened_at", "pk")


def closable(user: Any, pks: list[int]) -> set[int]:
    """Which of these discrepancies the user may close (open ones they may change)."""
    return set(
        WeightDiscrepancy.objects.restrict(user, permissions.CHANGE)
        .filter(pk__in=pks, status=DiscrepancyStatus.OPEN)
        .values_list("pk", flat=True)
    )


def may_change(user: Any, discrepancy: WeightDiscrepancy) -> bool:
    """Whether the user's roles let them close this one (open or not)."""
    return (
        WeightDiscrepancy.objects.restrict(user, permissions.CHANGE)
        .filter(pk=discrepancy.pk)
        .exists()
    )


class DiscrepancyFilterSet(ValidatedFilterSet):
    status = django_filters.ChoiceFilter(choices=DiscrepancyStatus.choices, label=_("Status"))
    store = filter_pickers.PickByName(
        field_name="exhibit__store__code",
        label=_("Store (where the exhibit is held)"),
        options=filter_pickers.evidence_stores,
    )
    substance = filter_pickers.PickByName(
        field_name="exhibit__substance__code",
        label=_("Substance"),
        options=filter_pickers.substances,
    )
    exhibit = django_filters.CharFilter(
        field_name="exhibit__reference", lookup_expr="icontains", label=_("Exhibit number")
    )

    class Meta:
        model = WeightDiscrepancy
        fields = ["status", "store", "substance", "exhibit"]
