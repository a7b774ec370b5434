from sahakar.core.forms import BaseModelForm
from sahakar.venues.models import Venue


class VenueForm(BaseModelForm):
    class Meta:
        model = Venue
        fields = [
            "name",
            "kind",
            "org_unit",
            "address",
            "latitude",
            "longitude",
            "licence_number",
            "notes",
        ]
