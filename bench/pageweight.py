"""Page weight and load time of the sign-in page and the home page on an emulated 3G line.

Serves a checkout of Sahakar as it is deployed (gunicorn, DEBUG off, SAHAKAR_PRODUCTION on,
static files collected, hashed and compressed, served by WhiteNoise) on a small demo
database of its own, in a temporary data folder. Then, in the system's Chromium, with a cold
cache and the line throttled through the DevTools protocol (Network.emulateNetworkConditions:
1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), it loads the sign-in page and the home
page of a demo persona (pp.officer), in English and in Khmer, and prints the bytes received
(bodies as sent, compressed where they were, plus headers) by resource type, the number of
requests and the time to the load event. See bench/README.md.

    python bench/pageweight.py                      # this checkout
    python bench/pageweight.py --root ../other-checkout --runs 5
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchdb

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
PERSONA = "pp.officer"
PASSWORD = "sahakar-demo-2026"  # noqa: S105 - the published demo password (demo/users.py)
# Chromium's DevTools "Fast 3G" as the issue defines it: bytes per second, milliseconds.
FAST_3G = {
    "offline": False,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
    "latency": 150,
}
TYPES = ("document", "stylesheet", "script", "font", "image", "other")


@dataclass
class Load:
    """One page load: bytes received per resource type, requests, time to the load event."""

    by_type: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    requests: int = 0
    load_ms: float = 0.0
    done_ms: float = 0.0
    fonts: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--size", default="tiny", help="demo size (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="loads per page (median time)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep the database and static files in this folder and reuse them next time "
        "(default: a temporary folder, removed afterwards)",
    )
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"needs the system's Chromium at {CHROMIUM}")
    root = args.root.resolve()
    print(f"# Page weight on emulated Fast 3G: {root}")
    print(f"load average before: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="sahakar-pageweight-") as scratch:
        data_dir = args.data_dir.resolve() if args.data_dir else Path(scratch)
        env = server_env(root, data_dir)
        if not (data_dir / "static" / "staticfiles.json").exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            prepare(root, env, args.size)
        with gunicorn(root, env) as base:
            results = measure(base, args.runs)
    print(f"load average after: {load_average()}\n")
    print_table(results)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def server_env(root: Path, data_dir: Path) -> dict[str, str]:
    """Production settings over plain HTTP on 127.0.0.1, with throwaway keys."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    report_key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        PYTHONPATH=str(root),
        DJANGO_SETTINGS_MODULE="sahakar.settings",
        SAHAKAR_DATA_DIR=str(data_dir),
        DEBUG="0",
        SAHAKAR_PRODUCTION="1",
        SECURE_SSL_REDIRECT="0",
        SECRET_KEY=secrets.token_urlsafe(40),
        SAHAKAR_AUDIT_KEYS=f"bench:{base64.b64encode(secrets.token_bytes(32)).decode()}",
        SAHAKAR_REPORT_SIGNING_KEY=report_key.decode(),
        SAHAKAR_RATE_SIGN_IN_ADDRESS="1000/minute",
        SAHAKAR_RATE_SIGN_IN_USERNAME="1000/minute",
        LOG_LEVEL="WARNING",
    )
    return env


def prepare(root: Path, env: dict[str, str], size: str) -> None:
    for command in (
        ["migrate", "--noinput", "--verbosity", "0"],
        ["load_reference"],
        ["demo", "--size", size],
        ["collectstatic", "--noinput", "--verbosity", "0"],
    ):
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=root,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"{command[0]}: {time.monotonic() - started:.0f} s")


@contextmanager
def gunicorn(root: Path, env: dict[str, str]) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable, "-m", "gunicorn", "sahakar.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", "2", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=root, env=env)
    try:
        benchdb.wait_for_port(server, port)
        # localhost, not 127.0.0.1: browsers keep Secure cookies from http://localhost.
        yield f"http://localhost:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure(base: str, runs: int) -> dict[tuple[str, str], list[Load]]:
    from playwright.sync_api import sync_playwright

    results: dict[tuple[str, str], list[Load]] = {}
    with sync_playwright() as playwright:
        for language in ("en", "km"):
            for _ in range(runs):
                # A new browser each time: nothing cached, not even in the renderer's memory.
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                try:
                    context = browser.new_context()
                    context.add_cookies(
                        [{"name": "django_language", "value": language, "url": base}]
                    )
                    page = context.new_page()
                    page.set_default_timeout(60_000)
                    load = throttled_load(page, f"{base}/login/")
                    results.setdefault(("sign-in", language), []).append(load)
                    sign_in(page, base)
                    load = throttled_load(page, f"{base}/")
                    results.setdefault(("home", language), []).append(load)
                finally:
                    browser.close()
    return results


def sign_in(page: Any, base: str) -> None:
    page.fill("input[name=username]", PERSONA)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit], main button.primary")
    page.wait_for_url(f"{base}/")


def throttled_load(page: Any, url: str) -> Load:
    """Load url over the emulated line, cache off, and add up what came over the wire until
    the network is idle (web fonts may still arrive after the load event)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", FAST_3G)
    finished: list[Any] = []

    def on_finished(request: Any) -> None:
        finished.append(request)

    page.on("requestfinished", on_finished)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        load_ms, done_ms = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " const ends = performance.getEntriesByType('resource').map(r => r.responseEnd);"
            " return [n.loadEventEnd - n.startTime, Math.max(n.responseEnd, ...ends)]; }"
        )
    finally:
        page.remove_listener("requestfinished", on_finished)
        cdp.send("Network.emulateNetworkConditions", {**FAST_3G, "latency": 0,
                 "downloadThroughput": -1, "uploadThroughput": -1})  # fmt: skip
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        cdp.detach()
    load = Load(load_ms=load_ms, done_ms=done_ms)
    for request in finished:
        sizes = request.sizes()
        kind = request.resource_type if request.resource_type in TYPES else "other"
        load.by_type[kind] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        load.requests += 1
        if kind == "font":
            load.fonts.append(request.url.rsplit("/", 1)[-1])
    return load


def print_table(results: dict[tuple[str, str], list[Load]]) -> None:
    print("| page | lang | requests | " + " | ".join(TYPES) + " | total | load event | last byte |")
    print("| --- | --- | ---: | " + " | ".join("---:" for _ in TYPES) + " | ---: | ---: | ---: |")
    for (name, language), loads in results.items():
        first = loads[0]
        cells = [f"{first.by_type[kind] / 1024:.1f}" for kind in TYPES]
        load_ms = statistics.median(load.load_ms for load in loads)
        done_ms = statistics.median(load.done_ms for load in loads)
        print(
            f"| {name} | {language} | {first.requests} | {' | '.join(cells)} "
            f"| **{first.total / 1024:.1f}** | {load_ms:.0f} ms | {done_ms:.0f} ms |"
        )
    print(
        "\nKB = 1024 bytes received (headers and bodies as sent), cold cache; times are the "
        f"median of {len(loads)} loads, from the start of navigation."
    )
    fonts = sorted({font for loads in results.values() for font in loads[0].fonts})
    print(f"fonts fetched: {', '.join(fonts) or 'none'}")


if __name__ == "__main__":
    main()
