"""Filterset bases: every value is checked before it reaches the database; free-text search
plus the jurisdiction-aware org-unit filter."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Q, QuerySet
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_filters.utils import get_model_field, label_for_filter
from django_filters.widgets import DateRangeWidget

from sahakar.core import filter_pickers
from sahakar.geo.models import OrgUnit

MAX_FILTER_TEXT = 200  # longer than any name, reference or code a filter is given
_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges


class ValidatedFilterSet(django_filters.FilterSet):  # type: ignore[misc]  # untyped base
    """Bounds every filter to what its column holds, so nonsense is a form error (a message on
    the page, 400 in the API), never a database error: numbers on integer columns and ids are
    whole numbers within the column's range (and the model field's own limits), text is at
    most MAX_FILTER_TEXT characters. Dates, choices and NUL bytes are checked by the form
    fields themselves."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model = self._meta.model or getattr(self.queryset, "model", None)
        user = getattr(self.request, "user", None)
        for name, filter_ in self.filters.items():
            if name not in self.declared_filters and model is not None:
                _label_in_page_language(filter_, model)
            _bound(filter_, model)
            if isinstance(filter_, filter_pickers.PickByName | filter_pickers.PickByNumber):
                filter_.for_user(user, model)


_lazy_label = lazy(label_for_filter, str)


def _label_in_page_language(filter_: django_filters.Filter, model: Any) -> None:
    """django-filter writes a generated label ("Nationality") once, in the language active
    when it is first read, and keeps it: Khmer pages then showed English. The label is made
    lazy again, read in the language of each page. A form field built before (the API schema
    builds them on the class) is dropped, to be built again with that label."""
    filter_.__dict__.pop("_field", None)
    filter_.label = _lazy_label(model, filter_.field_name, filter_.lookup_expr, filter_.exclude)


def _bound(filter_: django_filters.Filter, model: Any) -> None:
    if isinstance(filter_, django_filters.NumberFilter):
        field = get_model_field(model, filter_.field_name) if model else None
        if isinstance(field, models.ForeignObjectRel | models.ForeignKey):
            field = field.target_field
        if isinstance(field, models.DecimalField):
            filter_.extra.setdefault("max_digits", field.max_digits)
            filter_.extra.setdefault("decimal_places", field.decimal_places)
        elif not isinstance(field, models.FloatField):
            low, high = _INTEGER_RANGES.get(
                field.get_internal_type() if field else "", _INTEGER_RANGES["BigIntegerField"]
            )
            for validator in getattr(field, "validators", []):
                if isinstance(validator, MinValueValidator):
                    low = max(low, validator.limit_value)
                elif isinstance(validator, MaxValueValidator):
                    high = min(high, validator.limit_value)
            filter_.field_class = forms.IntegerField
            filter_.extra["min_value"] = max(low, filter_.extra.get("min_value", low))
            filter_.extra["max_value"] = min(high, filter_.extra.get("max_value", high))
    elif issubclass(filter_.field_class, forms.CharField):
        filter_.extra.setdefault("max_length", MAX_FILTER_TEXT)


class DateInputs(DateRangeWidget):  # type: ignore[misc]
    """Two date pickers, sent as <name>_after and <name>_before, each labelled on its own."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"type": "date", **(attrs or {})})
        for widget, label in zip(self.widgets, (_("from"), _("until")), strict=True):
            widget.attrs = {**widget.attrs, "aria-label": label}


def date_range(field_name: str = "", label: Any = "", **kwargs: Any) -> Any:
    """A from-until date filter: <name>_after and <name>_before, either one optional, both
    inclusive, in local days (also on date-time fields)."""
    return django_filters.DateFromToRangeFilter(
        field_name=field_name, label=label, widget=DateInputs, **kwargs
    )


class LinkedFilter(django_filters.NumberFilter):  # type: ignore[misc]  # untyped base
    """Records linked to one record, by its id (a person's arrests: ?person=12): what a
    related section's "see them all" link asks for. Carried as a hidden field in the filter
    form. A subquery, not a join, so that a list's counts (a case's defendants) stay right
    and no row comes twice."""

    def __init__(self, field_name: str, label: Any) -> None:
        super().__init__(field_name=field_name, label=label, widget=forms.HiddenInput)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in (None, ""):
            return qs
        linked = qs.model._base_manager.filter(**{self.field_name: value}).values("pk")
        return qs.filter(pk__in=linked)


linked_to = LinkedFilter


class BaseFilterSet(ValidatedFilterSet):
    """`q` searches the fields named in `search_fields`; `org_unit` takes a gazetteer code
    (picked by name on the page) and keeps the records in that unit's subtree. Serves UI
    filters and API parameters alike."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))
    org_unit = filter_pickers.PickByName(
        method="within_org_unit",
        label=_("Org unit"),
        help_text=_("Gazetteer code, e.g. 12 for Phnom Penh; includes the units below it."),
        options=filter_pickers.org_units,
    )

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(self.search_condition(value))

    def search_condition(self, value: str) -> Q:
        """Any of `search_fields` contains the text: what subclasses add their finds to."""
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return condition

    def within_org_unit(self, queryset: QuerySet[Any], name: str, value: str) -> Any:
        unit = OrgUnit.objects.filter(code=value.strip()).first()
        if unit is None:
            return queryset.none()
        field = getattr(queryset.model, "jurisdiction_field", "org_unit")
        return queryset.filter(**{f"{field}__path__startswith": unit.path})
