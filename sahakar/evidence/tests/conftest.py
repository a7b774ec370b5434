from typing import Any

import pytest

from sahakar.testing.evidence import EvidenceRoom, evidence_room


@pytest.fixture
def room(db: Any) -> EvidenceRoom:
    return evidence_room()
