"""The app's main pages, each with the demo persona whose work it is, for the browser suite
(core/tests/test_browser_main_pages.py).

Build the list once the demo data is loaded: a detail page is the first record of its type
the persona may see. A record type the data lacks is reported as a missing page rather
than skipped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models

from sahakar.arrests.models import Arrest
from sahakar.audit.models import AuditEntry
from sahakar.cases.models import CaseFile
from sahakar.evidence.models import DestructionBatch, EvidenceStore, Exhibit, Inventory
from sahakar.operations.models import Operation
from sahakar.persons.models import Person
from sahakar.prevention.models import Campaign
from sahakar.seizures.models import Seizure
from sahakar.venues.models import Venue

ANONYMOUS = ""


@dataclass(frozen=True)
class MainPage:
    persona: str  # a demo username; ANONYMOUS for the pages open to everyone
    name: str
    path: str


# Pages without a record in their path, by persona.
FIXED: dict[str, dict[str, str]] = {
    ANONYMOUS: {"sign-in": "/login/", "public figures": "/public/"},
    "pp.officer": {
        "home": "/",
        "venue list": "/venues/",
        "venue form": "/venues/add/",
        "operation list": "/operations/",
        "operation form": "/operations/add/",
        "inspection list": "/operations/inspections/",
        "seizure list": "/seizures/",
        "seizure form": "/seizures/add/",
        "person list": "/persons/",
        "person form": "/persons/add/",
        "arrest list": "/arrests/",
        "arrest form": "/arrests/add/",
        "custody deadlines": "/arrests/due/",
        "security": "/security/",
    },
    "pp.investigator": {
        "case list": "/cases/",
        "case form": "/cases/add/",
        "likely duplicate persons": "/persons/duplicates/",
    },
    "prevention.moh": {"campaign list": "/prevention/", "campaign form": "/prevention/add/"},
    "custodian": {
        "exhibit list": "/evidence/exhibits/",
        "store list": "/evidence/stores/",
        "laboratory requests": "/evidence/lab-requests/",
        "inventory list": "/evidence/inventories/",
        "inventory form": "/evidence/inventories/start/",
        "scan": "/evidence/scan/",
        "batch transfer": "/evidence/batch/",
        "custody report check": "/evidence/verify/",
    },
    "evidence.supervisor": {"weight discrepancies": "/evidence/weight-discrepancies/"},
    "prosecutor.pp": {
        "disposal queue": "/evidence/disposal/",
        "disposals approved": "/evidence/disposal/approved/",
    },
    "destruction.keeper": {
        "destruction list": "/evidence/destructions/",
        "destruction form": "/evidence/destructions/add/",
    },
    "analyst": {
        "statistics dashboard": "/statistics/",
        "statistics reports": "/statistics/reports/",
        "international returns": "/statistics/returns/",
    },
    "auditor": {"audit trail": "/audit/"},
}

# One detail page of each record type: (persona, page name, model).
DETAILS: tuple[tuple[str, str, type[models.Model]], ...] = (
    ("pp.officer", "venue", Venue),
    ("pp.officer", "operation", Operation),
    ("pp.officer", "seizure", Seizure),
    ("pp.officer", "person", Person),
    ("pp.officer", "arrest", Arrest),
    ("pp.investigator", "case", CaseFile),
    ("prevention.moh", "campaign", Campaign),
    ("custodian", "exhibit", Exhibit),
    ("custodian", "store", EvidenceStore),
    ("custodian", "inventory", Inventory),
    ("destruction.keeper", "destruction", DestructionBatch),
    ("auditor", "audit entry", AuditEntry),
)


def _first_seen(model: type[models.Model], user: Any) -> Any:
    manager: Any = model._default_manager
    records = manager.restrict(user) if hasattr(manager, "restrict") else manager.all()
    return records.order_by("pk").first()


def main_pages() -> tuple[list[MainPage], list[str]]:
    """The pages to visit, and the detail pages that have no record to show."""
    users = {u.username: u for u in get_user_model().objects.all()}
    pages = [
        MainPage(persona, name, path)
        for persona, named in FIXED.items()
        for name, path in named.items()
    ]
    missing = []
    for persona, name, model in DETAILS:
        record = _first_seen(model, users[persona])
        if record is None:
            missing.append(f"{name} (as {persona})")
        else:
            pages.append(MainPage(persona, name, record.get_absolute_url()))
    return pages, missing
