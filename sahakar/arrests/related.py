"""Arrests as a related section of another record's page (core/related.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from sahakar.arrests.models import Arrest
from sahakar.arrests.tables import ArrestTable
from sahakar.core.related import Related


def arrests(lookup: str, list_filter: str = "", exclude: tuple[str, ...] = ()) -> Related:
    """The arrests reaching the page's record by `lookup` (e.g. "person")."""
    rows: Any = Arrest.objects.select_related("person", "org_unit", "arresting_agency", "outcome")
    return Related(
        title=_("Arrests"),
        queryset=rows.order_by("-arrested_at", "-pk"),
        lookup=lookup,
        table=ArrestTable,
        list_filter=list_filter,
        exclude=exclude,
        empty=_("No arrests you may see are linked."),
    )
