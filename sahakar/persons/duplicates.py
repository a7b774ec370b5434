"""Likely duplicates of a person about to be recorded, or of one already held.

find_candidates() never scans the persons table. It reads one small block by index: the
persons sharing the query's name skeleton (names.py: consonants of the folded name, from
either script), its folded Khmer name, or its identity document number. It scores only that
block with rapidfuzz and returns the best few. The arrests pages call it before creating a
new person; the duplicates page and the candidates endpoint show it to users.

Scores run from 0 to 100:

- name, up to 92: how alike the folded names are (0-100, times NAME_WEIGHT), in Latin
  letters and in Khmer script (the better of the two counts most); a record held only in the
  other script is compared by its consonant skeleton and its name counts at most
  CROSS_SCRIPT_CAP;
- year of birth: +8 for the same year, +4 one year apart, then -4 for each further year
  apart down to -20 (a mistyped year is common; the same name a generation apart is shown,
  but below everyone born about the same year);
- identity document: the same number (ignoring case, spaces and dashes) scores 100 whatever
  the names say, and such matches come first.

Candidates below MIN_SCORE are left out; so are persons merged into another one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import permutations
from typing import Any

from django.db.models import Q
from rapidfuzz import fuzz

from sahakar.core import permissions
from sahakar.persons import names
from sahakar.persons.models import Person

MIN_SCORE = 60.0
NAME_WEIGHT = 0.92  # the same name scores 92; the same year of birth adds the rest
CROSS_SCRIPT_CAP = 85.0
# At most this many rows are read and scored per search: a very common name must not turn a
# search into a scan (bench/duplicates.py reports the block sizes at a million persons).
BLOCK_LIMIT = 2000
# With a year of birth, the name block is read for those born within NEAR_YEARS of it (and
# of unknown year), and at most FAR_LIMIT of those born further apart.
NEAR_YEARS = 2
FAR_LIMIT = 100

# What is read of each person in a block: (pk, name_fold, name_key, name_key_km,
# birth_year, date_of_birth, document_key).
_FIELDS = (
    "pk",
    "name_fold",
    "name_key",
    "name_key_km",
    "birth_year",
    "date_of_birth",
    "document_key",
)
_Row = tuple[int, str, str, str, int | None, date | None, str]


@dataclass(frozen=True)
class _Query:
    fold: str
    compacts: tuple[str, ...]
    skeletons: tuple[str, ...]
    km: str
    birth_year: int | None
    document: str

    @classmethod
    def of(
        cls, name_km: str, name_latin: str, birth_year: int | None, document_number: str
    ) -> _Query:
        tokens = names.latin_tokens(name_latin)
        latin_skeleton = names.skeleton(tokens)
        khmer_skeleton = names.khmer_skeleton(name_km)
        return cls(
            fold=" ".join(tokens),
            compacts=_joined_in_every_order(tokens),
            skeletons=tuple(dict.fromkeys(s for s in (latin_skeleton, khmer_skeleton) if s)),
            km=names.fold_khmer(name_km),
            birth_year=birth_year,
            document=names.normalise_document_number(document_number),
        )

    @property
    def is_empty(self) -> bool:
        return not (self.skeletons or self.km or self.document)


def find_candidates(
    user: Any,
    *,
    name_km: str = "",
    name_latin: str = "",
    birth_year: int | None = None,
    document_number: str = "",
    limit: int = 10,
    action: str = permissions.VIEW,
    exclude: Person | None = None,
) -> list[tuple[Person, float]]:
    """The persons `user` may see (or do `action` on) that are most likely the one described,
    best first, with their scores (0-100). `exclude` leaves one person out (itself, when
    looking for duplicates of a recorded person)."""
    query = _Query.of(name_km, name_latin, birth_year, document_number)
    if query.is_empty or limit < 1:
        return []
    rows = _block(user, query, action, exclude)
    scored = []
    for row in rows:
        document_match, score = _score(query, row)
        if score >= MIN_SCORE:
            scored.append((document_match, score, row[0]))
    scored.sort(key=lambda item: (not item[0], -item[1], item[2]))
    best = scored[:limit]
    persons = Person.objects.select_related("org_unit").in_bulk([pk for _, _, pk in best])
    return [(persons[pk], round(score, 1)) for _, score, pk in best if pk in persons]


def _block(user: Any, query: _Query, action: str, exclude: Person | None) -> list[_Row]:
    """The persons sharing a key with the query, read through the indexes on the keys.

    The same identity document first. Then the name block: with a year of birth, those born
    within NEAR_YEARS of it and those of unknown year (index range scans on name key and
    year), and at most FAR_LIMIT of the others, so that a person recorded with a wrong year
    is still found when the name is not a common one; without a year, the whole block up to
    BLOCK_LIMIT. One query per condition rather than one OR: each is a plain index range
    scan on SQLite and PostgreSQL alike.
    """
    visible = Person.objects.current().restrict(user, action)
    if exclude is not None:
        visible = visible.exclude(pk=exclude.pk)
    names_alike = []
    if query.skeletons:
        names_alike.append(Q(name_key__in=query.skeletons))
    if query.km:
        names_alike.append(Q(name_key_km=query.km))
    rows: dict[int, _Row] = {}

    def read(condition: Q, limit: int = BLOCK_LIMIT) -> None:
        remaining = min(limit, BLOCK_LIMIT - len(rows))
        if remaining > 0:
            for row in visible.filter(condition).order_by().values_list(*_FIELDS)[:remaining]:
                rows.setdefault(row[0], row)

    if query.document:
        read(Q(document_key=query.document))
        names_alike = [alike & ~Q(document_key=query.document) for alike in names_alike]
    year = query.birth_year
    if year is None:
        for alike in names_alike:
            read(alike)
        return list(rows.values())
    low, high = year - NEAR_YEARS, year + NEAR_YEARS
    for alike in names_alike:
        read(alike & Q(birth_year__range=(low, high)))
        read(alike & Q(birth_year__isnull=True))
    for alike in names_alike:
        read(alike & (Q(birth_year__lt=low) | Q(birth_year__gt=high)), FAR_LIMIT)
    return list(rows.values())


def _score(query: _Query, row: _Row) -> tuple[bool, float]:
    _pk, fold, key, km, birth_year, born, document = row
    if query.document and document == query.document:
        return True, 100.0
    name = _name_score(query, fold, key, km)
    held_year = born.year if born else birth_year
    score = NAME_WEIGHT * name + _birth_year_adjustment(query.birth_year, held_year)
    return False, max(0.0, min(100.0, score))


def _name_score(query: _Query, fold: str, key: str, km: str) -> float:
    same_script = []
    if query.fold and fold:
        held = fold.replace(" ", "")
        same_script.append(
            max(
                fuzz.token_sort_ratio(query.fold, fold),  # Dara Sok, Sok Dara
                *(fuzz.ratio(joined, held) for joined in query.compacts),  # Sreymom
            )
        )
    if query.km and km:
        same_script.append(fuzz.ratio(query.km, km))
    if same_script:
        return 0.75 * max(same_script) + 0.25 * min(same_script)
    if query.skeletons and key:  # one script on each side: compare consonants
        best = max(fuzz.ratio(s, key) for s in query.skeletons)
        return best * CROSS_SCRIPT_CAP / 100
    return 0.0


def _joined_in_every_order(tokens: list[str]) -> tuple[str, ...]:
    """The words run together in every order (names of up to four words; longer ones only as
    written), to compare with a name whose words were split or joined differently."""
    if len(tokens) > 4:
        return ("".join(tokens),)
    return tuple(dict.fromkeys("".join(order) for order in permutations(tokens)))


def _birth_year_adjustment(year: int | None, held: int | None) -> float:
    if year is None or held is None:
        return 0.0
    gap = abs(held - year)
    if gap == 0:
        return 8.0
    if gap == 1:
        return 4.0
    return -min(4.0 * (gap - 1), 20.0)
