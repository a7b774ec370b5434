"""Forms, filters and the table of the inventory and custodian pages."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sahakar.core import filter_pickers
from sahakar.core.filtersets import ValidatedFilterSet
from sahakar.evidence.choices import InventoryKind
from sahakar.evidence.models import EvidenceStore, Inventory, StoreLocation

CODE_MAX = 300  # a label's QR payload (a URL) or a typed exhibit number


def _store_label(store: EvidenceStore) -> str:
    return f"{store.code} · {store.name}"


class InventoryStartForm(forms.Form):
    store = forms.ModelChoiceField(label=_("Store"), queryset=EvidenceStore.objects.none())
    kind = forms.ChoiceField(
        label=_("Inventory"),
        choices=InventoryKind.choices,
        initial=InventoryKind.FULL,
        widget=forms.RadioSelect,
        help_text=_(
            "A full inventory counts every exhibit the store holds; only a full inventory "
            "allows a change of custodian. A sample checks a random selection."
        ),
    )
    sample_size = forms.IntegerField(
        label=_("Sample size"),
        required=False,
        min_value=1,
        help_text=_("For a sample: how many exhibits to check."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Annual audit, change of custodian, spot check…"),
    )

    def __init__(self, *args: Any, stores: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["store"]
        field.queryset = stores
        field.label_from_instance = _store_label


class ScanForm(forms.Form):
    code = forms.CharField(
        label=_("Exhibit number or label"),
        max_length=CODE_MAX,
        help_text=_("Scan the label's QR code, or type the exhibit number (EX-…) and press Enter."),
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "enterkeyhint": "done",
                "data-scan-target": "",
            }
        ),
    )
    location = forms.ModelChoiceField(
        label=_("Found at"),
        queryset=StoreLocation.objects.none(),
        required=False,
        empty_label=_("— not noted —"),
        help_text=_("The shelf or safe you are counting; it stays chosen for the next scans."),
    )

    def __init__(self, *args: Any, store: EvidenceStore, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["location"]
        field.queryset = StoreLocation.objects.filter(store=store, active=True).order_by("code")
        field.label_from_instance = lambda location: location.code


class ConfirmForm(forms.Form):
    """A confirmation: the page says what will happen; the button does it."""


class CustodianAssignForm(forms.Form):
    store = forms.ModelChoiceField(label=_("Store"), queryset=EvidenceStore.objects.none())
    username = forms.CharField(
        label=_("User"),
        max_length=150,
        help_text=_("The user name of the new custodian, as they sign in."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, stores: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["store"]
        field.queryset = stores
        field.label_from_instance = _store_label


class InventoryFilterSet(ValidatedFilterSet):
    store = filter_pickers.PickByNumber(
        field_name="store_id", label=_("Store"), options=filter_pickers.inventory_stores
    )
    kind = django_filters.ChoiceFilter(choices=InventoryKind.choices, label=_("Inventory"))
    open = django_filters.BooleanFilter(
        field_name="closed_at", lookup_expr="isnull", label=_("Still open")
    )

    class Meta:
        model = Inventory
        fields = ["store", "kind", "open"]


class InventoryTable(tables.Table):
    started_at = tables.DateTimeColumn(format="Y-m-d H:i", linkify=True)
    store = tables.Column(accessor="store__code", verbose_name=capfirst(_("store")))
    closed_at = tables.DateTimeColumn(format="Y-m-d H:i", default=_("open"))

    class Meta:
        model = Inventory
        fields = [
            "started_at",
            "store",
            "kind",
            "closed_at",
            "expected_count",
            "found_count",
            "misplaced_count",
            "missing_count",
            "unexpected_count",
        ]
        empty_text = _("No inventories yet.")
