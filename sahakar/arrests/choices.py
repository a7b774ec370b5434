from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class OffenceClass(models.TextChoices):
    FELONY = "felony", _("felony")
    MISDEMEANOUR = "misdemeanour", _("misdemeanour")
    PETTY = "petty", _("petty offence")


# Gravest first: the custody rule of the gravest suspected offence governs the clock.
GRAVITY = (OffenceClass.FELONY, OffenceClass.MISDEMEANOUR, OffenceClass.PETTY)

# A custody whose deadline is this close is "due": the due list and its warnings show it.
DUE_WINDOW = timedelta(hours=6)


class SuspectRole(models.TextChoices):
    USER = "user", _("user")
    DEALER = "dealer", _("dealer")
    TRAFFICKER = "trafficker", _("trafficker")
    PRODUCER = "producer", _("producer")


class DrugTest(models.TextChoices):
    NOT_TESTED = "not_tested", _("not tested")
    NEGATIVE = "negative", _("negative")
    POSITIVE = "positive", _("positive")
    REFUSED = "refused", _("refused")


class CustodyOutcomeKind(models.TextChoices):
    REFERRED = "referred", _("referred to the prosecutor")
    RELEASED = "released", _("released")
    TREATMENT = "treatment", _("transferred to treatment or health services")


class CorrectedTime(models.TextChoices):
    """The times of an arrest that only a reasoned correction changes."""

    ARRESTED_AT = "arrested_at", _("time of arrest")
    ARRIVED_AT = "arrived_at", _("arrival at the unit")


class CustodyState(models.TextChoices):
    """Where a custody stands against its legal deadline (arrests.clocks.custody_status)."""

    IN_CUSTODY = "in_custody", _("in custody")
    DUE_SOON = "due_soon", _("due within 6 hours")
    OVERDUE = "overdue", _("overdue")
    ENDED_ON_TIME = "ended_on_time", _("ended on time")
    ENDED_LATE = "ended_late", _("ended late")


class StateFilter(models.TextChoices):
    """The states the arrest list filters on: "ended" takes in both ways a custody ends."""

    IN_CUSTODY = "in_custody", _("in custody")
    DUE_SOON = "due_soon", _("due within 6 hours")
    OVERDUE = "overdue", _("overdue")
    ENDED = "ended", _("ended")
    ENDED_LATE = "ended_late", _("ended late")
