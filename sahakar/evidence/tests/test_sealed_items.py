"""A seizure's items sealed in an exhibit keep what they were sealed as."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sahakar.seizures import services as seizure_services
from sahakar.seizures.models import SeizureItem
from sahakar.substances.models import Substance
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in


def _rows(seizure, **changes):
    return [
        {
            "id": item.pk,
            "substance": item.substance,
            "form": item.form,
            "quantity": item.quantity,
            "unit": item.unit,
            **changes,
        }
        for item in seizure.items.all()
    ]


def test_a_sealed_item_cannot_be_removed_from_its_seizure(room, pp_officer):
    exhibit = take_in(room)
    with pytest.raises(ValidationError, match=f"sealed in exhibit {exhibit.reference}"):
        seizure_services.sync_parts(exhibit.seizure, "items", [], acting_user=pp_officer)
    assert exhibit.items.count() == 1


def test_a_sealed_item_keeps_its_substance_but_its_count_can_be_corrected(room, pp_officer):
    exhibit = take_in(room)
    seizure = exhibit.seizure
    ketamine = Substance.objects.get(code="KET")
    with pytest.raises(ValidationError, match="can no longer change"):
        seizure_services.sync_parts(
            seizure, "items", _rows(seizure, substance=ketamine), acting_user=pp_officer
        )
    seizure_services.sync_parts(
        seizure, "items", _rows(seizure, quantity=Decimal("1990")), acting_user=pp_officer
    )
    assert SeizureItem.objects.get(seizure=seizure).quantity == Decimal("1990")


def test_the_api_refuses_to_drop_a_sealed_item(room, pp_officer, api_as):
    exhibit = take_in(room)
    seizure = exhibit.seizure
    f.make_item(seizure, substance="KET", form="powder", quantity="50", unit_="g")
    client = api_as("pp_officer")
    read = client.get(f"/api/v1/seizures/{seizure.pk}/").json()
    kept = [row for row in read["items"] if row["id"] != exhibit.items.get().pk]
    answer = client.patch(
        f"/api/v1/seizures/{seizure.pk}/",
        {"items": kept, "version": read["version"]},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert exhibit.reference in str(answer.json())
    assert seizure.items.count() == 2
