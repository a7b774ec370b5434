"""Published monthly snapshots of the public figures."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class SnapshotQuerySet(models.QuerySet["Snapshot"]):
    def latest_revisions(self) -> SnapshotQuerySet:
        """The current revision of each published month, newest month first."""
        newest = Snapshot.objects.filter(month=models.OuterRef("month")).order_by("-revision")
        return self.filter(revision=models.Subquery(newest.values("revision")[:1])).order_by(
            "-month"
        )


class Snapshot(models.Model):
    """One publication of a month's figures, already suppressed. Append-only: a month whose
    figures change is published again as the next revision; earlier revisions stay as they
    were, with their date and hash."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    revision = models.PositiveIntegerField(_("revision"))
    published_at = models.DateTimeField(_("published at"))
    threshold = models.PositiveIntegerField(_("smallest published count"))
    content = models.JSONField(_("published tables"))
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    note = models.TextField(_("note"), blank=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("public figures snapshot")
        verbose_name_plural = _("public figures snapshots")
        ordering = ["-month", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["month", "revision"], name="public_snapshot_revision")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} r{self.revision}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A published snapshot never changes: publish a new revision.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("A published snapshot is never deleted.")
