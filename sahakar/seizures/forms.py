"""The seizure form and the item and property formsets edited on the same page."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from sahakar.accounts.acting import acting_agency_error, prefill_own_agency
from sahakar.core.forms import BaseModelForm
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.seizures.usual import large_quantity_warning
from sahakar.substances.choices import UNITS_FOR_FORM, units_for

# A seizure is a confiscation of drugs: it always has at least one drug item. Property (cash,
# vehicles, phones) is recorded with the drugs it was seized with, never on its own.
MIN_ITEMS = 1
NO_ITEMS = _("Record at least one drug item; property is recorded with the drugs seized.")


class SeizureForm(BaseModelForm):
    now_fields = ("seized_at",)

    class Meta:
        model = Seizure
        fields = [
            "seized_at",
            "org_unit",
            "venue",
            "place_description",
            "seizing_agency",
            "operation",
            "notes",
        ]
        widgets = {
            "seized_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prefill_own_agency(self, "seizing_agency")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        refusal = acting_agency_error(
            self.user,
            self.instance,
            "seizing_agency",
            cleaned.get("seizing_agency"),
            operation=cleaned.get("operation"),
        )
        if refusal:
            self.add_error("seizing_agency", refusal)
        return cleaned


def offer_fitting_choices(form: forms.BaseForm) -> None:
    """Substances by all their names; what fits each, for static/sahakar/substance-fit.js to
    narrow the form and unit choices as a substance and a form are picked. Without the
    script all choices stay and the model's refusal names what fits."""
    field: Any = form.fields["substance"]
    field.label_from_instance = lambda substance: substance.picker_label()
    attrs = field.widget.attrs
    attrs["data-substance-forms"] = json.dumps({str(s.pk): s.forms for s in field.queryset})
    attrs["data-form-units"] = json.dumps({f: units_for(f) for f in UNITS_FOR_FORM})


def as_typed(value: Decimal) -> Decimal:
    """The stored 2000.000 as 2000 and 1.500 as 1.5 (never 2E+3), for an input to show."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


class SeizureItemForm(BaseModelForm):
    """One drug item. What is needed to count it comes first; the rest folds away on a phone
    (seizures/forms/item.html) and opens by itself when one of those fields has an error."""

    template_name = "seizures/forms/item.html"
    essential_fields = ("substance", "form", "quantity", "unit", "confirm_large_quantity", "DELETE")

    # Shown only when the quantity is unusually large (seizures/usual.py).
    confirm_large_quantity = forms.BooleanField(
        label=_("Confirm this quantity"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = SeizureItem
        fields = [
            "substance",
            "form",
            "quantity",
            "unit",
            "markings",
            "packaging",
            "concealment",
            "origin_country",
            "transit_countries",
            "destination_country",
            "transport",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:  # 2000 as recorded, not the stored 2000.000
            self.initial["quantity"] = as_typed(self.instance.quantity)
        offer_fitting_choices(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("confirm_large_quantity"):
            return cleaned
        warning = large_quantity_warning(
            self.user,
            substance=cleaned.get("substance"),
            form=cleaned.get("form", ""),
            quantity=cleaned.get("quantity"),
            unit=cleaned.get("unit", ""),
            before=self.instance if self.instance.pk is not None else None,
        )
        if warning:
            self.fields["confirm_large_quantity"].widget = forms.CheckboxInput()
            self.add_error("quantity", warning)
        return cleaned

    def essentials(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if f.name in self.essential_fields]

    def details(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if f.name not in self.essential_fields]

    def details_have_errors(self) -> bool:
        return any(field.errors for field in self.details())


class SeizedPropertyForm(BaseModelForm):
    class Meta:
        model = SeizedProperty
        fields = ["kind", "description", "count", "value", "currency"]
        widgets = {
            "currency": forms.TextInput(attrs={"size": 3, "autocapitalize": "characters"}),
        }
        help_texts = {"currency": _("Three-letter code, e.g. KHR, USD, THB.")}


class PartFormSet(BaseInlineFormSet):
    """Passes the signed-in user to every row, so its choices are limited like the main form."""

    title: Any = ""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("form_kwargs", {})["user"] = user
        super().__init__(*args, **kwargs)

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


class ItemFormSet(PartFormSet):
    title = _("Drug items")
    default_error_messages = {"too_few_forms": NO_ITEMS}


class PropertyFormSet(PartFormSet):
    title = _("Other property seized")


def item_formset(editing: bool) -> type[ItemFormSet]:
    """One row to fill on a new seizure; on an edit, the recorded items, each removable."""
    return inlineformset_factory(  # type: ignore[return-value]
        Seizure,
        SeizureItem,
        form=SeizureItemForm,
        formset=ItemFormSet,
        extra=0,
        min_num=MIN_ITEMS,
        validate_min=True,
        can_delete=editing,
    )


def property_formset(editing: bool) -> type[PropertyFormSet]:
    """No row until "Add another" is pressed: most seizures have no other property."""
    return inlineformset_factory(  # type: ignore[return-value]
        Seizure,
        SeizedProperty,
        form=SeizedPropertyForm,
        formset=PropertyFormSet,
        extra=0,
        can_delete=editing,
    )
