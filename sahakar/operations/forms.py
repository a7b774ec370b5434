from django import forms

from sahakar.core.forms import BaseModelForm
from sahakar.operations.models import Operation

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OperationForm(BaseModelForm):
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
