"""The international returns page: choose a return and its period, download CSV or XLSX.

Open to users who may export statistics (analysts, auditors, administrators). A bad choice
(a year that is not a number, a half that is not 1 or 2, a period not started, an unknown
return) shows the form again with the error (400); nothing is read or written. A download
is audited as an export.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from sahakar.audit import access
from sahakar.core.permissions import EXPORT, can
from sahakar.seizures.models import SeizureItem
from sahakar.statistics.models import Fact
from sahakar.statistics.returns.forms import IDS, ReturnForm
from sahakar.statistics.returns.tables import to_csv, to_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def returns(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not can(user, Fact, EXPORT):
        raise PermissionDenied
    if "which" not in request.GET:
        response = render(request, "statistics/returns.html", {"form": ReturnForm()})
        add_never_cache_headers(response)
        return response
    form = ReturnForm(request.GET)
    if not form.is_valid():
        response = render(request, "statistics/returns.html", {"form": form}, status=400)
        add_never_cache_headers(response)
        return response
    built = form.build(user)
    file_format = form.cleaned_data["file_format"]
    which = form.cleaned_data["which"]
    access.log_export(
        SeizureItem if which == IDS else Fact,
        built.row_count,
        {"return": which, "query": request.GET.urlencode(), "format": file_format},
    )
    if file_format == "xlsx":
        response = HttpResponse(to_xlsx(built), content_type=XLSX)
    else:
        response = HttpResponse(to_csv(built), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{built.name}.{file_format}"
    )
    add_never_cache_headers(response)
    return response


urlpatterns: list[URLPattern] = [path("returns/", returns, name="returns")]
