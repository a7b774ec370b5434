"""The arrest form, the inline new-person form, and the extension, outcome and correction
forms."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sahakar.accounts.acting import acting_agency_error, prefill_own_agency
from sahakar.arrests.choices import CorrectedTime, CustodyOutcomeKind
from sahakar.arrests.models import Arrest, Offence
from sahakar.core.forms import BaseModelForm
from sahakar.core.pickers import ReferencePicker
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _offence_label(offence: Offence) -> str:
    return f"{offence.title} ({offence.get_offence_class_display()})"


class ArrestForm(BaseModelForm):
    """An arrest's facts. The person is chosen on the page (create) or fixed (edit); seizures
    are named by their references, looked up among the seizures the user may see (a picker
    searches them by reference or place)."""

    now_fields = ("arrested_at", "arrived_at")

    seizure_references = forms.CharField(
        label=_("Seizures"),
        required=False,
        widget=ReferencePicker("seizures:lookup"),
        help_text=_(
            "Search by reference or place, or type the references, e.g. SZ-PP-2026-00042, "
            "separated by commas or spaces."
        ),
    )

    class Meta:
        model = Arrest
        fields = [
            "arrested_at",
            "arrived_at",
            "org_unit",
            "venue",
            "place_description",
            "arresting_agency",
            "operation",
            "offences",
            "suspect_role",
            "drug_test",
            "prosecutor_informed_at",
            "notes",
        ]
        widgets = {
            "arrested_at": _DATETIME,
            "arrived_at": _DATETIME,
            "prosecutor_informed_at": _DATETIME,
            "offences": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "arrested_at": _("Local time."),
            "offences": _("The custody rule of the gravest offence sets the deadline."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prefill_own_agency(self, "arresting_agency")
        if self.instance.pk is not None:
            # Once recorded, these times change only by a reasoned correction (CorrectionForm).
            for name in CorrectedTime.values:
                self.fields.pop(name, None)
        offences: Any = self.fields["offences"]
        offences.label_from_instance = _offence_label
        self.visible_seizures = Seizure.objects.restrict(self.user)
        arrest = self.instance
        if arrest.pk is not None and not self.is_bound:
            self.initial["seizure_references"] = " ".join(
                self.visible_seizures.filter(arrests=arrest).values_list("reference", flat=True)
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        refusal = acting_agency_error(
            self.user,
            self.instance,
            "arresting_agency",
            cleaned.get("arresting_agency"),
            operation=cleaned.get("operation"),
        )
        if refusal:
            self.add_error("arresting_agency", refusal)
        return cleaned

    def clean_seizure_references(self) -> list[Seizure]:
        wanted = [
            ref.upper()
            for ref in re.split(r"[\s,;]+", self.cleaned_data["seizure_references"])
            if ref
        ]
        found = {s.reference: s for s in self.visible_seizures.filter(reference__in=wanted)}
        unknown = [ref for ref in wanted if ref not in found]
        if unknown:
            raise forms.ValidationError(
                _("No seizure %(references)s among the seizures you can see.")
                % {"references": ", ".join(unknown)}
            )
        return list(dict.fromkeys(found[ref] for ref in wanted))

    def arrest_fields(self) -> dict[str, Any]:
        """The arrest's own field values, as services.record_arrest and update_arrest take them."""
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields or []
            if name not in {"offences"} and name in self.cleaned_data
        }


class NewPersonForm(BaseModelForm):
    """A person not yet in the record, created with the arrest (in the arrest's org unit)."""

    prefix = "new_person"

    class Meta:
        model = Person
        fields = [
            "name_km",
            "name_latin",
            "sex",
            "birth_year",
            "nationality",
            "document_type",
            "document_number",
        ]


class ExtensionForm(forms.Form):
    granted_at = forms.DateTimeField(
        label=_("Granted at"),
        widget=_DATETIME,
        help_text=_("When the prosecutor signed the order."),
    )
    hours = forms.IntegerField(label=_("Hours"), min_value=1)
    order_reference = forms.CharField(label=_("Prosecutor's order reference"), max_length=100)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the order states it; it is kept in the file."),
    )


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Outcome"), choices=CustodyOutcomeKind.choices, widget=forms.RadioSelect
    )
    decided_at = forms.DateTimeField(label=_("Time"), widget=_DATETIME)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a release."),
    )
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=100,
        help_text=_("Referral receipt, release order or treatment centre admission number."),
    )


class CorrectionForm(forms.Form):
    """A correction of the time of arrest or of arrival at the unit, with its reason."""

    arrested_at = forms.DateTimeField(label=_("Time of arrest"), widget=_DATETIME, required=False)
    arrived_at = forms.DateTimeField(
        label=_("Arrival at the unit"),
        widget=_DATETIME,
        required=False,
        help_text=_("The custody clock starts here: the deadline is computed again."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the arrest and shown in its history, with your name."),
    )
