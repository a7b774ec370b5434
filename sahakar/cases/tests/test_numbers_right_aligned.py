"""Numbers in tables are right-aligned: the cells carry the `num` class that sahakar.css
aligns."""

import re
from pathlib import Path
from typing import Any

from django.conf import settings

from sahakar.cases.tests.conftest import make_case
from sahakar.testing import factories as f


def test_it_right_aligns_the_count_of_defendants(signed_in: Any, pp_investigator: Any) -> None:
    make_case(pp_investigator)
    page = signed_in("pp_investigator").get("/cases/").content.decode()
    assert re.search(r'<td [^>]*class="num"[^>]*>1</td>', page)


def test_it_right_aligns_the_quantities_of_a_seizure(signed_in: Any, pp_officer: Any) -> None:
    seizure = f.make_seizure(f.first_district(f.PHNOM_PENH), agency_code="ADB-PP")
    f.make_item(seizure)
    page = signed_in("pp_officer").get(seizure.get_absolute_url()).content.decode()
    assert re.search(r'<td [^>]*class="num"[^>]*>2,000 tablets</td>', page)


def test_it_aligns_the_num_cells_right() -> None:
    css = (Path(settings.BASE_DIR) / "static" / "sahakar" / "sahakar.css").read_text()
    assert "td.num { text-align: right;" in css
