"""Laboratory requests and the turnaround rules that set their due dates."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahakar.core.models import BaseModel
from sahakar.evidence.models.exhibits import Exhibit, custodied_q


class LabTurnaroundRule(models.Model):
    """How many days a laboratory has to answer, per substance (blank: any), as data."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    substance = models.ForeignKey(
        "substances.Substance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("substance"),
    )
    days = models.PositiveIntegerField(_("days"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("laboratory turnaround rule")
        verbose_name_plural = _("laboratory turnaround rules")

    def __str__(self) -> str:
        return f"{self.code}: {self.days} d"


class LabRequest(BaseModel):
    """An inter-agency request: the sending unit asks a laboratory to analyse one exhibit.

    Opened by the lab submission event, answered by the lab result event (services.py).
    """

    jurisdiction_field = "exhibit__seizure__org_unit"

    exhibit = models.ForeignKey(
        Exhibit, on_delete=models.PROTECT, related_name="lab_requests", verbose_name=_("exhibit")
    )
    sending_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="lab_requests_sent",
        verbose_name=_("sending agency"),
    )
    lab = models.ForeignKey(
        "evidence.EvidenceStore",
        on_delete=models.PROTECT,
        related_name="lab_requests",
        verbose_name=_("laboratory"),
    )
    submission = models.OneToOneField(
        "evidence.CustodyEvent",
        on_delete=models.PROTECT,
        related_name="lab_request",
        verbose_name=_("submission"),
    )
    result = models.OneToOneField(
        "evidence.CustodyEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("result"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    due_at = models.DateTimeField(_("due at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    rule = models.ForeignKey(
        LabTurnaroundRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("turnaround rule"),
    )
    question = models.TextField(_("analysis requested"), blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["answered_at", "due_at"])]
        verbose_name = _("laboratory request")
        verbose_name_plural = _("laboratory requests")

    def __str__(self) -> str:
        return f"{self.exhibit} → {self.lab.code}"

    def get_absolute_url(self) -> str:
        return reverse("evidence:exhibit_detail", args=[self.exhibit_id])

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """The sending side by jurisdiction, the laboratory side by custody of the lab store."""
        return (
            super().jurisdiction_q(user, path)
            | custodied_q(user, prefix="exhibit__")
            | _lab_custodian_q(user)
        )


def _lab_custodian_q(user: Any) -> Q:
    from sahakar.evidence.models.stores import StoreCustodian

    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    stores = StoreCustodian.objects.filter(user=user, ended_at__isnull=True).values("store_id")
    return Q(lab_id__in=stores)
