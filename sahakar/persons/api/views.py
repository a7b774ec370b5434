from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from sahakar.audit import access
from sahakar.core import permissions
from sahakar.core.api.viewsets import RestrictedModelViewSet
from sahakar.persons.api.serializers import (
    CandidateListSerializer,
    CandidateQuerySerializer,
    MergeSerializer,
    PersonSerializer,
)
from sahakar.persons.duplicates import find_candidates
from sahakar.persons.filtersets import PersonFilterSet
from sahakar.persons.models import Person
from sahakar.persons.services import merge_persons


class PersonViewSet(RestrictedModelViewSet):
    """Persons. The list leaves out persons merged into another (`include_merged=true` shows
    them); a merged person's own record still answers, with `merged_into` set."""

    queryset = Person.objects.select_related("org_unit")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
    ordering_fields = ["name_latin", "name_km", "created"]

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """Filters (and the default exclusion of merged persons) apply to the list only."""
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    @extend_schema(
        parameters=[CandidateQuerySerializer],
        responses={200: CandidateListSerializer},
        summary="Likely duplicates of a person about to be recorded",
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def candidates(self, request: Request) -> Response:
        """Persons you may see that are likely the one described, best first: names compared
        in both scripts and across romanisation variants, year of birth within a year, and
        the same identity document number first of all."""
        if not permissions.can(request.user, Person, permissions.VIEW):
            raise PermissionDenied
        query = CandidateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = find_candidates(request.user, **query.validated_data)
        access.log_list_view(
            Person,
            [person for person, _ in found],
            {"query": request.GET.urlencode(), "purpose": "likely duplicates"},
        )
        context = self.get_serializer_context()
        results = [
            {"score": score, "person": PersonSerializer(person, context=context).data}
            for person, score in found
        ]
        return Response({"count": len(results), "results": results})

    @extend_schema(
        request=MergeSerializer,
        responses={
            200: PersonSerializer,
            400: OpenApiResponse(description="Refused: the same person, or already merged."),
            404: OpenApiResponse(description="No such person that you may change."),
            409: OpenApiResponse(description="One of the records changed since you read it."),
        },
        summary="Merge this person into another",
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def merge(self, request: Request, pk: Any = None) -> Response:
        """Merge this person (a duplicate) into `into`, which is kept: every record linking
        to this person moves to it, its blank fields are filled from this one, and this
        record stays, marked `merged_into`, with its history. Audited."""
        person = self.get_object()
        body = MergeSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        kept = merge_persons(
            body.validated_data["into"],
            person,
            acting_user=request.user,
            keep_version=body.validated_data.get("into_version"),
            remove_version=body.validated_data.get("version"),
        )
        return Response(PersonSerializer(kept, context=self.get_serializer_context()).data)
