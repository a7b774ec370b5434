"""What the audit trail costs: extra time per audited write, and verification speed.

Runs in a database of its own (a SQLite file under var/bench/, or a PostgreSQL database
named sahakar_bench_audit on the server given), then:
1. writes N venues with the audit trail on and N with it off and prints the overhead per write;
2. fills the trail to --entries entries (1,000,000 by default; the chain is computed exactly
   as audit.chain.append does, written in bulk) and times `audit verify` over all of it.

    python bench/audit.py
    python bench/audit.py --entries 1000000 --database-url postgres://postgres@127.0.0.1:5432/
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"


def _database_url(base: str | None) -> str:
    if base:
        return base.rstrip("/") + "/sahakar_bench_audit"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / "audit.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahakar.settings")
    sys.path.insert(0, str(ROOT))
    if url.startswith("postgres"):
        import psycopg

        admin, name = url.rsplit("/", 1)
        with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def _time_writes(n: int, audited: bool) -> list[float]:
    from django.db.models.signals import post_save, pre_save

    from sahakar.core import changelog
    from sahakar.geo.models import OrgUnit
    from sahakar.venues.models import Venue

    unit = OrgUnit.objects.get(code="12")
    if not audited:
        pre_save.disconnect(
            changelog._pre_save, sender=Venue, dispatch_uid="changelog-pre-venues.venue"
        )
        post_save.disconnect(
            changelog._post_save, sender=Venue, dispatch_uid="changelog-post-venues.venue"
        )
    times = []
    try:
        for i in range(n):
            start = time.perf_counter()
            Venue.objects.create(name=f"Bench venue {audited} {i}", kind="bar", org_unit=unit)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        changelog.connect()
    return times


def _fill(total: int, batch: int = 20_000) -> float:
    """Append entries up to `total`, hash-chained as chain.append() does; seconds taken."""
    from django.db import transaction
    from django.utils import timezone

    from sahakar.audit import chain, keys
    from sahakar.audit.models import AuditEntry, AuditHead

    start = time.perf_counter()
    head, _ = AuditHead.objects.get_or_create(pk=1)
    seq, prev = head.seq, head.hash
    audit_keys = keys.configured()
    while seq < total:
        rows = []
        for _ in range(min(batch, total - seq)):
            seq += 1
            entry = AuditEntry(
                seq=seq,
                time=timezone.now(),
                username="bench",
                source="bench",
                request_id=f"{seq:032x}",
                action="view",
                object_id=str(seq),
                object_repr=f"Person #{seq}",
                detail={"ids": [seq]},
                prev_hash=prev,
            )
            entry.hash = chain.entry_hash(entry)
            chain.sign(entry, audit_keys)
            prev = entry.hash
            rows.append(entry)
        with transaction.atomic():
            AuditEntry.objects.bulk_create(rows)
            AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev)
        print(f"  {seq:,} entries", end="\r", flush=True)
    print()
    return time.perf_counter() - start


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="a PostgreSQL server URL (without db name)")
    args = parser.parse_args()
    url = _database_url(args.database_url)
    _setup(url)
    from django.db import connection

    from sahakar.audit import chain

    print(f"database: {connection.vendor}")
    plain = _time_writes(args.writes, audited=False)
    audited = _time_writes(args.writes, audited=True)
    print(f"write without audit: p50 {_p(plain, 50):.2f} ms, p95 {_p(plain, 95):.2f} ms")
    print(f"write with audit:    p50 {_p(audited, 50):.2f} ms, p95 {_p(audited, 95):.2f} ms")
    overhead = statistics.median(audited) - statistics.median(plain)
    print(f"audit overhead per write: {overhead:.2f} ms (median)")
    seconds = _fill(args.entries)
    print(f"filled the trail to {args.entries:,} entries in {seconds:.1f} s")
    start = time.perf_counter()
    result: Any = chain.verify()
    elapsed = time.perf_counter() - start
    print(
        f"verify: {'intact' if result.ok else result.problem}; {result.checked:,} entries in "
        f"{elapsed:.1f} s = {result.checked / elapsed:,.0f} entries/s"
    )


if __name__ == "__main__":
    main()
