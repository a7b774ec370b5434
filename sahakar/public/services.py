"""Publishing a month's public figures: the one writer of snapshots."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core.users import AnyUser
from sahakar.public import tables
from sahakar.public.models import Snapshot
from sahakar.statistics.months import last_whole_month


class PublishError(ValueError):
    """A month that cannot be published (not yet ended)."""


@dataclass(frozen=True)
class Published:
    snapshot: Snapshot
    created: bool  # False: the figures had not changed since the current revision


def canonical(content: Any) -> bytes:
    """The content as the bytes its hash is taken of: sorted keys, no spaces, UTF-8."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(content: Any) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def threshold() -> int:
    return int(settings.SAHAKAR_PUBLIC_MIN_COUNT)


def earlier_withheld(month: date) -> dict[date, set[str]]:
    """Cells of this year's earlier months already withheld in a current revision."""
    found: dict[date, set[str]] = {}
    earlier = Snapshot.objects.latest_revisions().filter(
        month__gte=date(month.year, 1, 1), month__lt=month
    )
    for snapshot in earlier:
        for start, codes in tables.withheld_months(snapshot.content).items():
            found.setdefault(start, set()).update(codes)
    return found


def publish_month(month: date, *, acting_user: AnyUser | None, note: str = "") -> Published:
    """Publishes the figures of `month` (its first day): a new revision when they differ from
    the month's current one (or when there is none), otherwise nothing new. Only whole
    months that have ended are published."""
    month = month.replace(day=1)
    if month > last_whole_month():
        raise PublishError("Only a month that has ended can be published.")
    with transaction.atomic():
        current = (
            Snapshot.objects.select_for_update().filter(month=month).order_by("-revision").first()
        )
        limit = threshold()
        content = tables.build(month, limit, earlier=earlier_withheld(month))
        digest = content_hash(content)
        if current is not None and current.sha256 == digest:
            return Published(current, created=False)
        snapshot = Snapshot(
            month=month,
            revision=(current.revision + 1) if current else 1,
            published_at=timezone.now(),
            threshold=limit,
            content=content,
            sha256=digest,
            note=note,
        )
        snapshot.save()
        record(
            AuditAction.CREATE,
            snapshot,
            after={"month": f"{month:%Y-%m}", "revision": snapshot.revision, "sha256": digest},
            user=acting_user,
        )
    return Published(snapshot, created=True)
