"""On a phone-sized screen, in a real browser: a custodian opens an exhibit by its label's QR
payload (the link itself, the scan page's typed entry, and the camera) and records transfers
with the quick-transfer page; the database shows the exhibits moved.

The camera is Chromium's fake capture device playing a video of the label's QR code, so the
vendored reader (barcode-detector's WebAssembly, served from our static files under the
page's CSP) really decodes it. Runs the system's Chromium through Playwright like the other
browser tests (see arrests/tests/test_browser_overdue_banner.py for why the data comes first).
Set SAHAKAR_SCREENSHOTS=/some/folder to keep the screenshots of the pages at 390 px.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from sahakar.arrests.tests.test_browser_overdue_banner import CHROMIUM, CHROMIUM_ARGS
from sahakar.evidence.labels import payload_for
from sahakar.evidence.models import Exhibit
from sahakar.evidence.qr import qr_matrix
from sahakar.evidence.tests.test_scanning import exhibit_pages  # noqa: F401
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f
from sahakar.testing.evidence import evidence_room, take_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]
PHONE = {"width": 390, "height": 844}


def camera_video(text: str, folder: Path) -> Path:
    """A short Y4M video of a QR code held in front of the camera (Chromium's fake device)."""
    matrix = qr_matrix(text)
    scale = 7
    code = Image.new("L", (len(matrix), len(matrix)), 255)
    code.putdata([0 if dark else 255 for row in matrix for dark in row])
    code = code.resize((len(matrix) * scale, len(matrix) * scale), Image.Resampling.NEAREST)
    width, height = 640, 480
    frame = Image.new("L", (width, height), 235)
    frame.paste(code, ((width - code.width) // 2, (height - code.height) // 2))
    chroma = bytes([128]) * (width * height // 2)
    video = folder / "label.y4m"
    with video.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + chroma)
    return video


@contextmanager
def phone(video: Path) -> Iterator[Any]:
    """A page at phone size whose camera films `video`."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            context.grant_permissions(["camera"])
            page = context.new_page()
            page.set_default_timeout(20_000)
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.problems = problems
            yield page
        finally:
            browser.close()


def shoot(page: Any, name: str, folder: Path) -> None:
    keep = os.environ.get("SAHAKAR_SCREENSHOTS")
    target = Path(keep) if keep else folder
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=True)


def test_a_custodian_opens_exhibits_by_their_labels_and_moves_them(
    live_server: Any, tmp_path: Path
) -> None:
    load_country("kh")  # the transactional database starts empty
    room = evidence_room()
    seizure = f.make_seizure(f.unit(f.PHNOM_PENH), "ADB-PP")
    to_lab, to_safe = take_in(room, seizure), take_in(room, seizure)
    typed_payload = payload_for(to_lab, live_server.url)
    filmed_payload = payload_for(to_safe, live_server.url)
    url = live_server.url

    with phone(camera_video(filmed_payload, tmp_path)) as page:
        # The phone's camera app opens the link: sign in first, then the exhibit's page.
        page.goto(typed_payload)
        page.wait_for_url(re.compile(r"/login/\?next=/evidence/x/EX-"))
        page.fill("input[name=username]", "pp_custodian")
        page.fill("input[name=password]", f.PASSWORD)
        page.click("button[type=submit], main button.primary")
        page.wait_for_url(f"{url}/evidence/exhibits/{to_lab.pk}/")

        # Typed entry: the whole payload pasted into the scan page's field, then one tap.
        page.goto(f"{url}/evidence/scan/?then=quick")
        assert page.locator("[data-scan-start]").is_visible()  # a camera can be used
        shoot(page, "scan-page", tmp_path)
        page.fill("#id_code", typed_payload)
        page.click("form.typed-entry button[type=submit]")
        page.wait_for_url(f"{url}/evidence/exhibits/{to_lab.pk}/quick/")
        shoot(page, "quick-transfer", tmp_path)
        page.get_by_role("button", name="To the laboratory: Store NACD-LAB").click()
        page.wait_for_selector(".messages li")
        assert "handed over to NACD-LAB" in page.locator(".messages").inner_text()

        # The camera: the label's code read by the vendored reader, then one tap.
        page.goto(f"{url}/evidence/scan/?then=quick")
        page.click("[data-scan-start]")
        page.wait_for_url(f"{url}/evidence/exhibits/{to_safe.pk}/quick/")
        page.get_by_role("button", name="To Shelf SAFE").click()
        page.wait_for_selector(".messages li")
        shoot(page, "quick-transfer-done", tmp_path)
        page.goto(f"{url}/evidence/batch/")
        shoot(page, "batch-transfer", tmp_path)
        problems = list(page.problems)

    to_lab = Exhibit.objects.get(pk=to_lab.pk)
    to_safe = Exhibit.objects.get(pk=to_safe.pk)
    assert (to_lab.status, to_lab.store, to_lab.pending_store) == (
        "in_transit",
        room.vault,
        room.lab,
    )
    assert (to_safe.status, to_safe.location) == ("held", room.safe)
    assert [e.actor for e in to_safe.events.filter(kind="transfer")] == [room.custodian]
    assert not [p for p in problems if "Content Security Policy" in p], problems
