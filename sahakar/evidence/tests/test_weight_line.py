"""An exhibit's weight line: field, intake, laboratory, later weighings and destruction, each
compared as the custody service compares it, and the table that shows it."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import render_to_string

from sahakar.evidence import services
from sahakar.evidence.models import WeightDiscrepancy
from sahakar.evidence.weightline import weight_line
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in

MORNING = datetime(2026, 5, 4, 9, 0, tzinfo=ZoneInfo("Asia/Phnom_Penh"))


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def _to_lab_and_back(room, exhibit, clock, **result):
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    clock.shift(timedelta(hours=2))
    services.receive(exhibit, acting_user=room.lab_analyst)
    clock.shift(timedelta(days=3))
    analyst = room.lab_analyst
    services.record_lab_result(
        exhibit, substance_confirmed=True, lab_reference="NL-1", acting_user=analyst, **result
    )


def test_it_follows_the_exhibit_from_the_field_to_the_lab_and_later(room, clock):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    item = f.make_item(seizure, quantity="99.8", unit_="g")
    exhibit = services.create_exhibit(
        seizure,
        items=[item],
        seal_number="S-WL-1",
        description="Bag of tablets",
        store=room.vault,
        net_quantity=Decimal("0.1"),
        net_unit="kg",
        acting_user=room.custodian,
    )
    # Intake weighed in kilograms what the field weighed in grams: compared in grams.
    field, intake = weight_line(exhibit)
    assert (field.stage, field.quantity_text, field.base_text) == ("field", "99.80 g", "99.80 g")
    assert (intake.stage, intake.quantity_text, intake.base_text) == (
        "intake",
        "0.100 kg",
        "100.00 g",
    )
    assert intake.difference == Decimal("0.2") and intake.beyond_tolerance is False
    assert intake.difference_text == "+0.20 g (+0.2 %)"

    clock.shift(timedelta(hours=1))
    _to_lab_and_back(
        room,
        exhibit,
        clock,
        net_quantity=Decimal("99.5"),
        net_unit="g",
        purity_percent=Decimal("31.5"),
        sample_retained=True,
        sample_quantity=Decimal("5"),
    )
    clock.shift(timedelta(days=1))
    analyst = room.lab_analyst
    services.weigh(exhibit, net_quantity=Decimal("94.4"), net_unit="g", acting_user=analyst)
    clock.shift(timedelta(days=1))
    services.weigh(exhibit, net_quantity=Decimal("80"), net_unit="g", acting_user=room.lab_analyst)

    rows = weight_line(exhibit)
    assert [r.stage for r in rows] == ["field", "intake", "lab", "weighing", "weighing"]
    lab, after_sample, short = rows[2:]
    assert lab.purity_percent == Decimal("31.5") and lab.difference == Decimal("-0.5")
    assert any("Sample kept: 5.00 g" in note for note in lab.notes)
    # The 5 g sample the laboratory kept is not a loss: 94.4 g is compared with 94.5 g.
    assert after_sample.expected == Decimal("94.5") and after_sample.beyond_tolerance is False
    assert after_sample.discrepancy is None
    assert short.expected == Decimal("94.4") and short.beyond_tolerance is True
    assert short.discrepancy == WeightDiscrepancy.objects.get(exhibit=exhibit)
    assert short.difference_text == "-14.40 g (-15.3 %)"


def test_the_service_does_not_count_the_lab_sample_as_a_loss(room, clock):
    exhibit = take_in(room, quantity="100", unit="g", seal="S-WL-2")
    _to_lab_and_back(
        room,
        exhibit,
        clock,
        net_quantity=Decimal("100"),
        net_unit="g",
        sample_retained=True,
        sample_quantity=Decimal("10"),
    )
    services.weigh(exhibit, net_quantity=Decimal("90"), net_unit="g", acting_user=room.lab_analyst)
    assert not WeightDiscrepancy.objects.filter(exhibit=exhibit).exists()


def test_intake_beyond_the_field_count_shows_its_discrepancy(room, clock):
    exhibit = take_in(room, quantity="2000", unit="tablets", net="1900", seal="S-WL-3")
    field, intake = weight_line(exhibit)
    assert (field.base_text, intake.compared_with) == ("2,000 tablets", field.label)
    assert intake.beyond_tolerance is True
    assert intake.discrepancy is not None and intake.discrepancy.expected == Decimal("2000")


def test_a_split_item_is_not_compared_with_the_field(room, clock):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    item = f.make_item(seizure, quantity="3000", unit_="tablets")
    parts = [
        services.create_exhibit(
            seizure,
            items=[item],
            seal_number=f"S-SPLIT-{n}",
            description=f"Bag {n} of 3",
            store=room.vault,
            net_quantity=Decimal("1000"),
            net_unit="tablets",
            acting_user=room.custodian,
        )
        for n in (1, 2, 3)
    ]
    field, intake = weight_line(parts[2])
    assert field.notes == ["Split across 3 exhibits: not compared."]
    assert field.quantity_text == "3,000 tablets" and field.base_quantity is None
    assert intake.expected is None and intake.beyond_tolerance is None
    assert not WeightDiscrepancy.objects.filter(exhibit__in=parts[1:]).exists()


def test_the_table_shows_every_weighing_with_numbers_on_the_right(room, clock):
    exhibit = take_in(room, quantity="2000", unit="tablets", net="1900", seal="S-WL-4")
    html = render_to_string(
        "evidence/includes/weight_line.html", {"weight_line": weight_line(exhibit)}
    )
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert 'class="num">2,000 tablets</td>' in html
    assert 'class="num">1,900 tablets</td>' in html
    assert "-100 tablets (-5.0 %)" in html
    assert "beyond tolerance" in html and "discrepancy-open" in html
    assert "evidence/weights.css" in html


def test_an_empty_line_says_so():
    html = render_to_string("evidence/includes/weight_line.html", {"weight_line": []})
    assert "Nothing was weighed." in html
