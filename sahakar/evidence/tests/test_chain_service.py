"""The custody service: intake, moves within and between agencies, laboratory, seals, release."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from sahakar.evidence import services
from sahakar.evidence.models import CustodyEvent, EventIsFinal, LabRequest, WeightDiscrepancy
from sahakar.testing import factories as f
from sahakar.testing.evidence import take_in


def test_intake_puts_the_exhibit_on_its_shelf(room):
    exhibit = take_in(room)
    assert (exhibit.status, exhibit.store, exhibit.location) == ("held", room.vault, room.shelf)
    assert exhibit.reference.startswith("EX-PP-")
    assert [e.kind for e in exhibit.events.all()] == ["intake"]
    assert services.state_matches_events(exhibit)


def test_a_move_between_agencies_waits_for_the_receiver(room):
    exhibit = take_in(room)
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    exhibit.refresh_from_db()
    assert exhibit.status == "in_transit"
    assert (exhibit.store, exhibit.pending_store) == (room.vault, room.lab)
    with pytest.raises(ValidationError, match="not to you"):
        services.receive(exhibit, acting_user=room.court_clerk)
    services.receive(exhibit, acting_user=room.lab_analyst)
    exhibit.refresh_from_db()
    assert (exhibit.status, exhibit.store, exhibit.pending_store) == ("held", room.lab, None)
    assert services.state_matches_events(exhibit)


def test_only_the_holder_moves_an_exhibit(room):
    exhibit = take_in(room)
    with pytest.raises(ValidationError, match="Only a custodian"):
        services.move(exhibit, "transfer", to_store=room.sr_vault, acting_user=room.sr_custodian)
    assert exhibit.events.count() == 1


def test_drugs_never_go_to_a_store_without_drugs(room):
    exhibit = take_in(room)
    with pytest.raises(ValidationError, match="not a store for drugs"):
        services.move(exhibit, "transfer", to_store=room.property_room, acting_user=room.custodian)


def test_a_lab_result_needs_a_submission_to_that_lab(room):
    exhibit = take_in(room)
    services.move(
        exhibit, "transfer", to_store=room.vault, to_location=room.safe, acting_user=room.custodian
    )
    with pytest.raises(ValidationError, match="Only a custodian"):
        services.record_lab_result(
            exhibit, substance_confirmed=True, lab_reference="L-1", acting_user=room.lab_analyst
        )
    services.move(exhibit, "lab_submission", to_store=room.lab, acting_user=room.custodian)
    services.receive(exhibit, acting_user=room.lab_analyst)
    event = services.record_lab_result(
        exhibit,
        substance_confirmed=True,
        purity_percent=Decimal("24.5"),
        net_quantity=Decimal("2000"),
        net_unit="tablets",
        sample_retained=True,
        sample_quantity=Decimal("20"),
        lab_reference="NL-2026-1",
        acting_user=room.lab_analyst,
    )
    request = LabRequest.objects.get(exhibit=exhibit)
    assert request.result == event and request.answered_at == event.occurred_at
    with pytest.raises(ValidationError, match="not submitted"):
        services.record_lab_result(
            exhibit, substance_confirmed=True, lab_reference="L-2", acting_user=room.lab_analyst
        )


def test_a_weight_beyond_the_tolerance_opens_a_discrepancy(room):
    exhibit = take_in(room, quantity="100", unit="g", net="99.8")
    assert not WeightDiscrepancy.objects.filter(exhibit=exhibit).exists()
    services.weigh(exhibit, net_quantity=Decimal("90"), net_unit="g", acting_user=room.custodian)
    (discrepancy,) = WeightDiscrepancy.objects.filter(exhibit=exhibit)
    assert (discrepancy.expected, discrepancy.measured) == (Decimal("99.8"), Decimal("90"))


def test_a_weight_in_the_wrong_unit_is_refused(room):
    exhibit = take_in(room)
    with pytest.raises(ValidationError, match="not a unit for"):
        services.weigh(
            exhibit, net_quantity=Decimal("5"), net_unit="ml", acting_user=room.custodian
        )


def test_an_open_seal_number_is_unique(room):
    take_in(room, seal="S-1")
    with pytest.raises(ValidationError, match="already on exhibit"):
        take_in(room, seal="S-1")


def test_events_are_never_changed_or_deleted(room):
    event = take_in(room).events.get()
    with pytest.raises(EventIsFinal):
        event.save()
    with pytest.raises(EventIsFinal):
        event.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE evidence_custodyevent SET reason = 'x' WHERE id = %s", [event.pk])
    assert CustodyEvent.objects.get(pk=event.pk).reason == ""


def test_drugs_are_not_released_to_an_owner_but_property_is(room):
    exhibit = take_in(room)
    with pytest.raises(ValidationError, match="never released"):
        services.release_to_owner(
            exhibit, released_to="Owner", order_reference="O-1", acting_user=room.custodian
        )
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    from sahakar.seizures.models import SeizedProperty

    phone = SeizedProperty.objects.create(seizure=seizure, kind="phone", count=1)
    parcel = services.create_exhibit(
        seizure,
        property_items=[phone],
        seal_number="P-1",
        description="Phone",
        store=room.property_room,
        acting_user=room.custodian,
    )
    services.release_to_owner(
        parcel, released_to="The owner", order_reference="PPO 12/2026", acting_user=room.custodian
    )
    parcel.refresh_from_db()
    assert (parcel.status, parcel.store, parcel.seal_open) == ("released", None, False)
    with pytest.raises(ValidationError, match="nothing more"):
        services.weigh(parcel, net_quantity=Decimal(1), net_unit="g", acting_user=room.custodian)


def test_a_batch_move_is_all_or_nothing_and_names_the_bad_exhibit(room):
    exhibits = [take_in(room) for _ in range(3)]
    services.move(exhibits[1], "lab_submission", to_store=room.lab, acting_user=room.custodian)
    with pytest.raises(ValidationError, match=exhibits[1].reference):
        services.move_many(
            exhibits,
            "transfer",
            to_store=room.vault,
            to_location=room.safe,
            acting_user=room.custodian,
        )
    assert [e.events.count() for e in exhibits] == [1, 2, 1]


def test_a_batch_move_audits_every_event_in_one_sound_chain(room):
    from sahakar.audit import chain
    from sahakar.audit.models import AuditEntry

    exhibits = [take_in(room) for _ in range(4)]
    before = AuditEntry.objects.count()
    events = services.move_many(
        exhibits, "transfer", to_store=room.vault, to_location=room.safe, acting_user=room.custodian
    )
    logged = AuditEntry.objects.filter(
        object_id__in=[str(e.pk) for e in events],
        action="create",
        content_type__model="custodyevent",
    )
    assert logged.count() == 4 and AuditEntry.objects.count() > before
    assert chain.verify().ok


def test_packages_holding_parts_of_an_item_are_not_compared_with_its_field_count(room):
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    item = f.make_item(seizure, quantity="1000", unit_="tablets")
    for seal, net in (("HALF-1", "500"), ("HALF-2", "498")):
        services.create_exhibit(
            seizure,
            items=[item],
            seal_number=seal,
            description="Half of the tablets",
            store=room.vault,
            net_quantity=Decimal(net),
            net_unit="tablets",
            holds_part=True,
            acting_user=room.custodian,
        )
    assert not WeightDiscrepancy.objects.filter(exhibit__seizure=seizure).exists()


def test_a_discrepancy_names_its_weighings_in_the_readers_language(room):
    from django.utils import translation

    exhibit = take_in(room, quantity="100", unit="g", net="100")
    with translation.override("km"):
        services.weigh(
            exhibit, net_quantity=Decimal("80"), net_unit="g", acting_user=room.custodian
        )
    discrepancy = WeightDiscrepancy.objects.get(exhibit=exhibit)
    assert discrepancy.stage == "intake>weighed"
    with translation.override("en"):
        assert discrepancy.stage_text == "intake → weighed"
    with translation.override("km"):
        assert discrepancy.stage_text != "intake → weighed"
