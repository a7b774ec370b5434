"""The seizure receipt: what was seized, where, when and by whom, with lines to sign, for the
case file and for the person the drugs and property were taken from."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from sahakar.arrests.models import Arrest
from sahakar.core.views.documents import RecordDocumentView
from sahakar.seizures.models import Seizure
from sahakar.seizures.views import items_with_substance


class SeizureReceiptView(RecordDocumentView):
    queryset = Seizure.objects.select_related(
        "org_unit", "venue", "seizing_agency", "operation"
    ).prefetch_related(items_with_substance(), "property")
    template_name = "seizures/pdf/receipt.html"
    document = "seizure-receipt"

    def get_context(self, obj: Model) -> dict[str, Any]:
        # The persons arrested with the seizure, only through arrests the user may see.
        arrests = (
            Arrest.objects.restrict(self.request.user)
            .filter(seizures=obj)
            .select_related("person")
            .order_by("arrested_at")
        )
        return {"arrests": list(arrests)}
