"""The campaign form and the audience counts edited with it on the same page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from sahakar.core.forms import BaseModelForm
from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.prevention.services import validate_partners

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(BaseModelForm):
    class Meta:
        model = Campaign
        fields = [
            "title",
            "kind",
            "organiser",
            "partners",
            "starts_on",
            "ends_on",
            "org_unit",
            "place",
            "materials",
            "materials_quantity",
            "key_message",
        ]
        widgets = {
            "starts_on": _DATE,
            "ends_on": _DATE,
            "materials_quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "key_message": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            validate_partners(cleaned.get("organiser"), cleaned.get("partners") or [])
        except ValidationError as exc:
            self.add_error(None, exc)
        return cleaned


class AudienceCountForm(BaseModelForm):
    class Meta:
        model = AudienceCount
        fields = ["sex", "age_group", "count"]
        widgets = {"count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})}


class AudienceFormSet(BaseInlineFormSet):
    """One row per sex and age group counted; rows left blank are ignored."""

    title = _("Audience by sex and age group")

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("form_kwargs", {})["user"] = user
        super().__init__(*args, **kwargs)

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


def audience_formset(editing: bool) -> type[AudienceFormSet]:
    """Two empty rows on a new campaign (female and male, typically); on an edit, the
    recorded rows, each removable, and one empty row."""
    return inlineformset_factory(  # type: ignore[return-value]
        Campaign,
        AudienceCount,
        form=AudienceCountForm,
        formset=AudienceFormSet,
        extra=1 if editing else 2,
        can_delete=editing,
    )
