"""API base viewset: its queryset is always restricted for the request's action.

Reads restrict with "view"; a create reads its record back with "view" (whether the user may
add at all is ActionPermission's, where is checked after the save); every other write needs
"change" ("delete" for DELETE), custom @actions on a record included, unless the action
declares otherwise: `@action(detail=True, methods=["post"], restrict_with=permissions.VIEW)`.
A written record must still be one the user may add or change, else the write is rolled back
and refused (403, audited)."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.cache import add_never_cache_headers
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response

from sahakar.audit import access
from sahakar.core import changelog, permissions, postcheck
from sahakar.core.writes import expect_version

_STANDARD_WRITES = frozenset({"create", "update", "partial_update", "destroy"})


class RestrictedModelViewSet(viewsets.ModelViewSet[Any]):
    """List, retrieve, create, update, delete; records out of scope answer 404."""

    queryset: QuerySet[Any]
    restrict_with: str | None = None  # declared on an @action to override the default
    _acted_on: Any = None

    def access_action(self) -> str:
        """The action this request's records are restricted with."""
        if self.restrict_with is not None:
            return self.restrict_with
        method = self.request.method or "GET"
        if method in SAFE_METHODS or self.action == "create":
            return permissions.VIEW
        return permissions.DELETE if method == "DELETE" else permissions.CHANGE

    def get_queryset(self) -> Any:
        return self.queryset.all().restrict(self.request.user, self.access_action())  # type: ignore[attr-defined]

    def get_object(self) -> Any:
        queryset = self.filter_queryset(self.get_queryset())
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        lookup = {self.lookup_field: self.kwargs[lookup_url_kwarg]}
        obj = access.get_or_404_logged(queryset, self.request.user, **lookup)
        self.check_object_permissions(self.request, obj)
        self._acted_on = obj
        return obj

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """A custom action that writes runs in one transaction, and the record it acted on
        must still be one the user may change afterwards, else it is rolled back."""
        action = getattr(self, "action_map", {}).get((request.method or "").lower())
        if request.method in SAFE_METHODS or action in _STANDARD_WRITES:
            return super().dispatch(request, *args, **kwargs)
        refusal = None
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)
            if self._acted_on is not None and response.status_code < 400:
                try:
                    postcheck.ensure_in_scope(
                        self._acted_on, self.request.user, self.access_action()
                    )
                except postcheck.OutOfScope as exc:
                    refusal = exc
                    transaction.set_rollback(True)
        if refusal is None:
            return response
        postcheck.log_refusal(refusal)
        return self.finalize_response(
            self.request, Response({"detail": refusal.message}, status=403), *args, **kwargs
        )

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        if page is not None:
            access.log_list_view(
                self.queryset.model, list(page), {"query": self.request.GET.urlencode()}
            )
        return page

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if permissions.holds_personal_data(self.queryset.model):
            add_never_cache_headers(response)
        return response

    def perform_create(self, serializer: Any) -> None:
        self._save_in_scope(serializer, permissions.ADD)

    def perform_update(self, serializer: Any) -> None:
        self._save_in_scope(serializer, permissions.CHANGE)

    def _save_in_scope(self, serializer: Any, action: str) -> None:
        try:
            with transaction.atomic(), changelog.grouped():
                obj = serializer.save()
                postcheck.ensure_in_scope(obj, self.request.user, action)
        except postcheck.OutOfScope as exc:
            postcheck.log_refusal(exc)
            raise exceptions.PermissionDenied(exc.message) from exc

    def act_on_record(
        self,
        request: Request,
        body: type[serializers.Serializer[Any]],
        perform: Callable[[Any, dict[str, Any]], object],
        *,
        answer_status: int = status.HTTP_200_OK,
    ) -> Response:
        """A custom action on one record: the body validated (its serializer finds the record
        as `context["record"]`), the version the client read applied, the service called, and
        the record answered as it now is, read with view rights (a role that may change a
        record but not see it gets 404, audited)."""
        record = self.get_object()
        data = body(data=request.data, context={"request": request, "record": record})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        expect_version(record, values.pop("version", None))
        perform(record, values)
        visible = self.queryset.all().restrict(request.user, permissions.VIEW)  # type: ignore[attr-defined]
        fresh = access.get_or_404_logged(visible, request.user, pk=record.pk)
        return Response(self.get_serializer(fresh).data, status=answer_status)

    def perform_destroy(self, instance: Any) -> None:
        with transaction.atomic():
            instance.delete()
