"""A weighing opens a discrepancy exactly when it differs from the one before by more than
both the absolute and the relative allowance of the tolerance row that applies; the weight
line says the same."""

from datetime import datetime
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahakar.evidence import services
from sahakar.evidence.models import WeightDiscrepancy, WeightTolerance
from sahakar.evidence.weightline import weight_line
from sahakar.substances.models import Substance
from sahakar.testing import factories as f

MORNING = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))
_seals = count(1)

grams = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("50000"), places=3)
allowance = st.decimals(min_value=Decimal(0), max_value=Decimal("500"), places=3)
percent = st.decimals(min_value=Decimal(0), max_value=Decimal("40"), places=3)


@st.composite
def weighings(draw: st.DrawFn) -> tuple[Decimal, Decimal, str]:
    """The intake in grams; a later weighing near it, at the edge or anywhere, in g or kg."""
    intake = draw(grams)
    shape = draw(st.sampled_from(["near", "edge", "anywhere"]))
    if shape == "anywhere":
        later = draw(grams)
    else:
        step = draw(st.decimals(min_value=Decimal("-20"), max_value=Decimal("20"), places=3))
        later = max(intake + step, Decimal("0.001"))
    if draw(st.booleans()) and later == later.quantize(Decimal(1)):
        return intake, later / 1000, "kg"  # 1234 g weighed as 1.234 kg
    return intake, later, "g"


def _exhibit(room, intake: Decimal):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    item = f.make_item(seizure, substance="METH", form="crystal", quantity=str(intake), unit_="g")
    return services.create_exhibit(
        seizure,
        items=[item],
        seal_number=f"S-TOL-{next(_seals)}",
        description="Bag of crystal",
        store=room.vault,
        net_quantity=intake,
        net_unit="g",
        acting_user=room.custodian,
    )


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(weighed=weighings(), absolute=allowance, relative=percent)
def test_a_discrepancy_opens_exactly_beyond_both_allowances(
    room, weighed: tuple[Decimal, Decimal, str], absolute: Decimal, relative: Decimal
) -> None:
    intake, later, unit = weighed
    # The most specific row (this substance and form) is the one that applies.
    WeightTolerance.objects.update_or_create(
        code="TEST-METH-CRYSTAL",
        defaults={
            "substance": Substance.objects.get(code="METH"),
            "form": "crystal",
            "absolute": absolute,
            "relative_percent": relative,
        },
    )
    with time_machine.travel(MORNING, tick=False):
        exhibit = _exhibit(room, intake)
        event = services.weigh(
            exhibit, net_quantity=later, net_unit=unit, acting_user=room.custodian
        )
    measured = later * 1000 if unit == "kg" else later
    difference = abs(measured - intake)
    beyond = difference > absolute and difference > intake * relative / 100

    opened = list(WeightDiscrepancy.objects.filter(exhibit=exhibit))
    assert [d.event_id for d in opened] == ([event.pk] if beyond else [])
    if beyond:
        (discrepancy,) = opened
        assert (discrepancy.expected, discrepancy.measured) == (intake, measured)
        assert discrepancy.tolerance.code == "TEST-METH-CRYSTAL"
        assert discrepancy.status == "open"
    row = weight_line(exhibit)[-1]
    assert row.event == event
    assert row.beyond_tolerance is beyond
    assert (row.discrepancy is not None) is beyond
