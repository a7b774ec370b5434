"""The dedicated databases the benchmarks fill: made, dropped and opened the same way."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def prepare_sqlite(path: Path, rebuild: bool) -> None:
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)


def prepare_postgres(url: str, rebuild: bool) -> None:
    """Create the benchmark database if it is missing (drop it first with --rebuild)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.strip("/")
    if rebuild and "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: --rebuild only drops *bench* databases")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        if rebuild:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahakar.settings")
    os.environ.setdefault("DEBUG", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def wait_for_port(server: subprocess.Popen[bytes], port: int, seconds: float = 30) -> None:
    """Return once a server just started listens on `port`; stop the benchmark if it exits
    or does not answer within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start") from None
            time.sleep(0.2)
