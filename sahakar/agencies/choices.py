from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    ANTI_DRUG_POLICE = "anti_drug_police", _("anti-drug police")
    PROVINCIAL_POLICE = "provincial_police", _("provincial police")
    MILITARY_POLICE = "military_police", _("military police")
    CUSTOMS = "customs", _("customs")
    DRUG_AUTHORITY = "drug_authority", _("national drug authority")
    MINISTRY = "ministry", _("ministry")
    PROSECUTION = "prosecution", _("prosecution office")
    COURT = "court", _("court")
    PARTNER = "partner", _("partner organisation")
