from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sahakar.accounts.acting import acting_agency_error, prefill_own_agency
from sahakar.core.forms import BaseModelForm
from sahakar.core.times import local_text
from sahakar.geo.models import OrgUnit
from sahakar.operations.models import Inspection, Operation
from sahakar.operations.services import validate_target_venues
from sahakar.venues.models import Venue

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OperationForm(BaseModelForm):
    now_fields = ("planned_start",)

    class Meta:
        model = Operation
        fields = [
            "title",
            "kind",
            "lead_agency",
            "participating_agencies",
            "commander",
            "legal_authority",
            "org_unit",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "target_venues",
            "summary",
        ]
        widgets = {
            "planned_start": _DATETIME,
            "planned_end": _DATETIME,
            "actual_start": _DATETIME,
            "actual_end": _DATETIME,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prefill_own_agency(self, "lead_agency")
        operation = self.instance
        if operation.pk is not None:
            # A participating agency may edit a joint operation held elsewhere: what the
            # operation already holds stays on offer, so saving it never silently drops it.
            org_units: Any = self.fields["org_unit"]
            org_units.queryset = org_units.queryset | OrgUnit.objects.filter(
                pk=operation.org_unit_id
            )
            venues: Any = self.fields["target_venues"]
            venues.queryset = venues.queryset | Venue.objects.filter(
                pk__in=operation.target_venues.values("pk")
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        refusal = acting_agency_error(
            self.user,
            self.instance,
            "lead_agency",
            cleaned.get("lead_agency"),
            participants=cleaned.get("participating_agencies") or [],
        )
        if refusal:
            self.add_error("lead_agency", refusal)
        venues = cleaned.get("target_venues")
        if venues:
            try:
                validate_target_venues(cleaned.get("org_unit"), venues)
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


class OperationStatusForm(forms.Form):
    """The status buttons' form: the next status and when that actually happened."""

    status = forms.CharField(required=False)
    at = forms.DateTimeField(
        label=_("Actual time"),
        required=False,
        widget=_DATETIME,
        help_text=_("When it actually happened; leave as is for now."),
    )
    version = forms.IntegerField(required=False, min_value=1)


class InspectionForm(BaseModelForm):
    """An inspection of one venue, for the operation named by the page (never by the form)."""

    now_fields = ("inspected_at",)

    class Meta:
        model = Inspection
        fields = ["venue", "inspected_at", "result", "persons_checked", "notes"]
        widgets = {"inspected_at": _DATETIME}

    def __init__(self, *args: Any, operation: Operation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.operation = operation
        # Set before validation, so the model's clean() checks the time and the venue
        # against this operation and its errors land next to those fields.
        self.instance.operation = operation
        venues: Any = self.fields["venue"]
        # The venues the user may see, plus the operation's own targets (a joint operation's
        # venues may lie outside a participating agency's jurisdiction).
        offered = venues.queryset | Venue.objects.filter(
            pk__in=operation.target_venues.values("pk")
        )
        if self.instance.venue_id is not None:
            offered = offered | Venue.objects.filter(pk=self.instance.venue_id)
        venues.queryset = offered
        window = operation.window()
        if window is None:
            self.fields["inspected_at"].help_text = _(
                "The operation is still planned: start it before recording inspections."
            )
        else:
            start, end = window
            self.fields["inspected_at"].help_text = _("Between %(start)s and %(end)s.") % {
                "start": local_text(start),
                "end": local_text(end) if end else _("the end of the operation"),
            }
