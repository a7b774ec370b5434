"""Dimension values that the facts compute rather than copy from a record."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgeGroup(models.TextChoices):
    """Age at arrest. Under 18 is a juvenile in Cambodian criminal procedure; the adult bands
    follow those of UNODC's returns."""

    UNDER_18 = "under_18", _("under 18")
    FROM_18_TO_24 = "18_24", _("18-24")
    FROM_25_TO_34 = "25_34", _("25-34")
    FROM_35_TO_49 = "35_49", _("35-49")
    FROM_50 = "50_plus", _("50 and over")
    UNKNOWN = "unknown", _("age not known")


class CustodyCompliance(models.TextChoices):
    """How a custody went against its legal deadline. An open custody may be overdue: that
    depends on the hour, so the dashboards count overdue custodies from the records."""

    IN_TIME = "in_time", _("ended within the legal time")
    LATE = "late", _("ended late")
    OPEN = "open", _("still in custody")
