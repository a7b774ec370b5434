"""The demo's evidence room (tiny size): chains recorded through the custody service.

Loaded once for the module on a fixed day (the `demo` fixture, conftest.py).
"""

from __future__ import annotations

import pytest

from sahakar.evidence import services
from sahakar.evidence.choices import EventKind, ExhibitStatus
from sahakar.evidence.models import (
    CustodyEvent,
    EvidenceStore,
    Exhibit,
    LabRequest,
    StoreCustodian,
    WeightDiscrepancy,
)

pytestmark = pytest.mark.django_db


def test_it_builds_stores_of_several_agencies_with_custodians(demo: str) -> None:
    stores = EvidenceStore.objects.all()
    assert {s.kind for s in stores} >= {"drug_vault", "laboratory", "court_registry"}
    assert len({s.agency_id for s in stores}) >= 3
    for store in stores:
        assert StoreCustodian.objects.filter(store=store, ended_at__isnull=True).exists()


def test_its_chains_cross_agencies_and_reach_the_laboratory(demo: str) -> None:
    exhibits = Exhibit.objects.all()
    assert exhibits.count() >= 10
    received = CustodyEvent.objects.filter(kind=EventKind.RECEIVED)
    assert received.exclude(from_store__agency=None).exists()
    results = CustodyEvent.objects.filter(kind=EventKind.LAB_RESULT)
    assert results.exists() and all(r.purity_percent is not None for r in results)
    assert LabRequest.objects.filter(result__isnull=False).exists()


def test_every_demo_exhibit_is_where_its_events_say(demo: str) -> None:
    for exhibit in Exhibit.objects.all():
        assert services.state_matches_events(exhibit), exhibit.reference


def test_it_leaves_exhibits_in_transit_and_discrepancies_to_review(demo: str) -> None:
    in_transit = Exhibit.objects.filter(status=ExhibitStatus.IN_TRANSIT)
    assert in_transit.exists()
    assert all(e.store_id and e.pending_store_id for e in in_transit)
    assert WeightDiscrepancy.objects.filter(stage__contains="intake").exists()


def test_it_approves_disposals_and_destroys_in_two_witnessed_batches(demo: str) -> None:
    from sahakar.evidence.models import DestructionBatch, DisposalApproval

    assert DisposalApproval.objects.filter(basis="verdict").exists()
    batches = DestructionBatch.objects.all()
    assert batches.count() == 2
    for batch in batches:
        assert batch.witnesses.count() >= 2
        assert batch.events.filter(kind=EventKind.DESTROYED).exists()
    assert Exhibit.objects.filter(status=ExhibitStatus.DESTROYED, seal_open=False).exists()
