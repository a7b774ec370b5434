"""The public figures pages: open to anyone, cacheable, never narrowed by the visitor.

A page shows one published snapshot as it was published; nothing is computed from the
records here. The query string may only hold `lang` (en or km) and `revision` (one of the
month's revisions): anything else is refused with a 400 page, so no crafted filter can ask
for a narrower table than the published one.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from sahakar.core.spreadsheet import safe_cell
from sahakar.public.models import Snapshot

MAX_AGE = 300  # seconds: a new revision reaches caches within five minutes
LANGUAGES = ("en", "km")
KNOWN = ("lang", "revision")


class BadQuery(ValueError):
    """A query string the public pages do not accept."""


def _options(request: HttpRequest, month: date | None) -> dict[str, Any]:
    unknown = sorted(set(request.GET) - set(KNOWN))
    if unknown:
        raise BadQuery(_("Unknown parameter: %(names)s.") % {"names": ", ".join(unknown)})
    if any(len(request.GET.getlist(key)) > 1 for key in request.GET):
        raise BadQuery(_("Each parameter may be given once."))
    options: dict[str, Any] = {"lang": None, "revision": None}
    if "lang" in request.GET:
        if request.GET["lang"] not in LANGUAGES:
            raise BadQuery(_("The language must be en or km."))
        options["lang"] = request.GET["lang"]
    if "revision" in request.GET:
        raw = request.GET["revision"]
        if month is None or not raw.isdigit() or not raw.isascii():
            raise BadQuery(_("A revision is a number, given with a month."))
        options["revision"] = int(raw)
    return options


def _bad(request: HttpRequest, error: BadQuery) -> HttpResponse:
    response = render(
        request,
        "public/bad_request.html",
        {"error": str(error), "known": KNOWN},
        status=400,
    )
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _snapshot(month: date | None, revision: int | None) -> tuple[Snapshot, list[Snapshot]]:
    if month is None:
        latest = Snapshot.objects.order_by("-month", "-revision").first()
        if latest is None:
            raise Http404
        month = latest.month
    revisions = list(Snapshot.objects.filter(month=month).order_by("-revision"))
    if not revisions:
        raise Http404
    if revision is None:
        return revisions[0], revisions
    chosen = next((s for s in revisions if s.revision == revision), None)
    if chosen is None:
        raise BadQuery(_("This month has no revision %(number)s.") % {"number": revision})
    return chosen, revisions


def _month(year: str | None, month: str | None) -> date | None:
    if year is None or month is None:
        return None
    if not 1 <= int(month) <= 12:
        raise Http404
    return date(int(year), int(month), 1)


def _cacheable(
    request: HttpRequest, snapshot: Snapshot, language: str, build: Callable[[], HttpResponse]
) -> HttpResponse:
    etag = f'"{snapshot.sha256[:40]}-r{snapshot.revision}-{language}"'
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = build()
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # The language comes from the query string, or else the language cookie or the browser.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _asked(
    request: HttpRequest, year: str | None, month: str | None
) -> tuple[Snapshot, list[Snapshot], dict[str, Any], str]:
    """The snapshot a request asks for, its revisions, the query's options and the language;
    BadQuery for a query the page does not take, Http404 for a month not published."""
    wanted = _month(year, month)
    options = _options(request, wanted)
    snapshot, revisions = _snapshot(wanted, options["revision"])
    language = options["lang"] or translation.get_language() or "en"
    return snapshot, revisions, options, language if language in LANGUAGES else "en"


def page(request: HttpRequest, year: str | None = None, month: str | None = None) -> HttpResponse:
    """A month's figures; the latest published month at /public/."""
    try:
        snapshot, revisions, options, language = _asked(request, year, month)
    except BadQuery as error:
        return _bad(request, error)

    def build() -> HttpResponse:
        with translation.override(language):
            return render(
                request,
                "public/month.html",
                {
                    "snapshot": snapshot,
                    "current": revisions[0],
                    "revisions": revisions,
                    "tables": [_localized(t, language) for t in snapshot.content["tables"]],
                    "language": language,
                    "rule": rule(snapshot.threshold),
                    "switch_url": _switch_url(request, language, options["revision"]),
                    "revision_query": options["revision"],
                    "months": Snapshot.objects.latest_revisions().values_list("month", flat=True),
                },
            )

    return _cacheable(request, snapshot, language, build)


def _switch_url(request: HttpRequest, language: str, revision: int | None) -> str:
    query = {"lang": "en" if language == "km" else "km"}
    if revision is not None:
        query["revision"] = str(revision)
    return f"{request.path}?{urlencode(query)}"


def table_csv(request: HttpRequest, year: str, month: str, table: str) -> HttpResponse:
    """One published table as CSV: its cells as published, then its provenance."""
    try:
        snapshot, _revisions, _query, language = _asked(request, year, month)
    except BadQuery as error:
        return _bad(request, error)
    found = next((t for t in snapshot.content["tables"] if t["name"] == table), None)
    if found is None:
        raise Http404

    def build() -> HttpResponse:
        with translation.override(language):
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="sahakar-{snapshot.month:%Y-%m}-r{snapshot.revision}-'
                f'{table}.csv"'
            )
            response.write("\ufeff")  # so that spreadsheets read the Khmer as UTF-8
            writer = csv.writer(response)
            for row in csv_rows(snapshot, _localized(found, language)):
                writer.writerow([safe_cell(cell) for cell in row])
            return response

    return _cacheable(request, snapshot, language, build)


def csv_rows(snapshot: Snapshot, table: dict[str, Any]) -> list[list[str]]:
    """The table's header, rows and totals, then its provenance (in the active language)."""
    has_total = table["totals"] is not None and "total" in table["totals"]
    header = [table["row_header"], *table["column_labels"]]
    rows = [header + ([_("Total")] if has_total else [])]
    for row in table["rows"]:
        rows.append([row["label"], *row["cells"]] + ([row["total"]] if has_total else []))
    if table["totals"] is not None:
        totals = table["totals"]
        rows.append([totals["label"], *totals["cells"]] + ([totals["total"]] if has_total else []))
    rows.append([])
    rows.extend(provenance(snapshot, table["title"]))
    return rows


def provenance(snapshot: Snapshot, title: str) -> list[list[str]]:
    return [
        [_("Table"), title],
        [_("Month"), f"{snapshot.month:%Y-%m}"],
        [_("Revision"), str(snapshot.revision)],
        [_("Published"), snapshot.published_at.isoformat(timespec="seconds")],
        [_("SHA-256 of the snapshot"), snapshot.sha256],
        [_("Withheld"), rule(snapshot.threshold)],
        [_("Source"), _("Sahakar public figures")],
    ]


def rule(threshold: int) -> str:
    return _(
        "Counts from 1 to %(below)s are withheld and shown as x, totals included; zeros are "
        "shown. Further counts are withheld, the smallest first in the same row or column, "
        "until no withheld count can be worked out from the published numbers and totals. "
        "Kilograms are shown only where their count is, and a rate only where at least "
        "%(threshold)s cases make it."
    ) % {"below": threshold - 1, "threshold": threshold}


def _localized(table: dict[str, Any], language: str) -> dict[str, Any]:
    """The stored table with its labels in `language`."""

    def label(item: dict[str, str]) -> str:
        return item.get(language) or item["en"]

    totals = table["totals"]
    return {
        "name": table["name"],
        "kind": table["kind"],
        "title": label(table["title"]),
        "row_header": label(table["row_header"]),
        "column_labels": [label(c) for c in table["columns"]],
        "rows": [{**row, "label": label(row)} for row in table["rows"]],
        "totals": {**totals, "label": label(totals)} if totals else None,
    }
