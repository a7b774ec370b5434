from django.db import models
from django.utils.translation import gettext_lazy as _


class OperationKind(models.TextChoices):
    RAID = "raid", _("raid")
    INSPECTION_SWEEP = "inspection_sweep", _("venue inspection sweep")
    CHECKPOINT = "checkpoint", _("checkpoint")
    PATROL = "patrol", _("patrol")
    CONTROLLED_DELIVERY = "controlled_delivery", _("controlled delivery")


class OperationStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("active")
    CLOSED = "closed", _("closed")


# The only moves an operation's status may make.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    OperationStatus.PLANNED: frozenset({OperationStatus.ACTIVE}),
    OperationStatus.ACTIVE: frozenset({OperationStatus.CLOSED}),
    OperationStatus.CLOSED: frozenset(),
}


class InspectionResult(models.TextChoices):
    NOTHING_FOUND = "nothing_found", _("nothing found")
    DRUGS_FOUND = "drugs_found", _("drugs found")
    PERSONS_ARRESTED = "persons_arrested", _("persons arrested")
    VENUE_CLOSED = "venue_closed", _("venue closed")
