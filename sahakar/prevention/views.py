from __future__ import annotations

from typing import Any

from django.db.models import Model

from sahakar.core.forms import formset_rows
from sahakar.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView
from sahakar.prevention import services
from sahakar.prevention.filtersets import CampaignFilterSet
from sahakar.prevention.forms import CampaignForm, audience_formset
from sahakar.prevention.models import Campaign
from sahakar.prevention.tables import CampaignTable


class CampaignListView(ObjectListView):
    queryset = Campaign.objects.select_related("org_unit", "organiser").with_reached()
    filterset_class = CampaignFilterSet
    table_class = CampaignTable


class CampaignDetailView(ObjectDetailView):
    queryset = Campaign.objects.select_related("org_unit", "organiser").prefetch_related(
        "partners", "audience"
    )


class CampaignEditView(ObjectEditView):
    """The campaign and its audience counts, on one page and in one save: bad input anywhere
    saves nothing and shows the page again (400) with each error next to its field."""

    queryset = Campaign.objects.all()
    form_class = CampaignForm

    def get_extra_forms(self, instance: Model | None, data: Any = None) -> dict[str, Any]:
        parent = instance if instance is not None else Campaign()
        formset = audience_formset(editing=instance is not None)
        return {
            "audience": formset(data, instance=parent, prefix="audience", user=self.request.user)
        }

    def save_form(self, form: Any, extra: dict[str, Any]) -> Any:
        campaign = form.save()
        rows = formset_rows(extra["audience"], ids=False)
        services.sync_audience(campaign, rows, acting_user=self.request.user)
        return campaign
