"""Personas the persons tests need beyond the shared ones."""

from typing import Any

import pytest

from sahakar.testing import factories as f


@pytest.fixture
def prosecutor(db: Any) -> Any:
    """A Phnom Penh prosecutor: reads persons, may not change them."""
    return f.make_user("prosecutor", "prosecutor", f.unit(f.PHNOM_PENH), "PPO-PP")
