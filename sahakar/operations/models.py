"""Operations and the venue inspections made during them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions
from sahakar.core.models import BaseModel
from sahakar.core.refnumbers import ReferenceNumbered
from sahakar.core.times import local_text
from sahakar.operations.choices import InspectionResult, OperationKind, OperationStatus

# How far ahead of the server's clock a time typed as "now" may be (a device's clock skew).
CLOCK_TOLERANCE = timedelta(minutes=5)


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

    def window(self) -> tuple[datetime, datetime | None] | None:
        """When records linked to it may have happened: from the actual start to the actual
        end (open while the operation runs). None while it is planned: nothing is done during
        an operation that has not started."""
        if self.status == OperationStatus.PLANNED or self.actual_start is None:
            return None
        return self.actual_start, self.actual_end

    def linked_time_errors(
        self, moment: datetime, what: Any, time_field: str, operation_field: str = "operation"
    ) -> dict[str, Any]:
        """Why a record of `what` at `moment` cannot be linked to this operation, keyed by the
        record's `operation_field` (not started) or `time_field` (outside its actual time);
        empty when it can.

        No tolerance: the actual start and end are the times the officers recorded, and they
        are corrected on the operation when they were wrong.
        """
        window = self.window()
        if window is None:
            return {
                operation_field: _(
                    "The operation %(operation)s is still planned: start it (with the time it "
                    "actually started) before recording %(what)s in it."
                )
                % {"operation": self, "what": what}
            }
        start, end = window
        if moment < start or (end is not None and moment > end):
            return {
                time_field: _(
                    "This time (%(time)s) is outside the operation's actual time "
                    "(%(start)s to %(end)s)."
                )
                % {
                    "time": local_text(moment),
                    "start": local_text(start),
                    "end": local_text(end) if end else _("now, while it runs"),
                }
            }
        return {}

    def _linked_records_errors(self) -> dict[str, Any]:
        """Corrected actual times must still hold every record already linked to it."""
        assert self.actual_start is not None
        errors: dict[str, Any] = {}
        before = self.linked_records_outside(self.actual_start, None)
        after = self.linked_records_outside(None, self.actual_end) if self.actual_end else []
        message = _(
            "These records linked to the operation would fall outside its time: %(records)s."
        )
        if before:
            errors["actual_start"] = message % {"records": ", ".join(before)}
        if after:
            errors["actual_end"] = message % {"records": ", ".join(after)}
        return errors

    def linked_records_outside(self, start: datetime | None, end: datetime | None) -> list[str]:
        """The inspections, seizures and arrests linked to it that happened before `start` or
        after `end`, as "what (when)": every linked record, whoever may see it."""
        found: list[tuple[datetime, str]] = []
        linked = (
            ("operations.Inspection", "inspected_at", _("an inspection")),
            ("seizures.Seizure", "seized_at", _("a seizure")),
            ("arrests.Arrest", "arrested_at", _("an arrest")),
        )
        for label, field, what in linked:
            outside = Q()
            if start is not None:
                outside |= Q(**{f"{field}__lt": start})
            if end is not None:
                outside |= Q(**{f"{field}__gt": end})
            records = apps.get_model(label)._base_manager.filter(outside, operation=self)
            found += [(moment, str(what)) for moment in records.values_list(field, flat=True)]
        return [f"{what} ({local_text(moment)})" for moment, what in sorted(found)]

    def clean(self) -> None:
        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end is before the planned start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The actual end is before the actual start.")
        if self.actual_end and not self.actual_start:
            errors["actual_start"] = _("An operation that ended must have started.")
        latest = timezone.now() + CLOCK_TOLERANCE
        for name in ("actual_start", "actual_end"):
            moment = getattr(self, name)
            if moment and moment > latest and name not in errors:
                errors[name] = _("An actual time cannot be in the future.")
        if self.pk is not None and self.actual_start and not errors:
            errors.update(self._linked_records_errors())
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
            # The page names the operation, so its refusal is the whole form's.
            errors.update(
                self.operation.linked_time_errors(
                    self.inspected_at, _("an inspection"), "inspected_at", NON_FIELD_ERRORS
                )
            )
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
