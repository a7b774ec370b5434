"""Response times of list and detail pages and API calls at a demo data size.

Loads `manage.py demo --size SIZE` into a database of its own (a SQLite file under
var/bench/, or a PostgreSQL database named sahakar_bench_SIZE on the server given), then, as
a national user (auditor, NACD) and as a provincial officer (pp.officer, ADB-PP), requests
each page N times (detail pages: N different random records the user may see) and prints
p50/p95 in milliseconds, the queries per request and the data sizes. See bench/README.md.

    python bench/pages.py --size small
    python bench/pages.py --size national --database-url postgres://postgres@127.0.0.1:5432/
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import benchdb

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SIZES = ("tiny", "small", "national", "large")
NATIONAL_USER, PROVINCIAL_USER = "auditor", "pp.officer"
TARGET_P95_MS = 50  # docs/quality.md: single records and first list pages, at `national`


@dataclass(frozen=True)
class Page:
    path: str  # with {pk} for a detail page
    model: str = ""  # app_label.ModelName whose records fill {pk}


PAGES = (
    Page("/"),
    Page("/venues/"),
    Page("/operations/"),
    Page("/seizures/"),
    Page("/persons/"),
    Page("/venues/{pk}/", "venues.Venue"),
    Page("/operations/{pk}/", "operations.Operation"),
    Page("/seizures/{pk}/", "seizures.Seizure"),
    Page("/persons/{pk}/", "persons.Person"),
    Page("/api/v1/venues/"),
    Page("/api/v1/operations/"),
    Page("/api/v1/seizures/"),
    Page("/api/v1/persons/"),
    Page("/api/v1/venues/{pk}/", "venues.Venue"),
    Page("/api/v1/operations/{pk}/", "operations.Operation"),
    Page("/api/v1/seizures/{pk}/", "seizures.Seizure"),
    Page("/api/v1/persons/{pk}/", "persons.Person"),
)
COUNTED = (
    "venues.Venue",
    "operations.Operation",
    "operations.Inspection",
    "seizures.Seizure",
    "seizures.SeizureItem",
    "seizures.SeizedProperty",
    "persons.Person",
)


@dataclass
class Result:
    user: str
    page: str
    times_ms: list[float]
    cpu_ms: list[float]  # this process only: no database server, no waiting for the CPU
    statuses: dict[int, int]
    queries: int
    size_bytes: int

    @property
    def p50(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        if len(self.times_ms) < 2:
            return self.times_ms[0]
        return statistics.quantiles(self.times_ms, n=20, method="inclusive")[18]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url, label, marker = database(args)
    if url.startswith("postgres"):
        benchdb.prepare_postgres(url, args.rebuild)
    else:
        benchdb.prepare_sqlite(Path(urlsplit(url).path), args.rebuild)
    setup_django(url)
    generation = load_demo(args.size, args.seed, marker)
    print_header(args, label, generation)
    results = measure(args)
    print_results(results)
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--seed", type=int, default=2026, help="demo seed (default: 2026)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/ (the database "
        "defaults to sahakar_bench_SIZE and is created if missing); SQLite under var/bench/ "
        "when not given",
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument(
        "--rebuild", action="store_true", help="drop the benchmark database and load it again"
    )
    parser.add_argument(
        "--http",
        action="store_true",
        help="time real HTTP requests to a gunicorn started on 127.0.0.1 instead of Django's "
        "test client in this process",
    )
    return parser.parse_args(argv)


def database(args: argparse.Namespace) -> tuple[str, str, Path]:
    """The database URL, a label for it, and the file that remembers how it was loaded."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if not args.database_url:
        path = BENCH_DIR / f"sahakar-{args.size}.sqlite3"
        return f"sqlite:///{path}", f"SQLite {path.relative_to(ROOT)}", path.with_suffix(".json")
    parts = urlsplit(args.database_url)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("--database-url must be a postgres:// URL (SQLite is the default)")
    name = parts.path.strip("/") or f"sahakar_bench_{args.size}"
    url = urlunsplit(parts._replace(path=f"/{name}"))
    label = f"PostgreSQL {parts.hostname}:{parts.port or 5432}/{name}"
    return url, label, BENCH_DIR / f"postgres-{parts.hostname}-{name}.json"


def setup_django(url: str) -> None:
    benchdb.setup_django(url)
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per sign-in otherwise


def load_demo(size: str, seed: int, marker: Path) -> dict[str, Any]:
    """Migrate, load reference data and the demo; returns how (and how fast) it was loaded."""
    from django.core.management import call_command

    from sahakar.demo import reset
    from sahakar.demo.generate import analyze_tables
    from sahakar.demo.users import author

    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=StringIO())
    known = json.loads(marker.read_text()) if marker.exists() else None
    if known and known["size"] != size:
        raise SystemExit(f"{marker} holds the {known['size']} demo; use --rebuild")
    if reset.exists(author()):  # loaded before: only make sure the demo users are complete
        call_command("demo", "--size", size, "--seed", str(seed), stdout=StringIO())
        analyze_tables()  # as a live database's autovacuum would have by now
        return known or {"size": size, "seed": seed, "generation_s": None}
    print(f"Loading the {size} demo (manage.py demo --size {size}) ...", flush=True)
    started = time.monotonic()
    call_command("demo", "--size", size, "--seed", str(seed))
    loaded = {
        "size": size,
        "seed": seed,
        "generation_s": round(time.monotonic() - started, 1),
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    marker.write_text(json.dumps(loaded, indent=2))
    return loaded


def print_header(args: argparse.Namespace, label: str, generation: dict[str, Any]) -> None:
    import django
    from django.apps import apps
    from django.db import connection

    counts = {model: apps.get_model(model)._default_manager.count() for model in COUNTED}
    print()
    print(f"# Sahakar page benchmark: {args.size} demo on {label}")
    print()
    print(
        f"- database: {connection.vendor} {database_version()}, "
        f"size {database_bytes() / 2**20:,.0f} MB"
    )
    print(
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"{os.cpu_count()} CPUs, "
        + ("HTTP to gunicorn (2 workers)" if args.http else "Django test client, in process")
    )
    generated = generation.get("generation_s")
    print(
        f"- demo: seed {generation.get('seed')}, generated in "
        + (f"{generated:,.0f} s" if generated is not None else "(unknown: loaded earlier)")
    )
    print("- records: " + ", ".join(f"{m.split('.')[1]} {n:,}" for m, n in counts.items()))
    print(
        f"- {args.repeat} timed requests per page (after 2 untimed), p95 target {TARGET_P95_MS} ms"
    )
    print(f"- load average before: {load_average()}")
    print(flush=True)


def load_average() -> str:
    """Other work on the machine skews the figures; say how busy it was."""
    try:
        return " ".join(f"{n:.2f}" for n in os.getloadavg())
    except OSError:
        return "unknown"


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return str(cursor.fetchone()[0]).split(" ")[0]


def database_bytes() -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    path = Path(connection.settings_dict["NAME"])
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def measure(args: argparse.Namespace) -> list[Result]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    rng = random.Random(args.seed)
    results = []
    for username in (NATIONAL_USER, PROVINCIAL_USER):
        user = get_user_model().objects.get(username=username)
        client = Client()
        sign_in(client, user)
        with requester(client, args.http) as get:
            for page in PAGES:
                paths = page_paths(page, user, args.repeat + 2, rng)
                if not paths:
                    continue
                results.append(time_page(username, page, paths, client, get, not args.http))
                print(".", end="", flush=True)
    print()
    return results


def sign_in(client: Any, user: Any) -> None:
    """A signed-in session that has also passed the second factor, as after typing a code."""
    client.force_login(user)
    try:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice
    except ImportError:  # no second factor in this version
        return
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="benchmark", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def page_paths(page: Page, user: Any, count: int, rng: random.Random) -> list[str]:
    """The list page `count` times, or `count` different records the user may see."""
    if not page.model:
        return [page.path] * count
    from django.apps import apps

    visible = apps.get_model(page.model).objects.restrict(user).values_list("pk", flat=True)
    pks = list(visible)
    if not pks:
        return []
    chosen = rng.sample(pks, k=min(count, len(pks)))
    return [page.path.format(pk=pk) for pk in chosen]


Get = Callable[[str], tuple[int, int]]


@contextmanager
def requester(client: Any, over_http: bool) -> Iterator[Get]:
    """A function that requests a path and returns (status, bytes)."""
    if not over_http:

        def get_in_process(path: str) -> tuple[int, int]:
            response = client.get(path)
            return response.status_code, len(response.content)

        yield get_in_process
        return
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    with gunicorn() as port:

        def get_over_http(path: str) -> tuple[int, int]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                return response.status, len(response.read())
            finally:
                connection.close()

        yield get_over_http


@contextmanager
def gunicorn() -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable, "-m", "gunicorn", "sahakar.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", "2", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    try:
        benchdb.wait_for_port(server, port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def time_page(
    username: str, page: Page, paths: list[str], client: Any, get: Get, in_process: bool
) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths[:2]:  # warm caches and connections; not timed
        get(path)
    with CaptureQueriesContext(connection) as captured:
        client.get(paths[0])
    queries = len(captured)  # now: the next request clears the log it reads
    times: list[float] = []
    cpu: list[float] = []
    statuses: dict[int, int] = {}
    size = 0
    for path in paths[2:] or paths:
        started, started_cpu = time.perf_counter(), time.process_time()
        status, size = get(path)
        times.append((time.perf_counter() - started) * 1000)
        if in_process:  # over HTTP the work is done in gunicorn's processes
            cpu.append((time.process_time() - started_cpu) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
    return Result(username, page.path, times, cpu, statuses, queries, size)


def print_results(results: list[Result]) -> None:
    print()
    print("| user | page | p50 ms | p95 ms | cpu p50 ms | queries | bytes | status |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        flag = " *" if r.p95 > TARGET_P95_MS else ""
        statuses = ", ".join(f"{code}x{n}" for code, n in sorted(r.statuses.items()))
        print(
            f"| {r.user} | {r.page} | {r.p50:.1f} | {r.p95:.1f}{flag} "
            f"| {f'{statistics.median(r.cpu_ms):.1f}' if r.cpu_ms else '-'} | {r.queries} "
            f"| {r.size_bytes:,} | {statuses} |"
        )
    slow = [r for r in results if r.p95 > TARGET_P95_MS]
    print()
    print(f"Load average after: {load_average()}")
    print(f"* p95 above {TARGET_P95_MS} ms: {len(slow)} of {len(results)} pages.")
    failed = [r for r in results if set(r.statuses) != {200}]
    if failed:
        print("Pages answering other than 200: " + ", ".join(f"{r.user} {r.page}" for r in failed))


if __name__ == "__main__":
    sys.exit(main())
