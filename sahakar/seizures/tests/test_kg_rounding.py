"""A seizure item's kg equivalent is stored as shown: rounded to its six decimal places, so a
sum in the database (the statistics' direct computation) equals the sum of the records."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from sahakar.seizures.models import SeizureItem, kg_of
from sahakar.testing import factories as f

pytestmark = pytest.mark.django_db


def test_it_rounds_the_kg_equivalent_to_the_places_it_keeps() -> None:
    assert kg_of(Decimal("0.001"), Decimal("0.0001")) == Decimal("0.000000")
    assert kg_of(Decimal("3"), Decimal("0.0000999")) == Decimal("0.000300")
    assert kg_of(Decimal("3"), None) is None


def test_it_sums_in_the_database_what_the_records_show() -> None:
    seizure = f.make_seizure(f.first_district(f.PHNOM_PENH))
    item = f.make_item(seizure, quantity="0.001")
    item.refresh_from_db()
    stored = SeizureItem.objects.filter(pk=item.pk).aggregate(kg=Sum("kg_equivalent"))["kg"]
    assert Decimal(stored or 0) == (item.kg_equivalent or 0)
