"""The form that seals a package of a seizure's items (or property) and takes it into a store.

The same form serves every package of a seizure: one item split into several packages is
sealed by using it once per package, each with its own net quantity.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sahakar.core.numbers import LocalDecimalField
from sahakar.core.users import AnyUser
from sahakar.evidence import photos
from sahakar.evidence.models import EvidenceStore, StoreLocation
from sahakar.evidence.models.stores import stores_in_custody_of
from sahakar.seizures.models import Seizure
from sahakar.substances.choices import Unit

NOT_OF_SEIZURE = _("Item %(value)s is not an item of this seizure.")


class PartChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value: Any) -> Any:
        # Django names a value that is not an id "pk" (invalid_pk_value), one that is not
        # among the choices "value" (invalid_choice): both say the same here, with "value".
        try:
            return super().clean(value)
        except ValidationError as exc:
            if exc.code != "invalid_pk_value":
                raise
            params = {"value": (exc.params or {}).get("pk", "")}
            raise ValidationError(NOT_OF_SEIZURE, code="invalid_choice", params=params) from exc

    def label_from_instance(self, obj: Any) -> str:
        text = getattr(obj, "quantity_text", None)
        described = obj.description if hasattr(obj, "description") else ""
        if text is not None:
            return f"{obj.substance} ({obj.get_form_display()}): {text}"
        return f"{obj.get_kind_display()}: {described or '—'} ({obj.count})"


class LocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.store.code} / {obj.code} {obj.description}".strip()


class ExhibitIntakeForm(forms.Form):
    items = PartChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Drug items in this package"),
        help_text=_("One substance in one form. Seal a large item as several packages."),
        error_messages={"invalid_choice": NOT_OF_SEIZURE, "invalid_pk_value": NOT_OF_SEIZURE},
    )
    property_items = PartChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Other property in this package"),
        error_messages={"invalid_choice": NOT_OF_SEIZURE, "invalid_pk_value": NOT_OF_SEIZURE},
    )
    holds_part = forms.BooleanField(
        label=_("This package holds part of the items; other packages hold the rest"),
        required=False,
        help_text=_("Its weight is then not compared with the field count of the whole item."),
    )
    seal_number = forms.CharField(label=_("Seal number"), max_length=60)
    description = forms.CharField(label=_("Description"), max_length=300)
    store = forms.ModelChoiceField(
        queryset=EvidenceStore.objects.none(),
        label=_("Store"),
        help_text=_("The stores you are a custodian of."),
    )
    location = LocationChoiceField(queryset=None, required=False, label=_("Location"))
    gross_weight_g = LocalDecimalField(
        label=_("Gross sealed weight (g)"), max_digits=14, decimal_places=3, required=False
    )
    net_quantity = LocalDecimalField(
        label=_("Net quantity"),
        max_digits=14,
        decimal_places=3,
        required=False,
        help_text=_("This package's own net quantity."),
    )
    net_unit = forms.ChoiceField(
        label=_("Unit"), choices=[("", "—"), *Unit.choices], required=False
    )
    received_at = forms.DateTimeField(
        label=_("Time of intake"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    photo = forms.FileField(
        label=_("Photo of the sealed package"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args: Any, seizure: Seizure, user: AnyUser | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seizure = seizure
        stores = stores_in_custody_of(user).filter(active=True).select_related("agency")
        fields: Any = self.fields
        fields["items"].queryset = seizure.items.select_related("substance")
        fields["property_items"].queryset = seizure.property.all()
        fields["store"].queryset = stores
        fields["location"].queryset = StoreLocation.objects.filter(
            store__in=stores, active=True
        ).select_related("store")

    def clean_photo(self) -> Any:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        try:
            return photos.check_photo(upload)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["photo"]) from exc
