"""The evidence store form and its locations, edited on one page."""

from __future__ import annotations

from typing import Any

from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from sahakar.core.forms import BaseModelForm
from sahakar.evidence.models import EvidenceStore, StoreLocation


class EvidenceStoreForm(BaseModelForm):
    class Meta:
        model = EvidenceStore
        fields = [
            "code",
            "name",
            "name_km",
            "kind",
            "agency",
            "org_unit",
            "holds_drugs",
            "address",
            "active",
        ]


class StoreLocationForm(BaseModelForm):
    class Meta:
        model = StoreLocation
        fields = ["code", "description", "active"]


class LocationFormSet(BaseInlineFormSet):
    """Locations are kept once used: one no longer in use is marked inactive, not removed."""

    title = _("Locations")


def location_formset(data: Any, instance: EvidenceStore, user: Any) -> Any:
    formset_class = inlineformset_factory(
        EvidenceStore,
        StoreLocation,
        form=StoreLocationForm,
        formset=LocationFormSet,
        fields=["code", "description", "active"],
        extra=1,
        can_delete=False,
    )
    return formset_class(data, instance=instance, prefix="locations", form_kwargs={"user": user})
