import django_tables2 as tables
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sahakar.prevention.models import Campaign


class CampaignTable(tables.Table):
    """Campaigns with the people they reached; the view annotates `reached` (with_reached)."""

    reference = tables.Column(linkify=True)
    title = tables.Column(linkify=True)
    org_unit = tables.Column(order_by=("org_unit__path",))
    reached = tables.Column(verbose_name=capfirst(_("people reached")))

    class Meta:
        model = Campaign
        fields = ["reference", "title", "kind", "starts_on", "ends_on", "org_unit", "organiser"]
        sequence = ["reference", "title", "kind", "starts_on", "reached", "..."]
        empty_text = _("No campaigns match.")
