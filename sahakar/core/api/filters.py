"""The API's filter backend: filtersets built from `filterset_fields` are validated too."""

from django_filters import rest_framework as filters

from sahakar.core.filtersets import ValidatedFilterSet


class ValidatedAPIFilterSet(ValidatedFilterSet, filters.FilterSet):  # type: ignore[misc]  # untyped base
    """What DRF builds from a viewset's `filterset_fields`, bounded like every filterset."""


class FilterBackend(filters.DjangoFilterBackend):  # type: ignore[misc]  # untyped base
    filterset_base = ValidatedAPIFilterSet
