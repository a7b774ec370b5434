from django import forms

from sahakar.core.forms import BaseModelForm
from sahakar.seizures.models import Seizure


class SeizureForm(BaseModelForm):
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
        }
