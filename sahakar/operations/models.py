"""Operations and the venue inspections made during them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions
from sahakar.core.models import BaseModel
from sahakar.core.refnumbers import ReferenceNumbered
from sahakar.operations.choices import InspectionResult, OperationKind, OperationStatus


def _local(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


class Operation(ReferenceNumbered, BaseModel):
    """A planned or executed action led by one agency, often with others taking part.

    Visible in the lead's and every participant's jurisdiction as well as where it happens.
    Status moves only planned > active > closed, through services.change_status().
    """

    reference_prefix = "OP"

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OperationKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OperationStatus.choices,
        default=OperationStatus.PLANNED,
        editable=False,
    )
    lead_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="led_operations",
        verbose_name=_("lead agency"),
    )
    participating_agencies = models.ManyToManyField(
        "agencies.Agency",
        blank=True,
        related_name="joined_operations",
        verbose_name=_("participating agencies"),
    )
    commander = models.CharField(_("commanding officer"), max_length=200)
    legal_authority = models.CharField(
        _("legal authority"),
        max_length=200,
        blank=True,
        help_text=_("For example the prosecutor's order number."),
    )
    org_unit = models.ForeignKey(
        "geo.OrgUnit",
        on_delete=models.PROTECT,
        related_name="operations",
        verbose_name=_("org unit"),
    )
    planned_start = models.DateTimeField(_("planned start"))
    planned_end = models.DateTimeField(_("planned end"))
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    actual_end = models.DateTimeField(_("actual end"), null=True, blank=True)
    target_venues = models.ManyToManyField(
        "venues.Venue", blank=True, related_name="targeted_by", verbose_name=_("target venues")
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-planned_start", "-pk"]
        indexes = [
            models.Index(fields=["status", "planned_start"]),
            models.Index(fields=["-planned_start", "-id"], name="operation_newest_first"),
        ]
        verbose_name = _("operation")
        verbose_name_plural = _("operations")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}" if self.reference else self.title

    def get_absolute_url(self) -> str:
        return reverse("operations:operation_detail", args=[self.pk])

    def reference_time(self) -> datetime:
        return self.planned_start

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """Where it happens, plus every operation the user's agency leads or joins."""
        q = super().jurisdiction_q(user, path)
        profile = permissions.profile_of(user)
        if profile is not None:
            joined = cls.participating_agencies.through.objects.filter(
                agency_id=profile.agency_id
            ).values("operation_id")
            q |= Q(lead_agency_id=profile.agency_id) | Q(pk__in=joined)
        return q

    def window(self) -> tuple[datetime, datetime | None]:
        """When inspections may take place: the actual times once known, else the plan."""
        start = self.actual_start or self.planned_start
        end = self.actual_end if self.actual_start else self.planned_end
        return start, end

    def clean(self) -> None:
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end is before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual end is before the actual start.")
        if self.actual_end and not self.actual_start:
            errors["actual_start"] = _("An operation that ended must have started.")
        if errors:
            raise ValidationError(errors)


class Inspection(BaseModel):
    """One venue inspected during an operation, and what was found.

    Access follows the operation (see jurisdiction_q), so a joint operation's inspections are
    seen by every participating agency.
    """

    jurisdiction_field = "operation__org_unit"

    operation = models.ForeignKey(
        Operation,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("operation"),
    )
    venue = models.ForeignKey(
        "venues.Venue",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("venue"),
    )
    inspected_at = models.DateTimeField(_("time"))
    result = models.CharField(_("result"), max_length=20, choices=InspectionResult.choices)
    persons_checked = models.PositiveIntegerField(_("persons checked"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-inspected_at", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.venue} ({timezone.localtime(self.inspected_at):%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("operations:operation_detail", args=[self.operation_id])

    @classmethod
    def jurisdiction_q(cls, user: Any, path: str) -> Q:
        """An inspection is seen by whoever sees its operation."""
        visible = Operation.objects.filter(Operation.jurisdiction_q(user, path)).values("pk")
        return Q(operation_id__in=visible)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.operation_id and self.inspected_at:
            start, end = self.operation.window()
            if self.inspected_at < start or (end is not None and self.inspected_at > end):
                errors["inspected_at"] = _(
                    "The inspection time is outside the operation's time (%(start)s to %(end)s)."
                ) % {"start": _local(start), "end": _local(end) if end else "…"}
        venue_outside = (
            self.operation_id
            and self.venue_id
            and not self.operation.org_unit.contains(self.venue.org_unit)
        )
        if venue_outside:
            errors["venue"] = _("This venue is outside the operation's org unit (%(unit)s).") % {
                "unit": self.operation.org_unit
            }
        if errors:
            raise ValidationError(errors)
