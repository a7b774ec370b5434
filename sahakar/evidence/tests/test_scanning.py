"""Opening an exhibit by its label: the QR payload link, the scan page's typed entry, and the
scanner's assets (served by the app, allowed by the page's CSP)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, include, path, reverse

from sahakar.audit.models import AuditEntry
from sahakar.conftest import VerifiedClient, login
from sahakar.evidence.labels import payload_for
from sahakar.evidence.qr import SCANNER_WASM
from sahakar.testing.evidence import take_in

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the exhibit page, if absent


def _stub_exhibit_page(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(f"exhibit page {pk}")


def _urls_with_exhibit_page() -> list[Any]:
    """The site's URLs plus a stand-in evidence:exhibit_detail, for a branch built before it."""
    from sahakar import urls as site
    from sahakar.evidence import urls as evidence

    stub = path("exhibits/<int:pk>/", _stub_exhibit_page, name="exhibit_detail")
    others = [
        p
        for p in site.urlpatterns
        if not (isinstance(p, URLResolver) and p.namespace == "evidence")
    ]
    return [path("evidence/", include(([*evidence.urlpatterns, stub], "evidence"))), *others]


urlpatterns = _urls_with_exhibit_page()
handler404 = "sahakar.core.views.errors.page_not_found"


@pytest.fixture(autouse=True)
def exhibit_pages(settings: Any) -> None:
    """Make sure evidence:exhibit_detail reverses (the exhibit pages are another module's)."""
    try:
        reverse("evidence:exhibit_detail", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


def client_of(user: Any) -> Client:
    client: Client = login(VerifiedClient(), user)
    return client


# ---------------------------------------------------------------- opening by code


def test_the_payload_link_opens_the_exhibit_page(room: Any) -> None:
    exhibit = take_in(room)
    link = payload_for(exhibit, "https://sahakar.example.gov.kh")
    local = link.removeprefix("https://sahakar.example.gov.kh")
    response = client_of(room.custodian).get(local)
    assert response.status_code == 302
    assert response["Location"] == exhibit.get_absolute_url()


@pytest.mark.parametrize(
    "typed",
    [
        "{ref}",
        "  {lower}  ",
        "https://other.example/evidence/x/{ref}/?sz=SZ-1&d=METH&seal=S-1",
        "/evidence/x/{lower}/",
    ],
)
def test_typed_entry_takes_a_number_or_a_whole_payload(room: Any, typed: str) -> None:
    exhibit = take_in(room)
    code = typed.format(ref=exhibit.reference, lower=exhibit.reference.lower())
    response = client_of(room.custodian).get(reverse("evidence:scan"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == exhibit.get_absolute_url()


def test_scanning_to_move_opens_the_quick_transfer_page(room: Any) -> None:
    exhibit = take_in(room)
    client = client_of(room.custodian)
    by_scan = client.get(reverse("evidence:scan"), {"code": exhibit.reference, "then": "quick"})
    by_link = client.get(
        reverse("evidence:exhibit_by_code", args=[exhibit.reference]), {"then": "quick"}
    )
    quick = reverse("evidence:quick_transfer", args=[exhibit.pk])
    assert by_scan["Location"] == by_link["Location"] == quick


def test_an_unknown_code_says_so_next_to_the_typed_entry(room: Any) -> None:
    take_in(room)
    response = client_of(room.custodian).get(
        reverse("evidence:exhibit_by_code", args=["EX-PP-1999-99999"])
    )
    assert response.status_code == 404
    page = response.content.decode()
    assert "No exhibit EX-PP-1999-99999 among those you may see" in page
    assert re.search(r'<input id="id_code" name="code" value="EX-PP-1999-99999"', page)
    assert f'action="{reverse("evidence:scan")}"' in page


def test_an_exhibit_out_of_sight_is_not_found_and_the_attempt_audited(room: Any) -> None:
    exhibit = take_in(room)  # seized and held in Phnom Penh
    response = client_of(room.sr_custodian).get(
        reverse("evidence:scan"), {"code": exhibit.reference}
    )
    assert response.status_code == 404
    assert f"No exhibit {exhibit.reference}" in response.content.decode()
    assert AuditEntry.objects.filter(action="denied", object_id=str(exhibit.pk)).exists()


def test_an_empty_code_asks_for_one(room: Any) -> None:
    response = client_of(room.custodian).get(reverse("evidence:scan"), {"code": "  "})
    assert response.status_code == 400
    assert "Type or scan an exhibit number" in response.content.decode()


def test_the_payload_link_asks_a_stranger_to_sign_in_first(room: Any) -> None:
    exhibit = take_in(room)
    link = reverse("evidence:exhibit_by_code", args=[exhibit.reference])
    response = Client().get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert exhibit.reference in response["Location"]


# ---------------------------------------------------------------- the scanner's assets


def test_the_scan_page_loads_the_vendored_reader_and_no_inline_code(room: Any) -> None:
    response = client_of(room.custodian).get(reverse("evidence:scan"))
    page = response.content.decode()
    assert response.status_code == 200
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts == [
        "/static/evidence/vendor/barcode-detector/barcode-detector.ponyfill.iife.js",
        "/static/evidence/scan.js",
    ]
    assert 'data-wasm-url="/static/evidence/vendor/barcode-detector/zxing_reader.wasm"' in page
    assert not re.search(r"<script\b(?![^>]*\bsrc=)[^>]*>|\sstyle\s*=|\son[a-z]+\s*=", page)
    # The typed entry works without JavaScript: a plain GET form to this page.
    assert re.search(r'<form method="get" action="/evidence/scan/"', page)


def test_only_scanning_pages_may_compile_webassembly(room: Any) -> None:
    client = client_of(room.custodian)
    for name in ("evidence:scan", "evidence:batch_transfer"):
        policy = client.get(reverse(name))["Content-Security-Policy"]
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy, name
        assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy
    assert "wasm" not in client.get("/")["Content-Security-Policy"]


def test_the_reader_is_the_file_the_library_was_built_for() -> None:
    wasm = finders.find(SCANNER_WASM)
    library = finders.find("evidence/vendor/barcode-detector/barcode-detector.ponyfill.iife.js")
    assert wasm and library
    digest = hashlib.sha256(Path(wasm).read_bytes()).hexdigest()
    assert digest in Path(library).read_text(encoding="utf-8")  # its ZXING_WASM_SHA256
    folder = Path(library).parent
    assert (folder / "LICENSE").exists() and (folder / "LICENSE.zxing-cpp").exists()
    # scan.js points the library at that file (the browser test reads a code with it).
    assert "locateFile" in Path(finders.find("evidence/scan.js") or "").read_text()
