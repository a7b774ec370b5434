"""Rules a campaign is checked against beyond its own fields, and the one audience writer.

The page (forms.py and views.py, an inline formset turned into rows by
core.forms.formset_rows) and the API (api/serializers.py) both use these, so they refuse
and save the same things.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sahakar.agencies.models import Agency
from sahakar.core.attribution import save_as
from sahakar.prevention.models import AudienceCount, Campaign

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser


def validate_partners(organiser: Agency | None, partners: Iterable[Agency]) -> None:
    """The organising agency is not also listed as its own partner."""
    if organiser is not None and any(p.pk == organiser.pk for p in partners):
        raise ValidationError(
            {
                "partners": _("%(agency)s organises this campaign; it is not also a partner.")
                % {"agency": organiser}
            }
        )


def repeated_groups(rows: Iterable[dict[str, Any]]) -> list[bool]:
    """For each row, whether an earlier row counts the same sex and age group."""
    seen: set[tuple[str, str]] = set()
    repeated = []
    for row in rows:
        key = (row.get("sex", ""), row.get("age_group", ""))
        repeated.append(key in seen)
        seen.add(key)
    return repeated


def sync_audience(
    campaign: Campaign, rows: Iterable[dict[str, Any]], *, acting_user: AnyUser | None
) -> None:
    """Make the campaign's audience counts exactly `rows` ({sex, age_group, count}), each row
    added or changed attributed to `acting_user`.

    Rows are matched by their group (sex and age group), so a corrected count updates its
    row, with the change in that row's history, instead of replacing it.
    """
    existing = {(row.sex, row.age_group): row for row in campaign.audience.all()}
    sent = set()
    with transaction.atomic():
        for values in rows:
            key = (values["sex"], values["age_group"])
            sent.add(key)
            row = existing.get(key)
            if row is None:
                save_as(AudienceCount(campaign=campaign, **values), acting_user)
            elif row.count != values["count"]:
                row.count = values["count"]
                save_as(row, acting_user)
        for key, row in existing.items():
            if key not in sent:
                row.delete()
