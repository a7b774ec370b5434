"""The home page's first load, signed in as a demo persona with an empty cache, weighs under
120 KB over the wire (compressed as production sends it), in English and in Khmer
(docs/quality.md, performance; bench/pageweight.py measures it on an emulated 3G line).

Static files are collected as production collects them (hashed, precompressed) and served by
WhiteNoise, pages by the app with its response compression (sahakar/testing/served.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from sahakar.demo.users import DEMO_PASSWORD, ensure_users
from sahakar.reference.loader import load_country
from sahakar.testing import factories as f
from sahakar.testing.served import CHROMIUM, collected_static, first_load, live_server

BUDGET = 120 * 1024

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
        reason="browser tests need the system's Chromium at /usr/bin/chromium",
    ),
]


def test_it_keeps_the_home_pages_first_load_under_120_kb(tmp_path: Path) -> None:
    load_country("kh")  # the transactional database starts empty
    ensure_users()
    unit = f.first_district(f.PHNOM_PENH)
    for number in range(5):
        f.make_operation(unit, title=f"Night sweep {number}")
        f.make_seizure(unit)

    weights: dict[str, Any] = {}
    with collected_static(tmp_path / "static"), live_server() as base:
        for language in ("en", "km"):
            received = first_load(base, language, "pp.officer", DEMO_PASSWORD)
            weights[language] = (sum(size for _, size in received), received)

    for language, (total, received) in weights.items():
        assert any(url.endswith("/") for url, _ in received), received  # the page itself
        assert total < BUDGET, f"{language}: {total} bytes: {received}"
