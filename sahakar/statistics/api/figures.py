"""The figures API: `GET /api/v1/statistics/figures/?family=drug&by=month,substance&from=2026-01
&to=2026-10&province=12&substance=METH` answers the sums `figures.breakdown()` gives, the same
numbers the dashboard shows. Filters name codes of the family's dimensions (a comma-separated
list each); a province the caller does not hold answers 404, bad input 400, both as JSON."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import exceptions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from sahakar.core import permissions
from sahakar.statistics.families import FAMILIES
from sahakar.statistics.figures import FigureError, Period, breakdown
from sahakar.statistics.labels import known_codes
from sahakar.statistics.models import Fact
from sahakar.statistics.selection import (
    MAX_MONTHS,
    default_months,
    month_count,
    parse_month,
    selection_for,
)

GROUPS = ("month", "year", "province", "district", "agency")
_FIXED = {"family", "by", "measures", "from", "to", "province", "format"}


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


@extend_schema_serializer(many=False)  # one answer, although the view is a "list"
class FiguresAnswer(serializers.Serializer[Any]):
    """The documented shape of an answer."""

    family = serializers.CharField()
    start = serializers.CharField()
    end = serializers.CharField()
    province = serializers.CharField(allow_null=True)
    by = serializers.ListField(child=serializers.CharField())
    measures = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per group: the grouping keys (months as YYYY-MM-DD) and the "
        "measures (counts as integers, kilograms and money as decimal strings).",
    )

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["from"], fields["to"] = fields.pop("start"), fields.pop("end")
        return fields


class FiguresViewSet(viewsets.ViewSet):
    """Sums of the analytics tables, restricted to the caller's jurisdiction."""

    @extend_schema(
        operation_id="statistics_figures",
        summary="Figures of one family, grouped and filtered",
        parameters=[
            OpenApiParameter(
                "family",
                OpenApiTypes.STR,
                required=True,
                enum=sorted(FAMILIES),
                description="What is counted.",
            ),
            OpenApiParameter(
                "by",
                OpenApiTypes.STR,
                description="Grouping keys, comma-separated: "
                "month, year, province, district, agency or the family's dimensions.",
            ),
            OpenApiParameter(
                "measures",
                OpenApiTypes.STR,
                description="Measures, comma-separated (default: all of the family's).",
            ),
            OpenApiParameter(
                "from",
                OpenApiTypes.STR,
                pattern=r"^\d{4}-\d{2}$",
                description="First month, YYYY-MM (default: twelve months ago).",
            ),
            OpenApiParameter(
                "to",
                OpenApiTypes.STR,
                pattern=r"^\d{4}-\d{2}$",
                description="Last month, YYYY-MM (default: this month).",
            ),
            OpenApiParameter(
                "province", OpenApiTypes.STR, description="Gazetteer code of a province, e.g. 12."
            ),
            OpenApiParameter("substance", OpenApiTypes.STR, description="Filter: substance codes."),
            OpenApiParameter("agency", OpenApiTypes.STR, description="Filter: agency codes."),
            OpenApiParameter("venue_kind", OpenApiTypes.STR, description="Filter: venue kinds."),
        ],
        responses=FiguresAnswer,
    )
    def list(self, request: Request) -> Response:
        if not permissions.can(request.user, Fact, permissions.VIEW):
            raise exceptions.PermissionDenied()
        params = request.query_params
        errors: dict[str, str] = {}
        name = params.get("family", "")
        if name not in FAMILIES:
            raise exceptions.ValidationError({"family": f"One of: {', '.join(sorted(FAMILIES))}."})
        spec = FAMILIES[name]
        dims = {"agency", "province", "district", *spec.dims}
        by = _codes(params.get("by", ""))
        for key in by:
            if key not in GROUPS and key not in dims and key != "day":
                errors["by"] = f"{name} cannot be grouped by {key!r}."
        if len(set(by)) != len(by):
            errors["by"] = "A grouping key is named twice."
        measures = _codes(params.get("measures", "")) or list(spec.measures)
        for measure in measures:
            if measure not in spec.measures:
                errors["measures"] = f"One or more of: {', '.join(spec.measures)}."
        first, last = default_months()
        for key in ("from", "to"):
            if key in params:
                try:
                    value = parse_month(params[key])
                except ValueError as error:
                    errors[key] = str(error)
                else:
                    first, last = (value, last) if key == "from" else (first, value)
        if "from" not in errors and "to" not in errors:
            if last < first:
                errors["to"] = "The period ends before it starts."
            elif month_count(first, last) > MAX_MONTHS:
                errors["to"] = f"At most {MAX_MONTHS} months."
        where: dict[str, Iterable[str]] = {}
        for key in params:
            if key in _FIXED:
                continue
            if key not in dims - {"province"}:
                errors[key] = f"{name} has no dimension {key!r}."
                continue
            values = _codes(params[key])
            allowed = known_codes(name, key)
            unknown = [v for v in values if allowed is not None and v not in allowed]
            if not values or unknown:
                errors[key] = f"Unknown code: {(unknown or [''])[0]!r}."
            where[key] = values
        province = params.get("province", "")
        if province and province not in (known_codes(name, "province") or set()):
            errors["province"] = f"No province {province!r}."
        if errors:
            raise exceptions.ValidationError(errors)
        period = Period.months(first, last)
        try:
            selection = selection_for(request.user, period, province, {})
        except Http404:
            raise exceptions.NotFound("No such province in your jurisdiction.") from None
        try:
            rows = breakdown(
                request.user,
                name,
                period,
                by=by,
                measures=measures,
                within=selection.within if province else None,
                where=where,
            )
        except FigureError as error:
            raise exceptions.ValidationError({"detail": str(error)}) from None
        if not rows and not by:  # one row of totals, zero when nothing was counted
            rows = [dict.fromkeys(measures, 0)]
        return Response(
            {
                "family": name,
                "from": f"{first:%Y-%m}",
                "to": f"{last:%Y-%m}",
                "province": province or None,
                "by": by,
                "measures": measures,
                "rows": [{k: _json(v) for k, v in row.items()} for row in rows],
            }
        )


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def register(router: SimpleRouter) -> None:
    """Adds this part's viewsets to the statistics router."""
    router.register("statistics/figures", FiguresViewSet, basename="statistics-figures")
