"""Inventory audits of a store (IAPE standard 15.1): start, scan, close.

`start_inventory` writes down what the store should hold (every exhibit held there, with its
recorded location), all of it or a random sample of a stated size; `record_scan` marks what
is found on the shelves; `close_inventory` sets every line's finding in a few bulk queries
and keeps the counts. A closed inventory is never changed. Lines are written in bulk: the
inventory's own change history (started, closed with its counts) is the audit of the count.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sahakar.core import changelog, permissions
from sahakar.core.users import AnyUser, recorded_user
from sahakar.evidence.choices import ExhibitStatus, InventoryFinding, InventoryKind
from sahakar.evidence.models import (
    EvidenceStore,
    Exhibit,
    Inventory,
    InventoryLine,
    StoreLocation,
)
from sahakar.evidence.services import is_custodian

SUPERVISOR_ROLES = frozenset({"evidence_supervisor"})
BATCH = 2000  # lines per INSERT: well inside SQLite's and PostgreSQL's parameter limits
QR_PATH = "/evidence/x/"  # the path of an exhibit's QR payload: .../evidence/x/<reference>


# ---------------------------------------------------------------- who may count a store


def holds_role_over(
    user: AnyUser | None, store: EvidenceStore, roles: frozenset[str], model: type
) -> bool:
    """Whether the user holds one of `roles`, allowing to change `model`, where the store is."""
    path = store.org_unit.path
    return any(
        scope.role in roles
        and scope.allows(model, permissions.CHANGE)
        and (scope.is_nation or path.startswith(scope.path))
        for scope in permissions.scopes(user)
    )


def supervises(user: AnyUser | None, store: EvidenceStore) -> bool:
    """An evidence supervisor whose role allows changing inventories where the store is."""
    return holds_role_over(user, store, SUPERVISOR_ROLES, Inventory)


def may_count(user: AnyUser | None, store: EvidenceStore) -> bool:
    """A custodian of the store, or an evidence supervisor over it."""
    return is_custodian(user, store) or supervises(user, store)


def stores_counted_by(user: AnyUser | None) -> QuerySet[EvidenceStore]:
    """The stores whose inventory the user may take: theirs, and those they supervise."""
    if recorded_user(user) is None:
        return EvidenceStore.objects.none()
    condition = Q(custodians__user=user, custodians__ended_at__isnull=True)
    for scope in permissions.scopes(user):
        if scope.role in SUPERVISOR_ROLES and scope.allows(Inventory, permissions.CHANGE):
            if scope.is_nation:
                return EvidenceStore.objects.all()
            condition |= Q(org_unit__path__startswith=scope.path)
    return EvidenceStore.objects.filter(pk__in=EvidenceStore.objects.filter(condition).values("pk"))


def _require_counter(user: AnyUser | None, store: EvidenceStore) -> None:
    if recorded_user(user) is None or not may_count(user, store):
        raise ValidationError(
            {
                "store": _(
                    "Only a custodian of %(store)s or an evidence supervisor over it can "
                    "take its inventory."
                )
                % {"store": store}
            }
        )


def _require_open(inventory: Inventory) -> None:
    if inventory.closed_at is not None:
        raise ValidationError(
            {
                "inventory": _("This inventory was closed on %(time)s: it is kept as it is.")
                % {"time": timezone.localtime(inventory.closed_at).strftime("%Y-%m-%d %H:%M")}
            }
        )


# ---------------------------------------------------------------- start


def held_in(store: EvidenceStore) -> list[tuple[int, int | None]]:
    """(exhibit id, recorded location id) of every exhibit the store holds, by id."""
    rows = (
        Exhibit._base_manager.filter(store=store, status=ExhibitStatus.HELD)
        .order_by("pk")
        .values_list("pk", "location_id")
    )
    return list(rows)


def sample_of(
    held: Sequence[tuple[int, int | None]], size: int, seed: int
) -> list[tuple[int, int | None]]:
    """The same `size` exhibits for the same seed over the same exhibits (sorted by id)."""
    ordered = sorted(held)
    picked = random.Random(seed).sample(range(len(ordered)), size)  # noqa: S311  # an audit sample, not a secret
    return [ordered[i] for i in sorted(picked)]


def start_inventory(
    store: EvidenceStore,
    *,
    kind: str = InventoryKind.FULL,
    sample_size: int | None = None,
    reason: str,
    seed: int | None = None,
    acting_user: AnyUser | None,
) -> Inventory:
    """Open an inventory of `store`: its expected lines are what it holds now.

    A sample inventory expects `sample_size` exhibits drawn at random; the seed is kept on
    the inventory (`sample_seed`) so the draw can be repeated. One open inventory per store.
    """
    _require_counter(acting_user, store)
    if kind not in InventoryKind.values:
        raise ValidationError({"kind": _("Choose a full or a sample inventory.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the store is counted (annual audit, change of custodian…).")}
        )
    # Grouped: the inventory's "created" history entry is written at the end, with its count.
    with transaction.atomic(), changelog.grouped():
        # The store row is the lock: two people starting at once get one inventory.
        EvidenceStore._base_manager.select_for_update().filter(pk=store.pk).first()
        _refuse_second_open(store)
        sample: list[tuple[int, int | None]] | None = None
        if kind == InventoryKind.SAMPLE:
            held = held_in(store)
            seed = _draw_seed() if seed is None else seed
            sample = sample_of(held, _checked_size(sample_size, len(held)), seed)
        elif sample_size is not None:
            raise ValidationError(
                {"sample_size": _("A full inventory counts everything: leave this empty.")}
            )
        inventory = Inventory(
            store=store,
            kind=kind,
            sample_size=sample_size if sample is not None else None,
            sample_seed=seed if sample is not None else None,
            reason=reason.strip(),
            started_at=timezone.now(),
            started_by=recorded_user(acting_user),
        )
        inventory.full_clean(exclude=["started_by", "store"], validate_unique=False)
        try:
            with transaction.atomic():
                inventory.save()
        except IntegrityError as exc:  # a race the lock did not cover (SQLite has no row locks)
            raise ValidationError({"store": _open_message(store)}) from exc
        if sample is None:
            expected = _expect_everything_held(inventory)
        else:
            expected = _expect(inventory, sample)
        Inventory._base_manager.filter(pk=inventory.pk).update(expected_count=expected)
        inventory.expected_count = expected
    return inventory


def _expect(inventory: Inventory, exhibits: Sequence[tuple[int, int | None]]) -> int:
    InventoryLine.objects.bulk_create(
        (
            InventoryLine(
                inventory=inventory,
                exhibit_id=exhibit_id,
                expected=True,
                expected_location_id=location_id,
                created_by=inventory.started_by,
            )
            for exhibit_id, location_id in exhibits
        ),
        batch_size=BATCH,
    )
    return len(exhibits)


def _expect_everything_held(inventory: Inventory) -> int:
    """One INSERT … SELECT: a store of 10,000 exhibits is written down without building
    10,000 model instances in Python (bulk_create took seconds where this takes a tenth)."""
    line, exhibit = InventoryLine._meta, Exhibit._meta
    now = connection.ops.adapt_datetimefield_value(inventory.started_at)
    # Table names come from the models' own metadata; every value is a parameter.
    sql = (
        f"INSERT INTO {line.db_table} (created, updated, created_by_id, updated_by_id, "  # noqa: S608
        "version, inventory_id, exhibit_id, expected, expected_location_id, finding) "
        f"SELECT %s, %s, %s, %s, 1, %s, id, %s, location_id, '' FROM {exhibit.db_table} "
        "WHERE store_id = %s AND status = %s ORDER BY id"
    )
    starter = inventory.started_by_id
    params = [now, now, starter, starter, inventory.pk, True, inventory.store_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, ExhibitStatus.HELD])
        return int(cursor.rowcount)


def _draw_seed() -> int:
    return secrets.randbelow(2**31)


def _checked_size(size: int | None, held: int) -> int:
    if size is None or size < 1:
        raise ValidationError({"sample_size": _("Give how many exhibits the sample checks.")})
    if held == 0:
        raise ValidationError({"sample_size": _("The store holds no exhibits to sample.")})
    if size > held:
        raise ValidationError(
            {
                "sample_size": _(
                    "The store holds %(held)s exhibits: a sample is at most that many."
                )
                % {"held": held}
            }
        )
    return size


def _open_message(store: EvidenceStore) -> str:
    return _("An inventory of %(store)s is already open: close it before starting another.") % {
        "store": store
    }


def _refuse_second_open(store: EvidenceStore) -> None:
    if Inventory._base_manager.filter(store=store, closed_at__isnull=True).exists():
        raise ValidationError({"store": _open_message(store)})


# ---------------------------------------------------------------- scan


@dataclass(frozen=True)
class Scan:
    """What one scan did: the line it marked, and whether it was new information."""

    line: InventoryLine
    changed: bool

    @property
    def expected(self) -> bool:
        return self.line.expected


def reference_in(code: str) -> str:
    """The exhibit reference a typed code or a label's QR payload names."""
    text = code.strip()
    if QR_PATH in text:
        path = urlsplit(text).path if "://" in text else text.split("?", 1)[0]
        text = unquote(path.split(QR_PATH, 1)[-1]).strip("/").split("/", 1)[0]
    return text.strip().upper()


def record_scan(
    inventory: Inventory,
    code: str,
    *,
    location: StoreLocation | None = None,
    acting_user: AnyUser | None,
) -> Scan:
    """Mark the exhibit `code` names as seen (at `location`, when given).

    An expected exhibit is marked scanned; any other known exhibit becomes an unexpected
    line. The same scan again changes nothing; the same exhibit at another location records
    where it was seen last. An unknown code is refused and nothing is written.
    """
    store = inventory.store
    _require_counter(acting_user, store)
    _require_open(inventory)
    if location is not None and location.store_id != store.pk:
        raise ValidationError(
            {"location": _("This location is not in %(store)s.") % {"store": store}}
        )
    reference = reference_in(code)
    if not reference:
        raise ValidationError({"code": _("Scan a label or type an exhibit number.")})
    exhibit = Exhibit._base_manager.filter(reference=reference).only("pk", "reference").first()
    if exhibit is None:
        raise ValidationError(
            {"code": _("No exhibit has the code “%(code)s”.") % {"code": code.strip()[:80]}}
        )
    now = timezone.now()
    with transaction.atomic():
        locked = Inventory._base_manager.select_for_update().get(pk=inventory.pk)
        _require_open(locked)
        line = InventoryLine._base_manager.filter(inventory=locked, exhibit=exhibit).first()
        if line is None:
            return Scan(_unexpected(locked, exhibit, location, now, acting_user), True)
        if line.scanned_at is not None and line.scanned_location_id == (location and location.pk):
            return Scan(line, False)
        line.scanned_at = now
        line.scanned_location = location
        line.save()
        return Scan(line, True)


def _unexpected(
    inventory: Inventory,
    exhibit: Exhibit,
    location: StoreLocation | None,
    now: datetime,
    acting_user: AnyUser | None,
) -> InventoryLine:
    if inventory.kind == InventoryKind.SAMPLE and _held_here(exhibit, inventory.store):
        raise ValidationError(
            {
                "code": _(
                    "%(exhibit)s is held in this store but is not in this sample: "
                    "look for the exhibits listed."
                )
                % {"exhibit": exhibit.reference}
            }
        )
    line = InventoryLine(
        inventory=inventory,
        exhibit=exhibit,
        expected=False,
        scanned_at=now,
        scanned_location=location,
    )
    line.save()
    return line


def _held_here(exhibit: Exhibit, store: EvidenceStore) -> bool:
    return Exhibit._base_manager.filter(
        pk=exhibit.pk, store=store, status=ExhibitStatus.HELD
    ).exists()


# ---------------------------------------------------------------- close


def live_counts(inventory: Inventory) -> dict[str, int]:
    """Expected, scanned of them, still to find, and unexpected, in one query."""
    # Named apart from the fields: an aggregate called "expected" would shadow the column.
    counts = InventoryLine._base_manager.filter(inventory=inventory).aggregate(
        n_expected=Count("pk", filter=Q(expected=True)),
        n_scanned=Count("pk", filter=Q(expected=True, scanned_at__isnull=False)),
        n_unexpected=Count("pk", filter=Q(expected=False)),
    )
    return {
        "expected": counts["n_expected"],
        "scanned": counts["n_scanned"],
        "to_find": counts["n_expected"] - counts["n_scanned"],
        "unexpected": counts["n_unexpected"],
    }


def close_inventory(inventory: Inventory, *, acting_user: AnyUser | None) -> Inventory:
    """Set every line's finding and keep the counts; from now on the inventory is final.

    Found: expected and scanned where recorded (or scanned without a location). Misplaced:
    expected and scanned at another location of the store than the recorded one. Missing:
    expected and never scanned. Unexpected: scanned but not expected. The expected count is
    found + misplaced + missing.
    """
    _require_counter(acting_user, inventory.store)
    with transaction.atomic():
        locked = Inventory._base_manager.select_for_update().get(pk=inventory.pk)
        _require_open(locked)
        lines = InventoryLine._base_manager.filter(inventory=locked)
        scanned = lines.filter(expected=True, scanned_at__isnull=False)
        elsewhere = Q(scanned_location__isnull=False) & (
            Q(expected_location__isnull=True) | ~Q(scanned_location=F("expected_location"))
        )
        scanned.filter(elsewhere).update(finding=InventoryFinding.MISPLACED)
        scanned.exclude(finding=InventoryFinding.MISPLACED).update(finding=InventoryFinding.FOUND)
        lines.filter(expected=True, scanned_at__isnull=True).update(
            finding=InventoryFinding.MISSING
        )
        lines.filter(expected=False).update(finding=InventoryFinding.UNEXPECTED)
        counts = lines.aggregate(
            n_expected=Count("pk", filter=Q(expected=True)),
            **{
                finding: Count("pk", filter=Q(finding=finding))
                for finding in InventoryFinding.values
            },
        )
        locked.expected_count = counts["n_expected"]
        locked.found_count = counts[InventoryFinding.FOUND]
        locked.missing_count = counts[InventoryFinding.MISSING]
        locked.unexpected_count = counts[InventoryFinding.UNEXPECTED]
        locked.misplaced_count = counts[InventoryFinding.MISPLACED]
        locked.closed_at = timezone.now()
        locked.closed_by = recorded_user(acting_user)
        locked.save()
    return locked
