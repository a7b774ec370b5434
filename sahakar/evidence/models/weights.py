"""Weight tolerances (as data) and the discrepancies a weighing beyond them opens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sahakar.core.models import BaseModel
from sahakar.evidence.choices import DiscrepancyStatus
from sahakar.evidence.models.exhibits import Exhibit, custodied_q
from sahakar.substances.choices import Form


class WeightTolerance(models.Model):
    """How far two weighings of one exhibit may differ before someone must explain it.

    A row applies to a substance (blank: any) and a form (blank: any); the most specific row
    wins. A difference is a discrepancy when it exceeds both the absolute allowance (in the
    base unit of the weighing: g, ml, tablets or plants) and the relative one (percent of the
    earlier weighing).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    substance = models.ForeignKey(
        "substances.Substance",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("substance"),
    )
    form = models.CharField(_("form"), max_length=20, choices=Form.choices, blank=True)
    absolute = models.DecimalField(_("absolute allowance"), max_digits=12, decimal_places=3)
    relative_percent = models.DecimalField(
        _("relative allowance (%)"), max_digits=6, decimal_places=3
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("weight tolerance")
        verbose_name_plural = _("weight tolerances")

    def __str__(self) -> str:
        return f"{self.code}: ±{self.absolute} / ±{self.relative_percent} %"


class WeightDiscrepancy(BaseModel):
    """Two weighings of one exhibit that differ beyond the tolerance, until a supervisor
    closes it with a note."""

    jurisdiction_field = "exhibit__seizure__org_unit"

    exhibit = models.ForeignKey(
        Exhibit, on_delete=models.PROTECT, related_name="discrepancies", verbose_name=_("exhibit")
    )
    event = models.ForeignKey(
        "evidence.CustodyEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discrepancies",
        verbose_name=_("weighing"),
        help_text=_("The weighing that differs; empty when intake differs from the field count."),
    )
    # The two weighings compared, as codes ("intake>lab_result", "field>intake"): shown in
    # the reader's language by `stage_text`.
    stage = models.CharField(_("between"), max_length=100)
    expected = models.DecimalField(_("expected"), max_digits=14, decimal_places=3)
    measured = models.DecimalField(_("measured"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=10)
    tolerance = models.ForeignKey(
        WeightTolerance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tolerance"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DiscrepancyStatus.choices,
        default=DiscrepancyStatus.OPEN,
        editable=False,
    )
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closing_note = models.TextField(_("closing note"), blank=True, editable=False)

    class Meta:
        ordering = ["opened_at", "pk"]
        verbose_name = _("weight discrepancy")
        verbose_name_plural = _("weight discrepancies")

    def __str__(self) -> str:
        return f"{self.exhibit}: {self.expected} → {self.measured} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("evidence:exhibit_detail", args=[self.exhibit_id])

    @property
    def stage_text(self) -> str:
        """The two weighings compared, in the active language: "intake → laboratory result"."""
        from sahakar.evidence.choices import EventKind

        names = {"field": _("field (seizure)"), **dict(EventKind.choices)}
        return " → ".join(str(names.get(part, part)) for part in self.stage.split(">"))

    @property
    def difference(self) -> Any:
        return self.measured - self.expected

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        return super().jurisdiction_q(user, path) | custodied_q(user, prefix="exhibit__")
