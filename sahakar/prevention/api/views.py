from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.prevention.api.serializers import CampaignSerializer
from sahakar.prevention.filtersets import CampaignFilterSet
from sahakar.prevention.models import Campaign


class CampaignViewSet(RestrictedModelViewSet):
    """Prevention campaigns with their audience counts nested."""

    queryset = Campaign.objects.select_related("org_unit", "organiser").prefetch_related(
        "partners", "audience"
    )
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    ordering_fields = ["starts_on", "reference", "created"]
