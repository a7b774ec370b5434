"""Static files and a live server as production has them, for tests of what goes over the wire.

`collected_static()` runs collectstatic with production's storage (hashed names, Brotli and
gzip copies) into a folder of the test's own, and points the settings at it; `live_server()`
then serves the app on a free port with WhiteNoise answering for static files, as gunicorn
does (pytest-django's live server answers them itself, uncompressed, from the finders).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import override_settings
from django.test.testcases import LiveServerThread

from sahakar.testing.browser import CHROMIUM, CHROMIUM_ARGS

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Large files no page of these tests uses: compressing them would take most of a minute.
SKIPPED = [
    "admin/*",
    "rest_framework/*",
    "drf_spectacular_sidecar/*",
    "statistics/vendor/*",
    "evidence/vendor/*",
]


@contextmanager
def collected_static(folder: Path) -> Iterator[Path]:
    with override_settings(STATIC_ROOT=folder, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=SKIPPED)
        yield folder


def _no_static_handler(application: Any) -> Any:
    return application


@contextmanager
def live_server() -> Iterator[str]:
    """The app on localhost, static files from WhiteNoise; yields its address."""
    thread = LiveServerThread("localhost", static_handler=_no_static_handler)  # type: ignore[arg-type]
    thread.daemon = True
    with override_settings(ALLOWED_HOSTS=["localhost"]):
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        try:
            yield f"http://localhost:{thread.port}"
        finally:
            thread.terminate()


def first_load(base: str, language: str, username: str, password: str) -> list[tuple[str, int]]:
    """Sign in, then load the home page with an empty cache, in language; returns each
    response's URL and body bytes as received (compressed where it was). Opens the browser
    itself: call it once the data is in place (Django refuses queries from the thread that
    runs Playwright's event loop)."""
    from playwright.sync_api import sync_playwright

    received: list[tuple[str, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", password)
            page.click("main button[type=submit], main button.primary")
            page.wait_for_url(f"{base}/")
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # a cold cache
            page.on(
                "requestfinished",
                lambda request: received.append((request.url, request.sizes()["responseBodySize"])),
            )
            page.goto(f"{base}/", wait_until="load")
            page.wait_for_load_state("networkidle")  # fonts may come after the load event
        finally:
            browser.close()
    return received
