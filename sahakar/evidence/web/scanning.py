"""Pages of the evidence room: finding an exhibit by its label.

`scan/` reads a label's QR code with the phone's camera (static/evidence/scan.js and the
vendored barcode-detector), with typed entry as the fallback that needs neither JavaScript
nor a camera: `scan/?code=...` takes an exhibit number or a whole payload link. `x/<code>/`
is the link printed in the QR code itself, which a phone's own camera app opens directly.
Both open the exhibit's page, or with `then=quick` its quick-transfer page. The quick and
batch transfer pages are in web/transfers.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views import View

from sahakar.audit import access
from sahakar.evidence.labels import code_from
from sahakar.evidence.models import Exhibit
from sahakar.evidence.qr import SCANNER_WASM
from sahakar.evidence.web import transfers
from sahakar.evidence.web.labels import visible_exhibits


def _then(request: HttpRequest) -> str:
    return "quick" if request.GET.get("then") == "quick" else ""


def scan_context(request: HttpRequest, then: str, **extra: Any) -> dict[str, Any]:
    open_url = reverse("evidence:scan") + ("?then=quick&code=" if then else "?code=")
    return {"then": then, "wasm_url": static(SCANNER_WASM), "open_url": open_url, **extra}


def exhibit_target(exhibit: Exhibit, then: str) -> str:
    if then == "quick":
        return reverse("evidence:quick_transfer", args=[exhibit.pk])
    return str(exhibit.get_absolute_url())


def open_exhibit(request: HttpRequest, typed: str, then: str) -> HttpResponse:
    """Redirect to the exhibit a code names, or the scan page again saying why not."""
    code = code_from(typed)
    if not code:
        message = _("Type or scan an exhibit number, such as EX-PP-2026-00001.")
        context = scan_context(request, then, typed=typed[:300], not_found=message)
        return render(request, "evidence/scan.html", context, status=400)
    try:
        exhibit = access.get_or_404_logged(
            visible_exhibits(request.user), request.user, reference=code
        )
    except Http404:
        message = _(
            "No exhibit %(code)s among those you may see. Check the number on the label."
        ) % {"code": code}
        context = scan_context(request, then, typed=code, not_found=message)
        return render(request, "evidence/scan.html", context, status=404)
    return HttpResponseRedirect(exhibit_target(exhibit, then))


class ScanView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        then = _then(request)
        if "code" in request.GET:
            return open_exhibit(request, request.GET["code"], then)
        return render(request, "evidence/scan.html", scan_context(request, then))


class ExhibitByCodeView(LoginRequiredMixin, View):
    """The link in a label's QR code (its query only repeats what the label says)."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        return open_exhibit(request, code, _then(request))


urlpatterns: list[URLPattern] = [
    path("scan/", transfers.with_scanner(ScanView.as_view()), name="scan"),
    path(
        "x/<path:code>/",
        transfers.with_scanner(ExhibitByCodeView.as_view()),
        name="exhibit_by_code",
    ),
    *transfers.urlpatterns,
]
