"""Appending to the hash chain, and walking it to prove nothing was changed.

hash(n) = SHA-256( prev_hash(n) || canonical(entry n) ), where canonical() is sorted-key
compact JSON of every audited field, with the time in UTC ISO 8601 to the microsecond.

mac(n) = HMAC-SHA256( key, key_id(n) ":" hash(n) ) with a key the database never holds
(audit.keys). The hash links prove the order and content of the entries to anyone who can
read them; the MACs prove, to whoever holds the keys, that the application wrote them.
Entries written before the trail was keyed have no MAC and are checked as links only; once
one entry is signed, every later one must be.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from sahakar.audit.keys import AuditKeys, configured
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


def sign(entry: AuditEntry, keys: AuditKeys | None) -> None:
    """Set the entry's MAC (over its hash, already computed) with the signing key."""
    if keys is not None:
        entry.key_id = keys.signing_id
        entry.mac = keys.mac(entry.key_id, entry.hash) or ""


def append(**fields: Any) -> AuditEntry:
    """Add one entry at the head of the chain, in the caller's transaction if there is one."""
    return append_many([fields])[0]


def append_many(entries: list[dict[str, Any]]) -> list[AuditEntry]:
    """Add entries at the head of the chain in the order given, each linked to the one before,
    under one lock of the head and in one insert: what a batch of changes writes."""
    if not entries:
        return []
    keys = configured()
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        seq, prev_hash, now = head.seq, head.hash, timezone.now()
        made = []
        for fields in entries:
            entry = AuditEntry(**fields)
            entry.time = now
            seq += 1
            entry.seq = seq
            entry.prev_hash = prev_hash
            entry.ip = _IP_FIELD.get_prep_value(entry.ip) or None
            entry.user_agent = (entry.user_agent or "")[:300]
            entry.object_repr = (entry.object_repr or "")[:200]
            entry.before = _normalised(entry.before)
            entry.after = _normalised(entry.after)
            entry.detail = _normalised(entry.detail) or {}
            entry.hash = entry_hash(entry)
            sign(entry, keys)
            prev_hash = entry.hash
            made.append(entry)
        if len(made) == 1:
            made[0].save(force_insert=True)
        else:
            AuditEntry.objects.bulk_create(made)
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev_hash)
    return made


@dataclass
class Verification:
    checked: int
    head_seq: int
    broken_seq: int | None = None
    problem: str = ""
    keyed: bool = False  # whether MACs were checked, not only the hash links
    unkeyed: int = 0  # entries written before the trail was keyed: links only

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def _entries(batch: int) -> Iterator[dict[str, Any]]:
    """Every entry as a dict of its hashed fields, hash and MAC, in order, batch by batch."""
    last = 0
    fields = (*_HASHED, "hash", "key_id", "mac")
    while True:
        rows = list(AuditEntry.objects.filter(seq__gt=last).order_by("seq").values(*fields)[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1]["seq"]


def _link_problem(entry: dict[str, Any], expected_seq: int, expected_prev: str) -> str:
    seq = entry["seq"]
    if seq != expected_seq:
        return f"entry #{expected_seq} is missing (next is #{seq})"
    if entry["prev_hash"] != expected_prev:
        return f"entry #{seq} does not follow #{seq - 1}"
    if values_hash(entry) != entry["hash"]:
        return f"entry #{seq} was changed after it was written"
    return ""


def _mac_problem(entry: dict[str, Any], keys: AuditKeys, signed_before: bool) -> str:
    seq, key_id = entry["seq"], entry["key_id"]
    if not key_id:
        if signed_before:
            return f"entry #{seq} is forged: it carries no MAC, yet earlier entries are signed"
        return ""
    expected = keys.mac(key_id, entry["hash"])
    if expected is None:
        return f"entry #{seq} is signed with key {key_id!r}, which is not among the audit keys"
    if not hmac.compare_digest(expected, entry["mac"]):
        return f"entry #{seq} is forged: its MAC does not match key {key_id!r}"
    return ""


def verify(batch: int = 5000, keys: AuditKeys | None = None) -> Verification:
    """Walk the chain from the start; report the first entry that breaks it. With `keys`,
    every signed entry's MAC is checked too (an entry appended by someone with database
    access only does not verify); without, only the hash links are."""
    expected_prev, expected_seq, checked, unkeyed, signed = GENESIS, 1, 0, 0, False
    keyed = keys is not None
    for entry in _entries(batch):
        seq = entry["seq"]
        problem = _link_problem(entry, expected_seq, expected_prev)
        if not problem and keys is not None:
            problem = _mac_problem(entry, keys, signed)
        if problem:
            broken = expected_seq if seq != expected_seq else seq
            return Verification(checked, seq, broken, problem, keyed, unkeyed)
        signed = signed or bool(entry["key_id"])
        unkeyed += 0 if entry["key_id"] else 1
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
            keyed,
            unkeyed,
        )
    return Verification(checked, head_seq, keyed=keyed, unkeyed=unkeyed)


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
