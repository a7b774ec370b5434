"""figures.total() over facts written directly: one sum of every fact of the question."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sahakar.statistics import figures
from sahakar.statistics.models import Fact, Grain

pytestmark = pytest.mark.django_db


def _fact(province: str, kg: str, seizures: int) -> Fact:
    return Fact.objects.create(
        family="drug",
        grain=Grain.MONTH_PROVINCE,
        period=date(2026, 10, 1),
        unit_path=f"/KH/{province}/",
        province=province,
        a="METH",
        n=seizures,
        x=seizures,
        kg=Decimal(kg),
    )


def test_it_sums_every_fact_of_the_question() -> None:
    _fact("12", "1.5", 2)
    _fact("17", "2.25", 3)
    period = figures.Period.month(2026, 10)
    assert figures.total(figures.EVERYTHING, "drug", period, "seizures") == 5
    assert figures.total(figures.EVERYTHING, "drug", period, "kg") == Decimal("3.75")


def test_it_answers_zero_when_nothing_was_counted() -> None:
    period = figures.Period.month(2026, 10)
    assert figures.total(figures.EVERYTHING, "arrest", period, "arrests") == 0


def test_it_refuses_a_measure_the_family_does_not_have() -> None:
    with pytest.raises(figures.FigureError):
        figures.total(figures.EVERYTHING, "arrest", figures.Period.month(2026, 10), "kg")
