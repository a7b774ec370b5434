"""Human-readable reference numbers such as OP-PP-2026-00042.

Each (kind, province, year) has its own counter in django-sequences, drawn inside the
record's insert transaction: concurrent inserts wait on the counter row and never share a
number, and a rolled-back insert gives its number back.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from sequences import get_next_value

from sahakar.geo.models import OrgUnit


def province_short_code(unit: OrgUnit) -> str:
    province = unit.province()
    if province is not None and province.short_code:
        return province.short_code
    root_code = unit.path.strip("/").split("/")[0]
    return root_code[:4].upper()


def next_reference(prefix: str, unit: OrgUnit, when: datetime) -> str:
    local_year = timezone.localtime(when).year if timezone.is_aware(when) else when.year
    key = f"{prefix}-{province_short_code(unit)}-{local_year}"
    return f"{key}-{get_next_value(key):05d}"


class ReferenceNumbered(models.Model):
    """Gives a record a unique reference drawn from its org unit's province and its date."""

    reference = models.CharField(_("reference"), max_length=40, unique=True, editable=False)

    reference_prefix: ClassVar[str] = "REC"

    class Meta:
        abstract = True

    def reference_time(self) -> datetime:
        return timezone.now()

    def reference_unit(self) -> OrgUnit:
        unit: OrgUnit = getattr(self, "org_unit")  # noqa: B009
        return unit

    def before_insert(self) -> None:
        super().before_insert()  # type: ignore[misc]
        if not self.reference:
            self.reference = next_reference(
                self.reference_prefix, self.reference_unit(), self.reference_time()
            )
