from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FIELD_OFFICER = "field_officer", _("field officer")
    INVESTIGATOR = "investigator", _("investigator")
    EVIDENCE_CUSTODIAN = "evidence_custodian", _("evidence custodian")
    EVIDENCE_SUPERVISOR = "evidence_supervisor", _("evidence supervisor")
    PROSECUTOR = "prosecutor", _("prosecutor / court liaison")
    PREVENTION_OFFICER = "prevention_officer", _("prevention officer")
    ANALYST = "analyst", _("analyst / commander")
    AUDITOR = "auditor", _("auditor")
    ADMINISTRATOR = "administrator", _("administrator")
