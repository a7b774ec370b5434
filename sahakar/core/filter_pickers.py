"""Filters that take a code (what links and the API send: "12", "METH", "ADB-PP") but show
the user a list of names to pick from. The list is read only when a page draws the form, so
API calls, exports and counts pay nothing for it; it holds only what the user may see."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import django_filters
from django import forms
from django.utils.choices import CallableChoiceIterator

from sahakar.core import permissions

Options = Callable[[Any], Iterable[tuple[str, str]]]  # the user -> (code, name) pairs
BLANK = ("", "---------")


class _Picker:
    """Draws a filter as a list of names: `options(user)` gives (value, name) pairs. A value
    not in the list (a commune's code, typed into a link) still filters."""

    extra: dict[str, Any]

    def __init__(self, *args: Any, options: Options, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = options

    def for_user(self, user: Any, model: Any) -> None:
        """Offer the user's options, none to a user who may not see the list's records at
        all (the list is empty for them: its filters name nothing either)."""
        options = self.options

        def choices() -> list[tuple[str, str]]:
            if model is not None and not permissions.can(user, model, permissions.VIEW):
                return [BLANK]
            return [BLANK, *options(user)]

        self.extra["widget"] = forms.Select(choices=CallableChoiceIterator(choices))


class PickByName(_Picker, django_filters.CharFilter):  # type: ignore[misc]  # untyped base
    """A code filter ("12", "METH", "ADB-PP") picked by name."""


class PickByNumber(_Picker, django_filters.NumberFilter):  # type: ignore[misc]  # untyped base
    """An id filter picked by name."""


def org_units(user: Any) -> list[tuple[str, str]]:
    """Provinces and districts within the user's jurisdictions (communes by code only: they
    are too many to list), each district under its province."""
    from sahakar.geo.models import OrgUnit

    units = OrgUnit.objects.filter(level__in=(OrgUnit.Level.PROVINCE, OrgUnit.Level.DISTRICT))
    if user is not None:
        units = permissions.choices_for(units, user)
    return [
        (u.code, f"— {u.name}" if u.level == OrgUnit.Level.DISTRICT else u.name)
        for u in units.order_by("path")
    ]


def agencies(user: Any) -> list[tuple[str, str]]:
    from sahakar.agencies.models import Agency

    return sorted(((a.code, str(a)) for a in Agency.objects.all()), key=lambda c: c[1].lower())


def substances(user: Any) -> list[tuple[str, str]]:
    """Each substance by its name in the user's language, with its other names."""
    from sahakar.substances.models import Substance

    choices = []
    for substance in Substance.objects.all():
        others = [n for n in (substance.name_en, substance.name_km) if n and n != str(substance)]
        if substance.street_names:
            others.append(substance.street_names)
        label = f"{substance} ({'; '.join(others)})" if others else str(substance)
        choices.append((substance.code, label))
    return sorted(choices, key=lambda c: c[1].lower())


def evidence_stores(user: Any) -> list[tuple[str, str]]:
    from sahakar.evidence.models import EvidenceStore

    stores = EvidenceStore.objects.restrict(user, permissions.VIEW).order_by("name")
    return [(s.code, str(s)) for s in stores]


def offences(user: Any) -> list[tuple[str, str]]:
    from sahakar.arrests.models import Offence

    return [(o.code, str(o)) for o in Offence.objects.all()]


def inventory_stores(user: Any) -> list[tuple[str, str]]:
    """The stores by id, for filters that take one."""
    from sahakar.evidence.models import EvidenceStore

    stores = EvidenceStore.objects.restrict(user, permissions.VIEW).order_by("name")
    return [(str(s.pk), str(s)) for s in stores]


def record_types(user: Any) -> list[tuple[str, str]]:
    """Every kind of record the trail speaks of, as "app.model" by its name."""
    from django.apps import apps
    from django.utils.text import capfirst

    choices = [
        (model._meta.label_lower, capfirst(str(model._meta.verbose_name)))
        for model in apps.get_models()
        if model.__module__.startswith("sahakar.")
    ]
    return sorted(choices, key=lambda c: c[1].lower())
