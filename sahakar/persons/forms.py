from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.core.forms import BaseModelForm
from sahakar.persons.models import Person


class PersonForm(BaseModelForm):
    class Meta:
        model = Person
        fields = [
            "name_km",
            "name_latin",
            "alias",
            "sex",
            "date_of_birth",
            "birth_year",
            "nationality",
            "document_type",
            "document_number",
            "org_unit",
            "notes",
        ]
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"})}


class CandidateSearchForm(forms.Form):
    """What is known of a person about to be recorded: the likely duplicates page's query."""

    name_latin = forms.CharField(label=_("Name (Latin letters)"), max_length=200, required=False)
    name_km = forms.CharField(label=_("Name (Khmer script)"), max_length=200, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=60, required=False)

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not 1900 <= year <= this_year:
            raise forms.ValidationError(
                _("The year of birth must be between 1900 and %(year)s.") % {"year": this_year}
            )
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f) for f in ("name_latin", "name_km", "document_number")):
            raise forms.ValidationError(
                _("Give a name in either script, or a document number."), code="empty"
            )
        return cleaned


class MergeForm(forms.Form):
    """The confirmation of a merge, carrying the versions the user compared."""

    into = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    into_version = forms.IntegerField(widget=forms.HiddenInput)
