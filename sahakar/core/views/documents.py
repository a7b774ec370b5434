"""Printable documents of one record (a seizure receipt, an arrest record): a PDF drawn by
WeasyPrint (core/pdf.py) in the user's language, for a record the user may see (else 404, an
out-of-scope id audited as refused), and audited as an export like every other download."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.staticfiles import finders
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views import View

from sahakar.audit import access
from sahakar.audit.choices import AuditAction
from sahakar.audit.log import record
from sahakar.core import permissions
from sahakar.core.pdf import pdf_response, render_pdf
from sahakar.core.permissions import RestrictedQuerySet


class RecordDocumentView(LoginRequiredMixin, View):
    """Subclasses name the queryset, the template and the document (for the file and audit)."""

    queryset: ClassVar[RestrictedQuerySet]
    template_name: ClassVar[str]
    document: ClassVar[str]  # "seizure-receipt": the file's name and the audit entry's word

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        visible = self.queryset.all().restrict(request.user, permissions.VIEW)
        obj = access.get_or_404_logged(visible, request.user, pk=pk)
        context = {
            "object": obj,
            "printed_at": timezone.localtime(),
            "printed_by": request.user,
            "time_zone": settings.TIME_ZONE,
            "logo_url": Path(str(finders.find("sahakar/logo.svg"))).as_uri(),
            **self.get_context(obj),
        }
        data = render_pdf(self.template_name, context, request)
        language = translation.get_language() or "en"
        record(AuditAction.EXPORT, obj, detail={"document": self.document, "language": language})
        return pdf_response(data, f"{obj.reference}-{self.document}-{language}.pdf")

    def get_context(self, obj: Model) -> dict[str, Any]:
        return {}
