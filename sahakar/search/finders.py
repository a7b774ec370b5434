"""One finder per record type: what the search box finds among the records a user may see.

Each finder reads through `restrict(user, VIEW)` and returns at most `limit` records, in one
query (or two for persons): the reference by exact value or prefix (only when the query looks
like a reference of that kind), then names, markings and substances. Record types holding
personal data (persons, arrests, case files) are searched only for users who may see
personal data, and what they show is audited as a view, like a list of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from sahakar.arrests.models import Arrest
from sahakar.audit import access
from sahakar.cases.models import CaseFile, title_prefetch
from sahakar.core import permissions
from sahakar.evidence.models import Exhibit
from sahakar.operations.models import Operation
from sahakar.persons.models import Person
from sahakar.persons.name_search import persons_named
from sahakar.prevention.models import Campaign
from sahakar.search.query import SearchQuery
from sahakar.seizures.models import Seizure, SeizureItem
from sahakar.substances.lookup import substances_named
from sahakar.substances.models import Substance
from sahakar.venues.models import Venue

LIMIT = 10  # records shown per record type; the list page behind "more" has the rest


@dataclass
class Found:
    """What a search knows beyond the query: the substances it names, the persons it
    finds (their arrests and cases are found through them)."""

    query: SearchQuery
    user: Any
    substances: list[Substance] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)


@dataclass
class Group:
    model: type[Model]
    records: list[Any]
    list_url: str

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def key(self) -> str:
        return self.model._meta.model_name or ""


def _reference(found: Found, model: Any) -> Q | None:
    prefix = found.query.reference_for(model.reference_prefix)
    if not prefix:
        return None
    return Q(reference=prefix) | Q(reference__startswith=prefix)


def _any(*conditions: Q | None) -> Q | None:
    kept = [c for c in conditions if c is not None]
    if not kept:
        return None
    combined = kept[0]
    for condition in kept[1:]:
        combined |= condition
    return combined


def _read(found: Found, queryset: QuerySet[Any], condition: Q | None, *order: str) -> list[Any]:
    if condition is None:
        return []
    visible = queryset.restrict(found.user, permissions.VIEW)  # type: ignore[attr-defined]
    return list(visible.filter(condition).order_by(*order)[:LIMIT])


def operations(found: Found) -> list[Any]:
    return _read(
        found,
        Operation.objects.select_related("org_unit"),
        _any(_reference(found, Operation), Q(title__icontains=found.query.text)),
        "-planned_start",
        "-pk",
    )


def seizures(found: Found) -> list[Any]:
    """By reference, by the markings on an item ("WY"), by a substance named any way."""
    text = found.query.text
    items = Q(markings__icontains=text)
    if found.substances:
        items |= Q(substance__in=found.substances)
    in_items = Q(pk__in=SeizureItem.objects.filter(items).values("seizure_id"))
    return _read(
        found,
        Seizure.objects.select_related("org_unit", "venue"),
        _any(_reference(found, Seizure), in_items),
        "-seized_at",
        "-pk",
    )


def persons(found: Found) -> list[Any]:
    return found.persons


def arrests(found: Found) -> list[Any]:
    """By reference, or the arrests of the persons found."""
    of_persons = Q(person__in=[p.pk for p in found.persons]) if found.persons else None
    return _read(
        found,
        Arrest.objects.select_related("person", "org_unit"),
        _any(_reference(found, Arrest), of_persons),
        "-arrested_at",
        "-pk",
    )


def cases(found: Found) -> list[Any]:
    """By reference, court case number, or the cases of the persons found."""
    text = found.query.text
    of_persons = None
    if found.persons:
        defendants = Q(defendants__arrest__person__in=[p.pk for p in found.persons])
        of_persons = Q(pk__in=CaseFile._base_manager.filter(defendants).values("pk"))
    return _read(
        found,
        CaseFile.objects.select_related("org_unit").prefetch_related(title_prefetch()),
        _any(_reference(found, CaseFile), Q(court_case_number__iexact=text), of_persons),
        "-created",
        "-pk",
    )


def venues(found: Found) -> list[Any]:
    text = found.query.text
    return _read(
        found,
        Venue.objects.select_related("org_unit"),
        Q(name__icontains=text) | Q(licence_number__iexact=text),
        "name",
        "pk",
    )


def exhibits(found: Found) -> list[Any]:
    text = found.query.text
    substance = Q(substance__in=found.substances) if found.substances else None
    return _read(
        found,
        Exhibit.objects.select_related("substance", "seizure"),
        _any(_reference(found, Exhibit), Q(seal_number__iexact=text), substance),
        "-created",
        "-pk",
    )


def campaigns(found: Found) -> list[Any]:
    return _read(
        found,
        Campaign.objects.select_related("org_unit"),
        _any(_reference(found, Campaign), Q(title__icontains=found.query.text)),
        "-starts_on",
        "-pk",
    )


FINDERS: tuple[tuple[type[Model], Callable[[Found], list[Any]], str], ...] = (
    (Operation, operations, "operations:operation_list"),
    (Seizure, seizures, "seizures:seizure_list"),
    (Person, persons, "persons:person_list"),
    (Arrest, arrests, "arrests:arrest_list"),
    (CaseFile, cases, "cases:casefile_list"),
    (Venue, venues, "venues:venue_list"),
    (Exhibit, exhibits, "evidence:exhibit_list"),
    (Campaign, campaigns, "prevention:campaign_list"),
)


def search(user: Any, query: SearchQuery) -> list[Group]:
    """The records of each type the user may see that the query finds, types without any
    left out. Persons shown (and arrests and cases, which name them) are audited."""
    if query.is_empty:
        return []
    found = Found(query=query, user=user, substances=substances_named(query.text))
    if may_search(user, Person):
        found.persons = persons_named(user, query.text, limit=LIMIT)
    groups = []
    for model, finder, list_name in FINDERS:
        if not may_search(user, model):
            continue
        records = finder(found)
        if not records:
            continue
        access.log_list_view(model, records, {"query": query.text, "purpose": "search"})
        list_url = f"{reverse(list_name)}?{urlencode({'q': query.text})}"
        groups.append(Group(model=model, records=records, list_url=list_url))
    return groups


def may_search(user: Any, model: type[Model]) -> bool:
    """Whether the user sees records of this type at all; personal data only for roles that
    see it (prevention officers and analysts never see suspects)."""
    if not permissions.can(user, model, permissions.VIEW):
        return False
    return not permissions.holds_personal_data(model) or permissions.sees_personal_data(user)
