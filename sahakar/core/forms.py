"""Form bases: jurisdiction-limited choices, optimistic versioning, one renderer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

from sahakar.core import permissions
from sahakar.geo.models import OrgUnit


class FormRenderer(TemplatesSetting):
    """Every form renders through core/forms/*.html (labels, help, errors next to the field)."""

    form_template_name = "core/forms/div.html"
    formset_template_name = "core/forms/formset.html"
    field_template_name = "core/forms/field.html"


def org_unit_label(unit: OrgUnit) -> str:
    return "\u2003" * max(unit.level - 1, 0) + unit.name


def limit_choices(form: forms.BaseForm, user: Any) -> None:
    """Offer only what the user may pick (core.permissions.choices_for)."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            model = getattr(getattr(form, "_meta", None), "model", None)
            field.queryset = permissions.choices_for(field.queryset, user, for_model=model)
            if field.queryset.model is OrgUnit:
                field.label_from_instance = org_unit_label  # type: ignore[method-assign,assignment]


class BaseModelForm(forms.ModelForm):
    """A model form for a BaseModel record; the view passes the signed-in user."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        limit_choices(self, user)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def save(self, commit: bool = True) -> Any:
        expected = self.cleaned_data.get("expected_version")
        if self.instance.pk is not None and expected is not None:
            self.instance.version = expected  # the save fails with StaleWrite if it moved on
        return super().save(commit)
