import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from sahakar.seizures.models import Seizure


class SeizureTable(tables.Table):
    reference = tables.Column(linkify=True)
    seized_at = tables.DateTimeColumn(format="Y-m-d H:i")
    org_unit = tables.Column(order_by=("org_unit__path",))

    class Meta:
        model = Seizure
        fields = ["reference", "seized_at", "org_unit", "venue", "seizing_agency"]
        empty_text = _("No seizures match.")
