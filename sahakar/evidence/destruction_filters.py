"""Filters of the destruction list, for the page and the API alike."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sahakar.core import filter_pickers
from sahakar.core.filtersets import BaseFilterSet, date_range
from sahakar.evidence.models import DestructionBatch


class DestructionBatchFilterSet(BaseFilterSet):
    """Search by reference, place or order; filter by site, org unit and date."""

    search_fields = ("reference", "place", "order_references", "method")

    site = filter_pickers.PickByName(
        field_name="site__code", label=_("Destruction site"), options=filter_pickers.evidence_stores
    )
    destroyed = date_range("destroyed_at", _("Destroyed between"))

    class Meta:
        model = DestructionBatch
        fields = ["q", "site", "org_unit", "destroyed"]
