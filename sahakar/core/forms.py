"""Form bases: jurisdiction-limited choices, optimistic versioning, one renderer."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.models import BaseInlineFormSet
from django.forms.renderers import TemplatesSetting
from django.forms.utils import ErrorDict
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions, text
from sahakar.core.numbers import LocalDecimalField
from sahakar.core.pickers import RemotePicker
from sahakar.core.prefill import prefill_known
from sahakar.core.users import AnyUser
from sahakar.core.writes import expect_version
from sahakar.geo.models import OrgUnit


class MarkedBoundField(BoundField):
    """A required field says so to assistive technology (aria-required), in every form and
    formset row (Django leaves out `required` in formsets); its label shows a mark
    (core/forms/field.html)."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if self.field.required and not widget.is_hidden and not self._is_choice_group(widget):
            attrs["aria-required"] = "true"
        return attrs

    def label_tag(
        self, contents: Any = None, attrs: Any = None, label_suffix: Any = None, tag: Any = None
    ) -> SafeString:
        label = super().label_tag(contents, attrs, label_suffix, tag)
        if not self.field.required or not label:
            return label
        closing = f"</{tag or 'label'}>"
        mark = '<span class="required-mark" aria-hidden="true"> *</span>'
        return mark_safe(label.replace(closing, mark + closing))  # noqa: S308  # our markup

    @staticmethod
    def _is_choice_group(widget: Any) -> bool:
        return isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


class FormRenderer(TemplatesSetting):
    """Every form renders through core/forms/*.html (labels, help, errors next to the field)."""

    bound_field_class = MarkedBoundField
    form_template_name = "core/forms/div.html"
    formset_template_name = "core/forms/formset.html"
    field_template_name = "core/forms/field.html"


def org_unit_label(unit: OrgUnit) -> str:
    return "\u2003" * max(unit.level - 1, 0) + unit.name


# Lists picked by typing (core/pickers.py): short ones carry their options, big ones search.
LOCAL_PICKERS = frozenset({"geo.OrgUnit", "agencies.Agency"})
REMOTE_PICKERS = {"venues.Venue": "venues:lookup"}


def limit_choices(form: forms.BaseForm, user: AnyUser | None) -> None:
    """Offer only what the user may pick (core.permissions.choices_for), in a picker."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
            model = getattr(getattr(form, "_meta", None), "model", None)
            field.queryset = permissions.choices_for(field.queryset, user, for_model=model)
            if field.queryset.model is OrgUnit:
                field.label_from_instance = org_unit_label  # type: ignore[method-assign,assignment]
            use_picker(field)


def use_picker(field: forms.ModelChoiceField[Any]) -> None:
    """Make a model choice's drop-down searchable; a big table's searches the server."""
    widget = field.widget
    if type(widget) not in (forms.Select, forms.SelectMultiple):
        return  # check boxes, radio buttons and pickers already chosen stay as they are
    queryset: Any = field.queryset
    label = queryset.model._meta.label
    if label in REMOTE_PICKERS and type(widget) is forms.Select:
        field.widget = RemotePicker(REMOTE_PICKERS[label], attrs=widget.attrs)
        field.widget.choices = field.choices
    elif label in LOCAL_PICKERS | set(REMOTE_PICKERS):
        widget.attrs["data-picker"] = "local"


MISSING_VERSION = _(
    "This form was sent without the version of the record it was based on, so nothing was "
    "saved. Open the record again and make your changes there."
)


class BaseModelForm(forms.ModelForm[Any]):
    """A model form for a BaseModel record; the view passes the signed-in user.

    Decimal fields read numbers as the page writes them (core/numbers.py: "2,5" on the
    Khmer pages), in text inputs, never `type=number`, which would drop the comma.

    A new record's form is filled with what is known (core/prefill.py): the time now for
    the fields in `now_fields`, the user's one jurisdiction for `org_unit`.

    An edit must send back the `expected_version` the form was rendered with (a hidden
    field): without it, concurrent edits would silently overwrite one another.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Times a new record starts at now (core/prefill.py).
    now_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: AnyUser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        limit_choices(self, user)
        prefill_known(self)
        self._announce_text_limits()
        for name, field in self.fields.items():
            if isinstance(field, forms.DecimalField) and not isinstance(field, LocalDecimalField):
                self.fields[name] = LocalDecimalField.replacing(field)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def _announce_text_limits(self) -> None:
        """Free-text boxes tell the browser their maximum length (the model enforces it)."""
        model: Any = self._meta.model
        for field in model._meta.concrete_fields:
            if isinstance(field, models.TextField) and field.name in self.fields:
                limits = getattr(model, "text_limits", {})
                limit = limits.get(field.name, text.DEFAULT_TEXT_LIMIT)
                self.fields[field.name].widget.attrs.setdefault("maxlength", str(limit))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        missing = cleaned.get("expected_version") is None and "expected_version" not in self.errors
        if self.instance.pk is not None and missing:
            raise forms.ValidationError(MISSING_VERSION, code="missing_version")
        return cleaned

    def save(self, commit: bool = True) -> Any:
        expected = self.cleaned_data.get("expected_version")
        if self.instance.pk is not None:
            expect_version(self.instance, expected)
        return super().save(commit)


_Form = TypeVar("_Form", bound=forms.BaseForm)


def show_as_typed(form: _Form) -> _Form:
    """A bound form to show again as it was typed, without checking it: the user asked for
    something else on the page (a search), not to save. Its values are validated when saved."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]  # Django's own cache of errors
    form.cleaned_data = {}
    return form


def formset_rows(
    formset: BaseInlineFormSet[Any, Any, Any], *, ids: bool = True
) -> list[dict[str, Any]]:
    """A validated inline formset as the rows a service writes (what the API sends too):
    every recorded row not marked for removal and every new row filled in, left out rows
    being the ones to remove. The values are those the model validated (form.instance);
    `ids` adds each recorded row's "id" for services that match rows by id."""
    rows = []
    removed = formset.deleted_forms
    for form in formset.forms:
        recorded = form.instance.pk is not None
        if form in removed:
            continue
        if not recorded and not form.has_changed():
            continue
        names = [name for name in form._meta.fields or () if name != formset.fk.name]
        row = {name: getattr(form.instance, name) for name in names}
        if ids and recorded:
            row["id"] = form.instance.pk
        rows.append(row)
    return rows
