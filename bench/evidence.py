"""What the evidence room costs at volume: custody report, label sheet, inventory, batch move.

Runs in a database of its own (var/bench/evidence.sqlite3, or sahakar_bench_evidence on the
PostgreSQL server given), fills a store with exhibits in bulk (each with its intake event,
exactly as the custody service would store them), then times, through the real code paths:

1. the signed custody report PDF of an exhibit with 50 events (target under 1 s);
2. a label sheet PDF of 100 exhibits with their QR codes (under 3 s);
3. an inventory of a store holding 10,000 exhibits: start, scan all, close (under 2 s for
   start + close; the scans are timed apart, per scan);
4. a batch transfer of 500 exhibits to another location in one step (under 2 s).

    python bench/evidence.py
    python bench/evidence.py --database-url postgres://postgres@127.0.0.1:5432/
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"

from benchdb import prepare_postgres, prepare_sqlite, setup_django  # noqa: E402

TARGETS = {
    "custody report, 50 events": 1.0,
    "label sheet, 100 exhibits": 3.0,
    "inventory of 10,000 exhibits (start + close)": 2.0,
    "batch transfer of 500 exhibits": 2.0,
    "inventory scan, one exhibit": 0.1,
}


def database_url(base: str | None) -> str:
    if base:
        url = base.rstrip("/") + "/sahakar_bench_evidence"
        prepare_postgres(url, rebuild=True)
        return url
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / "evidence.sqlite3"
    prepare_sqlite(path, rebuild=True)
    return f"sqlite:///{path}"


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


class World:
    """A vault with two shelves, a laboratory, their custodians and a seizure of many items."""

    def __init__(self) -> None:
        from django.contrib.auth import get_user_model
        from django.utils import timezone

        from sahakar.accounts.models import Profile, Role, RoleAssignment
        from sahakar.agencies.models import Agency
        from sahakar.evidence.models import EvidenceStore, StoreCustodian, StoreLocation
        from sahakar.geo.models import OrgUnit
        from sahakar.seizures.models import Seizure

        self.now = timezone.now()
        pp = OrgUnit.objects.get(code="12")
        adb = Agency.objects.get(code="ADB-PP")
        users = get_user_model().objects
        self.custodian = users.create_user("bench.custodian")
        RoleAssignment.objects.create(
            user=self.custodian, role=Role.objects.get(code="evidence_custodian"), jurisdiction=pp
        )
        Profile.objects.create(user=self.custodian, agency=adb)
        self.vault = EvidenceStore.objects.create(
            code="BENCH-VAULT",
            name="Bench vault",
            kind="drug_vault",
            agency=adb,
            org_unit=pp,
            holds_drugs=True,
        )
        self.shelf = StoreLocation.objects.create(store=self.vault, code="A")
        self.other_shelf = StoreLocation.objects.create(store=self.vault, code="B")
        StoreCustodian.objects.create(
            store=self.vault, user=self.custodian, assigned_at=self.now - timedelta(days=30)
        )
        self.seizure = Seizure.objects.create(
            seized_at=self.now - timedelta(days=20),
            org_unit=pp,
            place_description="Bench",
            seizing_agency=adb,
        )

    def exhibits(self, count: int, prefix: str) -> list[Any]:
        """`count` exhibits held on shelf A, each with its intake event, inserted in bulk."""
        from sahakar.evidence.models import CustodyEvent, Exhibit
        from sahakar.substances.models import Substance

        meth = Substance.objects.get(code="METH")
        at = self.now - timedelta(days=10)
        made = Exhibit.objects.bulk_create(
            [
                Exhibit(
                    reference=f"EX-BENCH-{prefix}-{n:06d}",
                    seizure=self.seizure,
                    substance=meth,
                    form="tablet",
                    seal_number=f"BS-{prefix}-{n:06d}",
                    description="Bench package",
                    gross_weight_g=Decimal("25"),
                    net_quantity=Decimal("200"),
                    net_unit="tablets",
                    store=self.vault,
                    location=self.shelf,
                    event_count=1,
                    last_event_at=at,
                    created_by=self.custodian,
                )
                for n in range(count)
            ],
            batch_size=2000,
        )
        made = list(Exhibit.objects.filter(reference__startswith=f"EX-BENCH-{prefix}-"))
        CustodyEvent.objects.bulk_create(
            [
                CustodyEvent(
                    exhibit=e,
                    seq=1,
                    kind="intake",
                    occurred_at=at,
                    actor=self.custodian,
                    to_store=self.vault,
                    to_location=self.shelf,
                    seal_number=e.seal_number,
                    net_quantity=e.net_quantity,
                    net_unit="tablets",
                    created_by=self.custodian,
                )
                for e in made
            ],
            batch_size=2000,
        )
        return made


def bench_batch_transfer(world: World, repeat: int) -> list[float]:
    from sahakar.evidence import services

    runs = []
    for run in range(repeat):
        exhibits = world.exhibits(500, f"T{run}")
        started = time.perf_counter()
        services.move_many(
            exhibits,
            "transfer",
            to_store=world.vault,
            to_location=world.other_shelf,
            acting_user=world.custodian,
        )
        runs.append(time.perf_counter() - started)
    return runs


def bench_inventory(world: World, repeat: int) -> tuple[list[float], list[float]]:
    """A full inventory of a store holding 10,000 exhibits: start + close timed together;
    the scans (each an audited write) timed apart, per scan, over a sample of 200."""
    from sahakar.evidence import inventories
    from sahakar.evidence.models import EvidenceStore, StoreCustodian, StoreLocation

    store = EvidenceStore.objects.create(
        code="BENCH-BIG",
        name="Bench big vault",
        kind="drug_vault",
        agency=world.vault.agency,
        org_unit=world.vault.org_unit,
        holds_drugs=True,
    )
    shelf = StoreLocation.objects.create(store=store, code="A")
    StoreCustodian.objects.create(store=store, user=world.custodian, assigned_at=world.now)
    exhibits = world.exhibits(10_000, "INV")
    from sahakar.evidence.models import Exhibit

    Exhibit.objects.filter(pk__in=[e.pk for e in exhibits]).update(store=store, location=shelf)
    codes = [e.reference for e in exhibits]
    totals, scans = [], []
    for _run in range(repeat):
        started = time.perf_counter()
        inventory = inventories.start_inventory(
            store, reason="Bench count", acting_user=world.custodian
        )
        opened = time.perf_counter() - started
        for code in codes[:200]:
            began = time.perf_counter()
            inventories.record_scan(inventory, code, location=shelf, acting_user=world.custodian)
            scans.append(time.perf_counter() - began)
        started = time.perf_counter()
        inventories.close_inventory(inventory, acting_user=world.custodian)
        totals.append(opened + time.perf_counter() - started)
    return totals, scans


def bench_labels(world: World, repeat: int) -> list[float]:
    """The label sheet PDF of 100 exhibits, read from the database as the page does."""
    from sahakar.evidence.labels import label_sheet_pdf
    from sahakar.evidence.models import Exhibit

    world.exhibits(100, "LBL")
    chosen = Exhibit.objects.filter(reference__startswith="EX-BENCH-LBL-").select_related(
        "seizure", "substance"
    )
    return timed(
        lambda: label_sheet_pdf(chosen.all(), base="https://sahakar.example", request=None),
        repeat,
    )


def bench_custody_report(world: World, repeat: int) -> list[float]:
    """The signed custody report PDF of an exhibit with 50 events: intake, then 49 moves
    between two shelves, recorded through the custody service."""
    from sahakar.evidence import services
    from sahakar.evidence.reports import document

    (exhibit,) = world.exhibits(1, "RPT")
    start = world.now - timedelta(days=9)
    for step in range(49):
        shelf = world.other_shelf if step % 2 == 0 else world.shelf
        services.move(
            exhibit,
            "transfer",
            to_store=world.vault,
            to_location=shelf,
            occurred_at=start + timedelta(hours=step),
            acting_user=world.custodian,
        )
    exhibit.refresh_from_db()
    assert exhibit.event_count == 50
    return timed(lambda: document.exhibit_report(exhibit), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = database_url(args.database_url)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", verbosity=0, stdout=quiet)
    world = World()
    results = {"batch transfer of 500 exhibits": bench_batch_transfer(world, args.repeat)}
    results["label sheet, 100 exhibits"] = bench_labels(world, args.repeat)
    results["custody report, 50 events"] = bench_custody_report(world, args.repeat)
    totals, scans = bench_inventory(world, args.repeat)
    results["inventory of 10,000 exhibits (start + close)"] = totals
    results["inventory scan, one exhibit"] = scans
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"\n{engine}, load average {os.getloadavg()[0]:.2f}, {args.repeat} runs each\n")
    print("| measure | median s | max s | target s |")
    print("| --- | ---: | ---: | ---: |")
    for name, times in results.items():
        target = TARGETS[name]
        flag = "" if max(times) < target else " *"
        print(
            f"| {name} | {statistics.median(times):.3f} | {max(times):.3f}{flag} | {target:.1f} |"
        )


if __name__ == "__main__":
    main()
