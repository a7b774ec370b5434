"""The case files endpoint and the actions on a case: POST /cases/{id}/stage/, /referral/,
/hearings/, /defendants/, /seizures/, /outcome/, /detention/; GET /timeline/, /clocks/,
/quantities/. Actions that write need the right to change the case (else 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sahakar.audit import access
from sahakar.cases import services
from sahakar.cases.api import serializers as s
from sahakar.cases.filtersets import CaseFileFilterSet
from sahakar.cases.models import CaseFile, Defendant, PenaltyBand, title_prefetch
from sahakar.cases.quantities import case_quantities
from sahakar.cases.timeline import case_timeline, visible_seizures
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.persons.models import Person
from sahakar.seizures.models import Seizure

NOTICE = gettext_lazy("Information for the investigator, not a legal determination.")

_ACTION_RESPONSES = {
    200: s.CaseFileSerializer,
    400: OpenApiResponse(description="Refused; the reason is under the field it concerns."),
    404: OpenApiResponse(description="No such case that you may change."),
    409: OpenApiResponse(description="The case changed since you read it (stale version)."),
}


def _log_defendants_seen(defendants: list[Defendant]) -> None:
    """Answers naming defendants count as views of those persons (audited)."""
    access.log_list_view(Person, [d.arrest.person for d in defendants], {"via": "cases API"})


def _write_action(summary: str, request: type[serializers.Serializer], description: str) -> Any:
    return extend_schema(
        summary=summary, description=description, request=request, responses=_ACTION_RESPONSES
    )


class CaseFileViewSet(RestrictedModelViewSet):
    queryset = CaseFile.objects.select_related(
        "org_unit", "lead_investigator", "prosecution_office", "court"
    ).prefetch_related(title_prefetch())
    serializer_class = s.CaseFileSerializer
    filterset_class = CaseFileFilterSet
    ordering_fields = ["created", "reference", "stage", "clock_deadline"]

    def get_queryset(self) -> Any:
        # Linked seizures outside the user's scope are left out of `seizures`.
        visible = Seizure.objects.restrict(self.request.user).only("pk")
        return super().get_queryset().prefetch_related(Prefetch("seizures", queryset=visible))

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is not None:
            _log_defendants_seen([d for case in page for d in case.defendants.all()])
        return page

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        _log_defendants_seen(list(case.defendants.all()))
        return Response(self.get_serializer(case).data)

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)  # defendants are named
        return response

    @_write_action(
        "Move a case to another stage",
        s.StageRequestSerializer,
        "investigation > referred to prosecutor > charged > at trial > judgment > closed. Only "
        "the next stage (or an early close when every defendant's charges were dismissed); "
        "the referral goes through /referral/; going back only with `corrective` and the "
        "reason in `note`.",
    )
    @action(detail=True, methods=["post"], url_path="stage", url_name="stage")
    def stage(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            s.StageRequestSerializer,
            lambda case, v: services.change_stage(
                case, v.pop("stage"), acting_user=request.user, **v
            ),
        )

    @_write_action(
        "Refer a case to the prosecutor",
        s.ReferralRequestSerializer,
        "Records the referral and moves the case to `referred`, in one transaction.",
    )
    @action(detail=True, methods=["post"], url_path="referral", url_name="referral")
    def referral(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            s.ReferralRequestSerializer,
            lambda case, v: services.refer_to_prosecutor(
                case, office=v.pop("prosecution_office"), acting_user=request.user, **v
            ),
        )

    @_write_action("Record a hearing", s.HearingRequestSerializer, "Once the case is at trial.")
    @action(detail=True, methods=["post"], url_path="hearings", url_name="hearings")
    def hearings(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            s.HearingRequestSerializer,
            lambda case, v: services.record_hearing(case, acting_user=request.user, **v),
        )

    @_write_action(
        "Add a defendant",
        s.DefendantRequestSerializer,
        "The person of an arrest becomes a defendant; with `link_seizures` the arrest's "
        "seizures join the case.",
    )
    @action(detail=True, methods=["post"], url_path="defendants", url_name="defendants")
    def defendants(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            s.DefendantRequestSerializer,
            lambda case, v: services.add_defendants(
                case, [v.pop("arrest")], acting_user=request.user, **v
            ),
        )

    @_write_action("Link a seizure", s.SeizureLinkSerializer, "A seizure you may see.")
    @action(detail=True, methods=["post"], url_path="seizures", url_name="seizures")
    def seizures(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            s.SeizureLinkSerializer,
            lambda case, v: services.link_seizure(case, v["seizure"], acting_user=request.user),
        )

    @_write_action(
        "Record a defendant's outcome",
        s.OutcomeRequestSerializer,
        "Convicted (with a sentence in months or life, and/or a fine with its currency), "
        "acquitted, charges dismissed, judgment appealed, or back to pending. Sentence and fine "
        "only for a conviction; each outcome only at the stages where it can be decided.",
    )
    @action(detail=True, methods=["post"], url_path="outcome", url_name="outcome")
    def outcome(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            s.OutcomeRequestSerializer,
            lambda case, v: services.record_defendant_outcome(
                v.pop("defendant"), acting_user=request.user, **v
            ),
        )

    @_write_action(
        "Record a defendant's pre-trial detention",
        s.DetentionRequestSerializer,
        "The detention order, the extensions ordered (at most what the applicable rule "
        "allows) and the release; they start and stop the detention clock.",
    )
    @action(detail=True, methods=["post"], url_path="detention", url_name="detention")
    def detention(self, request: Request, pk: Any = None) -> Response:
        return self.act_on_record(
            request,
            s.DetentionRequestSerializer,
            lambda case, v: services.record_detention(
                v.pop("defendant"), acting_user=request.user, **v
            ),
        )

    @extend_schema(
        summary="The story of a case in time order",
        responses=s.TimelineEntrySerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="timeline",
        url_name="timeline",
        pagination_class=None,
        filter_backends=[],
    )
    def timeline(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        entries = case_timeline(case, request.user)
        return Response(s.TimelineEntrySerializer(entries, many=True).data)

    @extend_schema(
        summary="A case's legal clocks: deadline and state",
        responses=s.ClockSerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="clocks",
        url_name="clocks",
        pagination_class=None,
        filter_backends=[],
    )
    def clocks(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        return Response(s.ClockSerializer(services.case_clocks(case), many=True).data)

    @extend_schema(
        summary="Quantities per substance category and their penalty bands",
        description="Information for the investigator, not a legal determination.",
        responses=s.QuantitiesSerializer,
    )
    @action(detail=True, methods=["get"], url_path="quantities", url_name="quantities")
    def quantities(self, request: Request, pk: Any = None) -> Response:
        case = self.get_object()
        items = [i for sz in visible_seizures(case, request.user) for i in sz.items.all()]
        result = case_quantities(items, PenaltyBand.objects.all())
        body = {
            "notice": str(NOTICE),
            "totals": result.totals,
            "not_convertible": result.not_convertible,
        }
        return Response(s.QuantitiesSerializer(body).data)
