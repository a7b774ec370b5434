import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sahakar.venues.models import Venue


class VenueTable(tables.Table):
    name = tables.Column(linkify=True)
    org_unit = tables.Column(order_by=("org_unit__path",))

    class Meta:
        model = Venue
        fields = ["name", "kind", "org_unit", "address", "licence_number"]
        empty_text = _("No venues match.")
