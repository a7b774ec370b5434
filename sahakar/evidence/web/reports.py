"""Custody reports: the signed PDF of an exhibit or a case file, the published key, and the
public verification page (no sign-in, no personal data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from sahakar.audit import access
from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.cases.models import CaseFile
from sahakar.core import permissions
from sahakar.core.pdf import pdf_response
from sahakar.evidence.models import Exhibit
from sahakar.evidence.reports import document, keys, verify
from sahakar.evidence.reports.document import IssuedReport

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ExhibitReportView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        queryset = Exhibit.objects.restrict(request.user, permissions.VIEW)
        exhibit = access.get_or_404_logged(queryset, request.user, pk=pk)
        return _respond(request, exhibit, lambda: document.exhibit_report(exhibit, request))


class CaseReportView(LoginRequiredMixin, View):
    """Every exhibit of the case file's seizures: all of them, or no report."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        queryset = CaseFile.objects.restrict(request.user, permissions.VIEW)
        case = access.get_or_404_logged(queryset, request.user, pk=pk)
        exhibits = Exhibit.objects.filter(seizure__case_files=case).distinct()
        visible = list(exhibits.restrict(request.user, permissions.VIEW))
        if len(visible) != exhibits.count():
            raise PermissionDenied(
                _(
                    "Some exhibits of this case file are outside your access: a custody report "
                    "of the case covers them all."
                )
            )
        return _respond(request, case, lambda: document.case_report(case, visible, request))


def _respond(request: HttpRequest, subject: Any, make: Callable[[], IssuedReport]) -> HttpResponse:
    try:
        report = make()
    except ImproperlyConfigured as exc:
        return _unavailable(request, exc)
    record(
        AuditAction.EXPORT,
        subject,
        detail={
            "document": "custody report",
            "events": report.coverage.event_count,
            "hash": report.digest.hex(),
        },
    )
    filename = f"{subject.reference}-custody-report.pdf"
    return pdf_response(report.pdf, filename)


def _unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = _("Custody reports cannot be signed: the deployment has no report key.")
    return render(
        request,
        "evidence/verify_unavailable.html",
        {"message": message, "detail": str(exc) if request.user.is_staff else ""},
        status=503,
    )


def report_key(request: HttpRequest) -> HttpResponse:
    """The public key that checks every report, for anyone: `curl -O .../report-key.pem`."""
    try:
        pem = keys.public_pem()
    except ImproperlyConfigured as exc:
        return _unavailable(request, exc)
    response = HttpResponse(pem, content_type="application/x-pem-file")
    response["Content-Disposition"] = 'inline; filename="report-key.pem"'
    response["X-Key-Fingerprint"] = keys.fingerprint()
    return response


class UploadForm(forms.Form):
    report = forms.FileField(
        label=gettext_lazy("Report file (PDF)"),
        help_text=gettext_lazy("The custody report as it was downloaded from Sahakar."),
    )

    def clean_report(self) -> bytes:
        upload = self.cleaned_data["report"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("This file is too large to be a custody report."))
        data: bytes = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError(_("This is not a PDF file."))
        return data


class VerifyView(View):
    """Check a report by its file; the QR code leads to VerifyTokenView instead."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return _verify_page(request, UploadForm(), None)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return _verify_page(request, form, None, status=400)
        data = form.cleaned_data["report"]
        return _verify_page(request, UploadForm(), lambda: verify.check_file(data))


class VerifyTokenView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return _verify_page(request, UploadForm(), lambda: verify.check_token(token))


def _verify_page(
    request: HttpRequest,
    form: UploadForm,
    check: Callable[[], verify.Verdict] | None,
    status: int = 200,
) -> HttpResponse:
    try:
        fingerprint = keys.fingerprint()
        verdict = check() if check is not None else None
    except ImproperlyConfigured as exc:
        return _unavailable(request, exc)
    context = {"form": form, "verdict": verdict, "fingerprint": fingerprint}
    return render(request, "evidence/verify.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("exhibits/<int:pk>/report.pdf", ExhibitReportView.as_view(), name="exhibit_report"),
    path("cases/<int:pk>/custody-report.pdf", CaseReportView.as_view(), name="case_report"),
    path("report-key.pem", report_key, name="report_key"),
    path("verify/", VerifyView.as_view(), name="verify"),
    path("verify/<str:token>", VerifyTokenView.as_view(), name="verify_token"),
]
