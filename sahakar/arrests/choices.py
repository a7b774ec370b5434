from django.db import models
from django.utils.translation import gettext_lazy as _


class OffenceClass(models.TextChoices):
    FELONY = "felony", _("felony")
    MISDEMEANOUR = "misdemeanour", _("misdemeanour")
    PETTY = "petty", _("petty offence")


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
