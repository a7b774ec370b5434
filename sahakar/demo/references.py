"""Reference numbers for bulk-created records, drawn in blocks from the same counters the app uses.

core.refnumbers draws one number per insert; here each (prefix, province, year) key draws one
block for all the records of a batch (sequences.get_next_values), so numbers stay unique and
the next record a user enters continues after the demo's last number.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone
from sequences import get_next_values
from sequences.models import Sequence as Counter

# The key format of core.refnumbers.next_reference: PREFIX-SHORTCODE-YEAR.
KEY = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<short>[A-Z0-9]+)-(?P<year>\d{4})$")
REFERENCE = re.compile(r"^(?P<key>[A-Z]+-[A-Z0-9]+-\d{4})-(?P<number>\d{5,})$")


def reference_key(prefix: str, short_code: str, when: datetime) -> str:
    return f"{prefix}-{short_code}-{timezone.localtime(when).year}"


def assign(
    records: Sequence[Any],
    prefix: str,
    short_code: Callable[[Any], str],
    when: Callable[[Any], datetime],
) -> None:
    """Give each record a reference; within a key, numbers follow the records' times."""
    by_key: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        by_key[reference_key(prefix, short_code(record), when(record))].append(record)
    for key, group in sorted(by_key.items()):
        group.sort(key=when)
        for record, number in zip(group, get_next_values(len(group), key), strict=True):
            record.reference = f"{key}-{number:05d}"


def rewind(prefixes: Iterable[str], remaining: Iterable[str]) -> None:
    """Set each counter of `prefixes` back to the highest number still in use (or drop it).

    Used after demo records are deleted, so regenerated data numbers from 1 again while
    numbers held by records that stay are never handed out twice.
    """
    highest: dict[str, int] = {}
    for reference in remaining:
        match = REFERENCE.match(reference)
        if match:
            key, number = match["key"], int(match["number"])
            highest[key] = max(highest.get(key, 0), number)
    wanted = set(prefixes)
    for counter in Counter.objects.all():
        match = KEY.match(counter.name)
        if not match or match["prefix"] not in wanted:
            continue
        if counter.name in highest:
            Counter.objects.filter(name=counter.name).update(last=highest[counter.name])
        else:
            Counter.objects.filter(name=counter.name).delete()
