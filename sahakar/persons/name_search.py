"""Persons by name, as someone searching types it: either script, any word order, small
misspellings, or the first letters of a name.

Two indexed reads, never a scan: the likely-duplicates block (duplicates.find_candidates:
the name skeleton, the folded Khmer name or the document number) finds whole names whatever
their order and spelling; a range on the folded name (`name_fold`, Latin letters) or the
folded Khmer name (`name_key_km`) finds names beginning with what was typed, its words in
either order. Both read only persons the user may see.
"""

from __future__ import annotations

from itertools import permutations
from typing import Any

from django.db.models import Q

from sahakar.core import permissions
from sahakar.persons import names
from sahakar.persons.duplicates import find_candidates
from sahakar.persons.models import Person

MAX_QUERY = 200  # as long as a name field


def is_khmer(text: str) -> bool:
    return any("\u1780" <= c <= "\u17ff" or "\u19e0" <= c <= "\u19ff" for c in text)


def persons_named(user: Any, text: str, limit: int = 10) -> list[Person]:
    """The persons `user` may see whose name (or document number) is the one typed, best
    first: likely matches of the whole name, then names beginning with it."""
    text = " ".join(text.split())[:MAX_QUERY]
    if not text or limit < 1:
        return []
    khmer = is_khmer(text)
    candidates = find_candidates(
        user,
        name_km=text if khmer else "",
        name_latin="" if khmer else text,
        document_number=text if any(c.isdigit() for c in text) else "",
        limit=limit,
    )
    found = {p.pk: p for p, _score in candidates}
    if len(found) < limit:
        begins = _beginning_with(text)
        if begins is not None:
            visible = Person.objects.current().restrict(user, permissions.VIEW)
            rows = visible.filter(begins).exclude(pk__in=found).select_related("org_unit")
            for person in rows.order_by("name_fold", "name_key_km", "pk")[: limit - len(found)]:
                found[person.pk] = person
    return list(found.values())


def _beginning_with(text: str) -> Q | None:
    """Names beginning with the typed words, in the order typed or the other way round (two
    words; longer queries as typed). A range on the indexed column, then the exact prefix."""
    if is_khmer(text):
        prefixes = [names.fold_khmer(text)]
        column = "name_key_km"
    else:
        tokens = names.latin_tokens(text)
        orders = permutations(tokens) if len(tokens) <= 2 else [tokens]
        prefixes = [" ".join(order) for order in orders]
        column = "name_fold"
    condition = Q()
    for prefix in dict.fromkeys(p for p in prefixes if p):
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        condition |= Q(
            **{
                f"{column}__gte": prefix,
                f"{column}__lt": following,
                f"{column}__startswith": prefix,
            }
        )
    return condition or None
