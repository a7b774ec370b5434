"""Appending to the hash chain, and walking it to prove nothing was changed.

hash(n) = SHA-256( prev_hash(n) || canonical(entry n) ), where canonical() is sorted-key
compact JSON of every audited field, with the time in UTC ISO 8601 to the microsecond.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from sahakar.audit.models import GENESIS, AuditEntry, AuditHead

_HASHED = (
    "seq",
    "time",
    "user_id",
    "username",
    "source",
    "ip",
    "user_agent",
    "request_id",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "before",
    "after",
    "detail",
    "prev_hash",
)


def canonical(values: dict[str, Any]) -> bytes:
    """The bytes that are hashed: every field of _HASHED, as sorted compact JSON."""
    fields = {name: values[name] for name in _HASHED}
    fields["time"] = values["time"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return _dumps(fields).encode("utf-8")


_dumps = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=DjangoJSONEncoder().default
).encode


def values_hash(values: dict[str, Any]) -> str:
    return hashlib.sha256(values["prev_hash"].encode("ascii") + canonical(values)).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    return values_hash({name: getattr(entry, name) for name in _HASHED})


_IP_FIELD = AuditEntry._meta.get_field("ip")


def _normalised(value: Any) -> Any:
    """What the JSON columns will give back, so the hash is computed over stored values."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def append(**fields: Any) -> AuditEntry:
    """Add one entry at the head of the chain, in the caller's transaction if there is one."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(**fields)
        entry.time = timezone.now()
        entry.seq = head.seq + 1
        entry.prev_hash = head.hash
        entry.ip = _IP_FIELD.get_prep_value(entry.ip) or None
        entry.user_agent = (entry.user_agent or "")[:300]
        entry.object_repr = (entry.object_repr or "")[:200]
        entry.before = _normalised(entry.before)
        entry.after = _normalised(entry.after)
        entry.detail = _normalised(entry.detail) or {}
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    return entry


@dataclass
class Verification:
    checked: int
    head_seq: int
    broken_seq: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def _entries(batch: int) -> Iterator[dict[str, Any]]:
    """Every entry as a dict of its hashed fields and hash, in order, a batch at a time."""
    last = 0
    fields = (*_HASHED, "hash")
    while True:
        rows = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq").values(*fields)[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1]["seq"]


def verify(batch: int = 5000) -> Verification:
    """Walk the chain from the start; report the first entry that breaks it."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for entry in _entries(batch):
        seq = entry["seq"]
        if seq != expected_seq:
            return Verification(
                checked, seq, expected_seq, f"entry #{expected_seq} is missing (next is #{seq})"
            )
        if entry["prev_hash"] != expected_prev:
            return Verification(checked, seq, seq, f"entry #{seq} does not follow #{seq - 1}")
        if values_hash(entry) != entry["hash"]:
            return Verification(checked, seq, seq, f"entry #{seq} was changed after it was written")
        expected_prev, expected_seq = entry["hash"], expected_seq + 1
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != checked or head_hash != expected_prev:
        return Verification(
            checked,
            head_seq,
            checked + 1 if head_seq > checked else head_seq,
            f"the chain ends at #{checked} but its head says #{head_seq}",
        )
    return Verification(checked, head_seq)


def checkpoint() -> dict[str, Any]:
    """The head of the chain, to be kept outside the database."""
    head = AuditHead.objects.filter(pk=1).first()
    return {
        "seq": head.seq if head else 0,
        "hash": head.hash if head else GENESIS,
        "taken_at": datetime.now(UTC).isoformat(),
    }


def verify_checkpoint(point: dict[str, Any]) -> bool:
    """Whether the entry at the checkpoint's sequence still carries the checkpoint's hash."""
    if point["seq"] == 0:
        return True
    entry = AuditEntry.objects.filter(seq=point["seq"]).first()
    return entry is not None and entry.hash == point["hash"]
