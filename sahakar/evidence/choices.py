"""The vocabularies of the evidence room: kinds of store, custody events and exhibit states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoreKind(models.TextChoices):
    PROPERTY_ROOM = "property_room", _("property room")
    DRUG_VAULT = "drug_vault", _("drug vault")
    LABORATORY = "laboratory", _("laboratory")
    COURT_REGISTRY = "court_registry", _("court registry")
    DESTRUCTION_SITE = "destruction_site", _("destruction site")


class ExhibitStatus(models.TextChoices):
    """Where an exhibit stands, derived from its custody events (evidence/chain.py)."""

    HELD = "held", _("held in a store")
    IN_TRANSIT = "in_transit", _("in transit")
    RELEASED = "released", _("released to owner")
    DESTROYED = "destroyed", _("destroyed")


# An exhibit in one of these states is out of the chain: nothing more happens to it.
CLOSED_STATUSES = frozenset({ExhibitStatus.RELEASED, ExhibitStatus.DESTROYED})


class EventKind(models.TextChoices):
    INTAKE = "intake", _("intake")
    TRANSFER = "transfer", _("transfer")
    LAB_SUBMISSION = "lab_submission", _("submitted to laboratory")
    COURT_SUBMISSION = "court_submission", _("sent to court")
    COURT_RETURN = "court_return", _("returned from court")
    RECEIVED = "received", _("received")
    LAB_RESULT = "lab_result", _("laboratory result")
    RESEALED = "resealed", _("seal broken and resealed")
    WEIGHED = "weighed", _("weighed")
    DISPOSAL_APPROVED = "disposal_approved", _("disposal approved")
    RELEASED = "released", _("released to owner")
    DESTROYED = "destroyed", _("destroyed")
    CORRECTION = "correction", _("correction")


# Events that move an exhibit from its holder to another store. Within one agency the move is
# complete at once; between agencies it is handed over and complete when the receiver confirms.
# Plain strings, so that the API schema (YAML too) can write them out as choices.
MOVEMENTS = frozenset(
    str(kind)
    for kind in (
        EventKind.TRANSFER,
        EventKind.LAB_SUBMISSION,
        EventKind.COURT_SUBMISSION,
        EventKind.COURT_RETURN,
    )
)

# The kind of store each movement must go to (None: any store).
MOVEMENT_DESTINATIONS: dict[str, str | None] = {
    EventKind.TRANSFER: None,
    EventKind.LAB_SUBMISSION: StoreKind.LABORATORY,
    EventKind.COURT_SUBMISSION: StoreKind.COURT_REGISTRY,
    EventKind.COURT_RETURN: None,
}


class DisposalBasis(models.TextChoices):
    VERDICT = "verdict", _("after the verdict")
    PRE_VERDICT_ORDER = "pre_verdict_order", _("before the verdict, by order")


class OrderAuthority(models.TextChoices):
    PROSECUTOR = "prosecutor", _("prosecutor")
    COURT = "court", _("court")


class InventoryKind(models.TextChoices):
    FULL = "full", _("full inventory")
    SAMPLE = "sample", _("sample inventory")


class InventoryFinding(models.TextChoices):
    FOUND = "found", _("found where recorded")
    MISSING = "missing", _("missing")
    UNEXPECTED = "unexpected", _("unexpected")
    MISPLACED = "misplaced", _("misplaced")


class DiscrepancyStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
