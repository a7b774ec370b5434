"""Filters of the evidence room's lists: one filterset serves the page, the API and exports."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from sahakar.core import filter_pickers
from sahakar.core.filtersets import BaseFilterSet
from sahakar.evidence import eligibility
from sahakar.evidence.choices import DiscrepancyStatus, ExhibitStatus, StoreKind
from sahakar.evidence.models import EvidenceStore, Exhibit, StoreLocation, WeightDiscrepancy

OPEN, NONE_OPEN = "open", "none"


def yes_no() -> forms.Select:
    """A yes/no filter whose empty choice reads like every other list's ("---------"), not
    "Unknown": it filters nothing. "true" and "false" are what the API takes as well."""
    return forms.Select(choices=[("", "---------"), ("true", _("yes")), ("false", _("no"))])


class ExhibitFilterSet(BaseFilterSet):
    search_fields = ("reference", "seal_number", "description", "seizure__reference")

    store = filter_pickers.PickByName(
        field_name="store__code",
        label=_("Store"),
        options=filter_pickers.evidence_stores,
        help_text=_("The store holding the exhibit, e.g. PP-VAULT."),
    )
    in_transit_to = filter_pickers.PickByName(
        field_name="pending_store__code",
        label=_("In transit to"),
        options=filter_pickers.evidence_stores,
    )
    status = django_filters.ChoiceFilter(choices=ExhibitStatus.choices, label=_("Status"))
    substance = filter_pickers.PickByName(
        field_name="substance__code",
        label=_("Substance"),
        options=filter_pickers.substances,
        help_text=_("For example METH, KET, CANN."),
    )
    seizure = django_filters.CharFilter(
        field_name="seizure__reference", lookup_expr="iexact", label=_("Seizure reference")
    )
    eligible = django_filters.BooleanFilter(
        method="filter_eligible",
        widget=yes_no(),
        label=_("Eligible for disposal"),
        help_text=_("Every defendant linked to the seizure has a final outcome."),
    )
    discrepancy = django_filters.ChoiceFilter(
        method="filter_discrepancy",
        choices=[
            (OPEN, _("has an open weight discrepancy")),
            (NONE_OPEN, _("no open weight discrepancy")),
        ],
        label=_("Weight discrepancy"),
    )

    class Meta:
        model = Exhibit
        fields = [
            "q",
            "store",
            "in_transit_to",
            "status",
            "substance",
            "seizure",
            "eligible",
            "discrepancy",
            "org_unit",
        ]

    def filter_eligible(
        self, queryset: QuerySet[Exhibit], name: str, value: bool | None
    ) -> QuerySet[Exhibit]:
        if value is None:
            return queryset
        chosen = eligibility.eligible(Exhibit._base_manager.all()).values("pk")
        return queryset.filter(pk__in=chosen) if value else queryset.exclude(pk__in=chosen)

    def filter_discrepancy(
        self, queryset: QuerySet[Exhibit], name: str, value: str
    ) -> QuerySet[Exhibit]:
        if not value:
            return queryset
        open_ = Exists(
            WeightDiscrepancy._base_manager.filter(
                exhibit=OuterRef("pk"), status=DiscrepancyStatus.OPEN
            )
        )
        return queryset.filter(open_) if value == OPEN else queryset.exclude(open_)


class EvidenceStoreFilterSet(BaseFilterSet):
    search_fields = ("code", "name", "name_km", "address")

    kind = django_filters.ChoiceFilter(choices=StoreKind.choices, label=_("Kind"))
    agency = filter_pickers.PickByName(
        field_name="agency__code", label=_("Agency"), options=filter_pickers.agencies
    )
    holds_drugs = django_filters.BooleanFilter(label=_("Holds drugs"), widget=yes_no())
    active = django_filters.BooleanFilter(label=_("Active"), widget=yes_no())

    class Meta:
        model = EvidenceStore
        fields = ["q", "kind", "agency", "holds_drugs", "active", "org_unit"]


class StoreLocationFilterSet(BaseFilterSet):
    search_fields = ("code", "description")

    store = filter_pickers.PickByName(
        field_name="store__code", label=_("Store"), options=filter_pickers.evidence_stores
    )
    active = django_filters.BooleanFilter(label=_("Active"), widget=yes_no())

    class Meta:
        model = StoreLocation
        fields = ["q", "store", "active", "org_unit"]
