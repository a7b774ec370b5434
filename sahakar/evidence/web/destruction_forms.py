"""The destruction page's forms: the record, the witnesses, and a weight per exhibit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sahakar.agencies.models import Agency
from sahakar.core import permissions
from sahakar.core.forms import org_unit_label
from sahakar.core.numbers import LocalDecimalField
from sahakar.core.users import AnyUser
from sahakar.evidence.choices import ExhibitStatus, StoreKind
from sahakar.evidence.models import DestructionBatch, EvidenceStore, Exhibit
from sahakar.evidence.models.stores import stores_in_custody_of
from sahakar.geo.models import OrgUnit
from sahakar.substances.choices import UNITS_FOR_FORM, Unit

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def sites_kept_by(user: AnyUser | None) -> QuerySet[EvidenceStore]:
    """The destruction sites the user is a custodian of."""
    return stores_in_custody_of(user).filter(kind=StoreKind.DESTRUCTION_SITE, active=True)


def ready_at(sites: QuerySet[EvidenceStore]) -> QuerySet[Exhibit]:
    """Approved exhibits held at these sites, waiting to be destroyed."""
    return (
        Exhibit.objects.filter(
            store__in=sites, status=ExhibitStatus.HELD, disposal_approval__isnull=False
        )
        .select_related("seizure", "substance", "store", "disposal_approval")
        .order_by("reference")
    )


class ExhibitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.reference} · {obj.seal_number} · {obj.description}"


class DestructionForm(forms.Form):
    site = forms.ModelChoiceField(EvidenceStore.objects.none(), label=_("Destruction site"))
    destroyed_at = forms.DateTimeField(label=_("Time of destruction"), widget=_DATETIME)
    org_unit = forms.ModelChoiceField(OrgUnit.objects.all(), label=_("Org unit"))
    place = forms.CharField(label=_("Place"), max_length=300)
    method = forms.CharField(
        label=_("Method"), max_length=200, help_text=_("For example: incineration at 1,000 °C.")
    )
    order_references = forms.CharField(
        label=_("Order references"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    committee_members = forms.CharField(
        label=_("Committee members"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: name, position, agency."),
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    exhibits = ExhibitChoice(
        Exhibit.objects.none(), label=_("Exhibits destroyed"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, user: AnyUser | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sites = sites_kept_by(user)
        site_field: Any = self.fields["site"]
        site_field.queryset = sites
        units: Any = self.fields["org_unit"]
        units.queryset = permissions.choices_for(OrgUnit.objects.all(), user, DestructionBatch)
        units.label_from_instance = org_unit_label
        self.candidates = list(ready_at(sites))
        chosen: Any = self.fields["exhibits"]
        chosen.queryset = ready_at(sites)
        for exhibit in self.candidates:
            units_for = UNITS_FOR_FORM.get(exhibit.form, frozenset(Unit.values))
            self.fields[f"weight_{exhibit.pk}"] = LocalDecimalField(
                label=_("Net weight of %(exhibit)s at destruction") % {"exhibit": exhibit},
                max_digits=14,
                decimal_places=3,
                required=False,
            )
            self.fields[f"unit_{exhibit.pk}"] = forms.ChoiceField(
                label=_("Unit"),
                choices=[(u.value, u.label) for u in Unit if u.value in units_for],
                initial=exhibit.net_unit,
                required=False,
            )

    def rows(self) -> list[dict[str, Any]]:
        """Each candidate with its checkbox state and weight fields, for the template."""
        data: Any = self.data
        chosen = {str(v) for v in (data.getlist("exhibits") if self.is_bound else [])}
        return [
            {
                "exhibit": exhibit,
                "checked": str(exhibit.pk) in chosen,
                "weight": self[f"weight_{exhibit.pk}"],
                "unit": self[f"unit_{exhibit.pk}"],
            }
            for exhibit in self.candidates
        ]

    def weights(self) -> dict[int, tuple[Decimal, str]]:
        """The weights given for the chosen exhibits (in the exhibit's unit unless another
        is chosen)."""
        found = {}
        for exhibit in self.cleaned_data["exhibits"]:
            quantity = self.cleaned_data.get(f"weight_{exhibit.pk}")
            if quantity is not None:
                unit = self.cleaned_data.get(f"unit_{exhibit.pk}") or exhibit.net_unit
                found[exhibit.pk] = (quantity, unit)
        return found


class WitnessForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    agency = forms.ModelChoiceField(Agency.objects.all(), label=_("Agency"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("name") and not cleaned.get("agency"):
            self.add_error("agency", _("Give the witness's agency."))
        if cleaned.get("agency") and not cleaned.get("name"):
            self.add_error("name", _("Give the witness's name."))
        return cleaned


class BaseWitnessFormSet(forms.BaseFormSet):
    title = _("Witnesses")

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "name": form.cleaned_data.get("name", ""),
                "position": form.cleaned_data.get("position", ""),
                "agency": form.cleaned_data.get("agency"),
            }
            for form in self.forms
            if form.cleaned_data.get("name") or form.cleaned_data.get("agency")
        ]


WitnessFormSet = forms.formset_factory(
    WitnessForm, formset=BaseWitnessFormSet, extra=3, max_num=20, validate_max=True
)
