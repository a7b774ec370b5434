"""Reference numbers: readable, per province and year, unique under concurrent inserts."""

import re
import threading
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from sahakar.core.refnumbers import next_reference
from sahakar.seizures.models import Seizure
from sahakar.testing import factories as f

PHNOM_PENH_TIME = ZoneInfo("Asia/Phnom_Penh")


@pytest.mark.django_db
def test_it_names_the_kind_province_and_year() -> None:
    seizure = f.make_seizure(
        f.first_district(f.SIEM_REAP), seized_at=datetime(2025, 3, 1, tzinfo=PHNOM_PENH_TIME)
    )
    assert re.fullmatch(r"SZ-SR-2025-\d{5}", seizure.reference)
    operation = f.make_operation(f.unit(f.PHNOM_PENH))
    assert re.fullmatch(r"OP-PP-\d{4}-\d{5}", operation.reference)


@pytest.mark.django_db
def test_it_counts_each_province_and_year_on_its_own() -> None:
    when = datetime(2024, 6, 1, tzinfo=PHNOM_PENH_TIME)
    first = next_reference("SZ", f.unit(f.PHNOM_PENH), when)
    second = next_reference("SZ", f.unit(f.PHNOM_PENH), when)
    other_province = next_reference("SZ", f.unit(f.SIEM_REAP), when)
    assert (first, second, other_province) == (
        "SZ-PP-2024-00001",
        "SZ-PP-2024-00002",
        "SZ-SR-2024-00001",
    )


@pytest.mark.django_db
def test_it_uses_the_local_year_at_new_year() -> None:
    # 31 Dec 18:00 UTC is already 1 January in Phnom Penh.
    when = datetime(2025, 12, 31, 18, 0, tzinfo=ZoneInfo("UTC"))
    assert next_reference("OP", f.unit(f.PHNOM_PENH), when).startswith("OP-PP-2026-")


@pytest.mark.django_db
def test_it_uses_the_country_code_above_province_level() -> None:
    when = datetime(2025, 1, 5, tzinfo=PHNOM_PENH_TIME)
    assert next_reference("OP", f.nation(), when) == "OP-KH-2025-00001"


@pytest.mark.django_db(transaction=True)
def test_it_never_hands_out_a_number_twice_under_concurrency() -> None:
    from sahakar.reference.loader import load_country

    load_country("kh")  # transactional tests start from an empty database
    unit = f.unit(f.PHNOM_PENH)
    agency = f.agency("ADD")
    workers, per_worker = 6, 5
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def insert() -> None:
        try:
            barrier.wait()
            for _ in range(per_worker):
                Seizure.objects.create(
                    seized_at=datetime(2025, 2, 1, tzinfo=PHNOM_PENH_TIME),
                    org_unit=unit,
                    seizing_agency=agency,
                    place_description="Concurrent test",
                )
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)
        finally:
            connection.close()

    threads: list[Any] = [threading.Thread(target=insert) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = sorted(Seizure.objects.values_list("reference", flat=True))
    expected = [f"SZ-PP-2025-{n:05d}" for n in range(1, workers * per_worker + 1)]
    assert references == expected
