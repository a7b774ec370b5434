"""The arrest record for the file: the person, the suspected offences, the custody's times,
deadline and legal basis, its extensions and how it ended, with lines to sign."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from sahakar.arrests.clocks import custody_status, outcome_of, rule_for
from sahakar.arrests.models import Arrest
from sahakar.core import permissions
from sahakar.core.views.documents import RecordDocumentView
from sahakar.persons.models import Person


class ArrestRecordView(RecordDocumentView):
    queryset = Arrest.objects.select_related(
        "person",
        "org_unit",
        "venue",
        "arresting_agency",
        "operation",
        "outcome__referral__case",
    ).prefetch_related("offences", "extensions", "seizures")
    template_name = "arrests/pdf/record.html"
    document = "arrest-record"

    def get_context(self, obj: Model) -> dict[str, Any]:
        assert isinstance(obj, Arrest)
        user = self.request.user
        try:
            rule = rule_for(obj)
        except ValidationError:
            rule = None
        # The person's particulars only for a user who may see the person's record.
        person_visible = (
            permissions.sees_personal_data(user)
            and Person.objects.restrict(user).filter(pk=obj.person_id).exists()
        )
        return {
            "status": custody_status(obj),
            "rule": rule,
            "outcome": outcome_of(obj),
            "person_visible": person_visible,
        }
