"""Seizures as a related section of another record's page (core/related.py)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from sahakar.core.related import Related
from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.seizures.tables import SeizureTable


def items_with_substance() -> Prefetch:
    """Items and their substances in one query for a whole page of seizures."""
    return Prefetch("items", queryset=SeizureItem.objects.select_related("substance"))


def seizures(lookup: str, list_filter: str = "", exclude: tuple[str, ...] = ()) -> Related:
    """The seizures reaching the page's record by `lookup` (e.g. "arrests__person")."""
    rows = (
        Seizure.objects.select_related("org_unit", "venue", "seizing_agency")
        .prefetch_related(items_with_substance())
        .order_by("-seized_at", "-pk")
    )
    return Related(
        title=_("Seizures"),
        queryset=rows,
        lookup=lookup,
        table=SeizureTable,
        list_filter=list_filter,
        exclude=exclude,
        empty=_("No seizures you may see are linked."),
    )
