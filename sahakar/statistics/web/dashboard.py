"""The statistics dashboard: national, or a province with its districts, for the chosen
period and filters; each section's numbers also as CSV and XLSX, and the province map."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from sahakar.audit import access
from sahakar.core import permissions
from sahakar.core.spreadsheet import safe_cell
from sahakar.statistics.models import Fact
from sahakar.statistics.sections import Dashboard, Section
from sahakar.statistics.selection import SelectionForm

DATA = Path(__file__).resolve().parent.parent / "data"
GEOJSON = DATA / "kh_provinces.geojson"


@cache
def attribution() -> str:
    """The attribution line the boundaries' licence asks for, from their SOURCE file."""
    text = (DATA / "kh_provinces.geojson.SOURCE.md").read_text(encoding="utf-8")
    quoted = text.split("## Required attribution", 1)[1].split("##", 1)[0]
    lines = [line.lstrip("> ").strip() for line in quoted.splitlines() if line.startswith(">")]
    return " ".join(lines)


def _allowed(request: HttpRequest, action: str = permissions.VIEW) -> None:
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not permissions.can(request.user, Fact, action):
        raise PermissionDenied


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    form = SelectionForm(request.user, request.GET.dict())
    context: dict[str, Any] = {"form": form, "attribution": attribution()}
    if not form.is_valid():
        return render(request, "statistics/dashboard.html", context, status=400)
    selection = form.selection()  # Http404 for a province the user does not hold
    board = Dashboard(request.user, selection)
    sections = board.sections()
    context.update(
        selection=selection,
        sections=sections,
        charts={s.key: s.payload() for s in sections},
        query=request.GET.urlencode(),
        can_export=permissions.can(request.user, Fact, permissions.EXPORT),
        place=selection.province.name if selection.province else None,
    )
    return render(request, "statistics/dashboard.html", context)


@require_GET
def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """One section's numbers, exactly those the page shows, as CSV or XLSX."""
    _allowed(request, permissions.EXPORT)
    if key not in Dashboard.SECTIONS or fmt not in ("csv", "xlsx"):
        return HttpResponse(status=404)
    form = SelectionForm(request.user, request.GET.dict())
    if not form.is_valid():
        errors = "; ".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    selection = form.selection()
    section = Dashboard(request.user, selection).section(key)
    access.log_export(Fact, len(section.rows), {"query": request.GET.urlencode(), "section": key})
    period = selection.period
    name = f"sahakar-{key}-{period.first:%Y-%m}-{period.last:%Y-%m}"
    if fmt == "csv":
        return _csv(section, name)
    return _xlsx(section, name)


def _csv(section: Section, name: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(c) for c in section.columns])
    for row in section.rows:
        writer.writerow([safe_cell(v) for v in row])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _xlsx(section: Section, name: str) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = section.key
    sheet.append(list(section.columns))
    for row in section.rows:
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def provinces_geojson(request: HttpRequest) -> FileResponse:
    """The province boundaries (ODbL; attribution under the map). The same for everyone."""
    return FileResponse(GEOJSON.open("rb"), content_type="application/geo+json")


urlpatterns: list[URLPattern] = [
    path("", dashboard, name="dashboard"),
    path("download/<slug:key>.<str:fmt>", download, name="download"),
    path("map/provinces.geojson", provinces_geojson, name="provinces_geojson"),
]
