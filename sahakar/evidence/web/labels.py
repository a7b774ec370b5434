"""Pages of the evidence room: label sheets with a QR code per exhibit.

`exhibits/labels/?ids=1,2,3` or `?seizure=<id>` gives an A4 sheet of the chosen exhibits'
labels; `exhibits/<pk>/label/` one exhibit's label on a page of its own size. Only exhibits
the user may see are printed: an exhibit asked for but not among them refuses the sheet.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views import View

from sahakar.audit import access
from sahakar.core import permissions
from sahakar.core.ids import given_id
from sahakar.core.pdf import pdf_response
from sahakar.evidence.labels import label_sheet_pdf, site_base
from sahakar.evidence.models import Exhibit
from sahakar.seizures.models import Seizure

MAX_LABELS = 1000


class Refused(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def visible_exhibits(user: Any) -> QuerySet[Exhibit]:
    return Exhibit.objects.restrict(user, permissions.VIEW).select_related("seizure", "substance")


def _ids(raw: str) -> list[int]:
    ids: list[int] = []
    for part in raw.replace(" ", ",").split(","):
        if not part:
            continue
        pk = given_id(part)
        if pk is None:
            raise Refused(_("“%(part)s” is not an exhibit id.") % {"part": part[:40]}, 400)
        if pk not in ids:
            ids.append(pk)
    return ids


def chosen_exhibits(request: HttpRequest) -> tuple[list[Exhibit], str]:
    """The exhibits asked for, in order, and a name for the file; Refused when it cannot be."""
    visible = visible_exhibits(request.user)
    if request.GET.get("seizure"):
        raw = request.GET["seizure"].strip()
        seizure = None
        pk = given_id(raw)
        if pk is not None:
            seizures = Seizure.objects.restrict(request.user, permissions.VIEW)
            seizure = seizures.filter(pk=pk).first()
        if seizure is None:
            raise Refused(_("No seizure %(id)s among those you may see.") % {"id": raw[:40]}, 404)
        exhibits = list(visible.filter(seizure=seizure).order_by("reference"))
        if not exhibits:
            raise Refused(
                _("Seizure %(seizure)s has no exhibits to label.") % {"seizure": seizure}, 404
            )
        return exhibits[:MAX_LABELS], seizure.reference
    ids = _ids(request.GET.get("ids", ""))
    if not ids:
        raise Refused(_("Choose the exhibits to label (?ids=1,2,3 or ?seizure=id)."), 400)
    if len(ids) > MAX_LABELS:
        raise Refused(_("At most %(n)d labels at a time.") % {"n": MAX_LABELS}, 400)
    found = visible.in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise Refused(
            _("No exhibit %(ids)s among those you may see.") % {"ids": ", ".join(missing[:20])},
            404,
        )
    exhibits = [found[pk] for pk in ids]
    name = exhibits[0].reference if len(exhibits) == 1 else f"{len(exhibits)}-exhibits"
    return exhibits, name


class LabelSheetView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            exhibits, name = chosen_exhibits(request)
        except Refused as refused:
            context = {"message": refused.message}
            return render(request, "evidence/labels_refused.html", context, status=refused.status)
        data = label_sheet_pdf(exhibits, base=site_base(request), request=request)
        return pdf_response(data, f"labels-{name}.pdf")


class LabelView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        exhibit = access.get_or_404_logged(visible_exhibits(request.user), request.user, pk=pk)
        data = label_sheet_pdf([exhibit], base=site_base(request), single=True, request=request)
        return pdf_response(data, f"label-{exhibit.reference}.pdf")


urlpatterns: list[URLPattern] = [
    path("exhibits/labels/", LabelSheetView.as_view(), name="exhibit_labels"),
    path("exhibits/<int:pk>/label/", LabelView.as_view(), name="exhibit_label"),
]
