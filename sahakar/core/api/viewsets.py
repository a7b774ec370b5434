"""API base viewset: its queryset is always restricted for the request's action."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.cache import add_never_cache_headers
from rest_framework import viewsets

from sahakar.audit import access
from sahakar.core import changelog, permissions

_ACTION_FOR_METHOD = {
    "GET": permissions.VIEW,
    "HEAD": permissions.VIEW,
    "OPTIONS": permissions.VIEW,
    "POST": permissions.ADD,
    "PUT": permissions.CHANGE,
    "PATCH": permissions.CHANGE,
    "DELETE": permissions.DELETE,
}


class RestrictedModelViewSet(viewsets.ModelViewSet):
    """List, retrieve, create, update, delete; records out of scope answer 404."""

    queryset: QuerySet

    def get_queryset(self) -> Any:
        action = _ACTION_FOR_METHOD.get(self.request.method or "GET", permissions.VIEW)
        if action == permissions.ADD:  # the created record is read back with view rights
            action = permissions.VIEW
        return self.queryset.all().restrict(self.request.user, action)  # type: ignore[attr-defined]

    def get_object(self) -> Any:
        queryset = self.filter_queryset(self.get_queryset())
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        lookup = {self.lookup_field: self.kwargs[lookup_url_kwarg]}
        obj = access.get_or_404_logged(queryset, self.request.user, **lookup)
        self.check_object_permissions(self.request, obj)
        return obj

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
        with transaction.atomic(), changelog.grouped():
            serializer.save()

    def perform_update(self, serializer: Any) -> None:
        with transaction.atomic(), changelog.grouped():
            serializer.save()

    def perform_destroy(self, instance: Any) -> None:
        with transaction.atomic():
            instance.delete()
