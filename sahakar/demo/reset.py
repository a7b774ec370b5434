"""Finding and removing demo records: those created by the demo author account.

Removal deletes rows directly (no per-record signals): the demo wrote no change history for
them, and a national demo would otherwise log a million deletions. Records entered by users
that refer to demo records are never removed; their presence stops the reset instead.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models, transaction
from django.db.models import Q

from sahakar.arrests.models import Arrest, CustodyCorrection, CustodyExtension, CustodyOutcome
from sahakar.cases.models import CaseFile, Defendant, Hearing, Referral, StageChange
from sahakar.demo import references
from sahakar.operations.models import Inspection, Operation
from sahakar.persons.models import Person
from sahakar.prevention.models import AudienceCount, Campaign
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.venues.models import Venue

# Parents last: the order rows can be deleted in.
DEMO_MODELS: tuple[type[models.Model], ...] = (
    AudienceCount,
    Campaign,
    Hearing,
    Referral,
    Defendant,
    StageChange,
    CaseFile,
    CustodyOutcome,
    CustodyExtension,
    CustodyCorrection,
    Arrest,
    Person,
    SeizedProperty,
    SeizureItem,
    Seizure,
    Inspection,
    Operation,
    Venue,
)

# Parts deleted with the demo record they belong to, whoever added them.
PARTS_OF: dict[type[models.Model], str] = {
    SeizureItem: "seizure",
    SeizedProperty: "seizure",
    CustodyExtension: "arrest",
    CustodyCorrection: "arrest",
    CustodyOutcome: "arrest",
    Defendant: "case",
    StageChange: "case",
    Referral: "case",
    Hearing: "case",
    AudienceCount: "campaign",
}


class InUse(Exception):
    """Records entered by users refer to demo records."""


def counts(author: Any) -> dict[str, int]:
    return {
        str(model._meta.verbose_name_plural): model._default_manager.filter(
            created_by=author
        ).count()
        for model in reversed(DEMO_MODELS)
    }


def exists(author: Any) -> bool:
    return any(model._default_manager.filter(created_by=author).exists() for model in DEMO_MODELS)


def users_records_in_the_way(author: Any) -> dict[str, int]:
    """Records not made by the demo that point at demo operations, venues, persons,
    seizures or arrests (a user's case with a demo defendant, an arrest of a demo person)."""
    demo_op = Q(operation__created_by=author)
    demo_venue = Q(venue__created_by=author)
    targeted = Operation.target_venues.through.objects.filter(venue__created_by=author).exclude(
        operation__created_by=author
    )
    found = {
        "seizures": Seizure.objects.exclude(created_by=author).filter(demo_op | demo_venue),
        "inspections": Inspection.objects.exclude(created_by=author).filter(demo_op | demo_venue),
        "operations targeting demo venues": targeted,
        "arrests": Arrest.objects.exclude(created_by=author).filter(
            Q(person__created_by=author) | demo_op | demo_venue
        ),
        "arrests linked to demo seizures": Arrest.seizures.through.objects.filter(
            seizure__created_by=author
        ).exclude(arrest__created_by=author),
        "case files' defendants": Defendant.objects.exclude(case__created_by=author).filter(
            arrest__created_by=author
        ),
        "case files linked to demo seizures": CaseFile.seizures.through.objects.filter(
            seizure__created_by=author
        ).exclude(casefile__created_by=author),
    }
    return {name: n for name, qs in found.items() if (n := qs.count())}


@transaction.atomic
def delete_demo_data(author: Any) -> dict[str, int]:
    """Delete every demo record and rewind the reference counters; returns rows deleted."""
    in_the_way = users_records_in_the_way(author)
    if in_the_way:
        listed = ", ".join(f"{n} {name}" for name, n in in_the_way.items())
        raise InUse(f"Records entered by users refer to demo records ({listed}).")
    deleted: dict[str, int] = _delete_evidence(author)
    through_tables = (
        (Campaign.partners.through, "campaign"),
        (CaseFile.seizures.through, "casefile"),
        (Arrest.offences.through, "arrest"),
        (Arrest.seizures.through, "arrest"),
        (Operation.participating_agencies.through, "operation"),
        (Operation.target_venues.through, "operation"),
    )
    for through, parent in through_tables:
        _raw_delete(through._default_manager.filter(**{f"{parent}__created_by": author}))
    for model in DEMO_MODELS:
        mine = Q(created_by=author)
        part_of = PARTS_OF.get(model)
        if part_of:  # with the record they belong to, whoever added them
            mine |= Q(**{f"{part_of}__created_by": author})
        deleted[str(model._meta.verbose_name_plural)] = _raw_delete(
            model._default_manager.filter(mine)
        )
    references.rewind(
        ("OP", "SZ", "AR", "CF", "PC"),
        [
            *Operation.objects.values_list("reference", flat=True),
            *Seizure.objects.values_list("reference", flat=True),
            *Arrest.objects.values_list("reference", flat=True),
            *CaseFile.objects.values_list("reference", flat=True),
            *Campaign.objects.values_list("reference", flat=True),
        ],
    )
    return deleted


def _delete_evidence(author: Any) -> dict[str, int]:
    """The demo's evidence room: its stores and the chains of the demo seizures' exhibits.

    Custody events are append-only in the database (evidence migration 0002); on PostgreSQL
    this transaction alone is let through, by the setting that trigger reads.
    """
    from sahakar.evidence import models as ev

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('sahakar.purging_demo', 'on', true)")
    demo_store = Q(store__created_by=author)
    demo_exhibit = Q(exhibit__seizure__created_by=author)
    batches = ev.DestructionBatch.objects.filter(
        Q(created_by=author) | Q(events__exhibit__seizure__created_by=author)
    ).values_list("pk", flat=True)
    batch_ids = list(batches.distinct())
    steps: tuple[tuple[type[models.Model], Q], ...] = (
        (ev.InventoryLine, Q(inventory__store__created_by=author) | demo_exhibit),
        (ev.Inventory, demo_store),
        (ev.WeightDiscrepancy, demo_exhibit),
        (ev.LabRequest, demo_exhibit),
        (ev.DisposalApproval, demo_exhibit),
        (ev.CustodyEvent, demo_exhibit),
        (ev.DestructionWitness, Q(batch_id__in=batch_ids)),
        (ev.DestructionBatch, Q(pk__in=batch_ids)),
        (ev.Exhibit.items.through, Q(exhibit__seizure__created_by=author)),
        (ev.Exhibit.property_items.through, Q(exhibit__seizure__created_by=author)),
        (ev.Exhibit, Q(seizure__created_by=author)),
        (ev.StoreCustodian, demo_store),
        (ev.StoreLocation, demo_store),
        (ev.EvidenceStore, Q(created_by=author)),
    )
    deleted = {}
    for model, condition in steps:
        count = _raw_delete(model._default_manager.filter(condition)) or 0
        if model._meta.auto_created:
            continue
        deleted[str(model._meta.verbose_name_plural)] = count
    references.rewind(
        ("EX", "DS"),
        [
            *ev.Exhibit.objects.values_list("reference", flat=True),
            *ev.DestructionBatch.objects.values_list("reference", flat=True),
        ],
    )
    return deleted


def _raw_delete(queryset: models.QuerySet) -> int:
    # QuerySet.delete() would load every row to send signals and cascade in Python.
    return queryset._raw_delete(queryset.db)
