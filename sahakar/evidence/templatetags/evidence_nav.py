"""The evidence room's own menu, shown on its lists: `{% load evidence_nav %}{% evidence_nav %}`.

Each entry appears only to users whose roles let them see that kind of record.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from sahakar.core import permissions
from sahakar.core.sections import section_menu
from sahakar.evidence.models import (
    DestructionBatch,
    DisposalApproval,
    EvidenceStore,
    Exhibit,
    Inventory,
    LabRequest,
    WeightDiscrepancy,
)
from sahakar.evidence.models.stores import stores_in_custody_of

register = template.Library()

ENTRIES = (
    (_("Exhibits"), "evidence:exhibit_list", Exhibit),
    (_("Scan a label"), "evidence:scan", Exhibit),
    (_("Stores"), "evidence:evidencestore_list", EvidenceStore),
    (_("Laboratory requests"), "evidence:labrequest_list", LabRequest),
    (_("Weight discrepancies"), "evidence:weightdiscrepancy_list", WeightDiscrepancy),
    (_("Disposal queue"), "evidence:disposal_queue", DisposalApproval),
    (_("Destructions"), "evidence:destructionbatch_list", DestructionBatch),
    (_("Inventories"), "evidence:inventory_list", Inventory),
)


@register.inclusion_tag("core/section_nav.html", takes_context=True)
def evidence_nav(context: Any) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    entries = [
        (label, name)
        for label, name, model in ENTRIES
        if permissions.can(user, model, permissions.VIEW)
    ]
    if stores_in_custody_of(user).exists():
        entries.append((_("Move many"), "evidence:batch_transfer"))
    return section_menu(context, _("Evidence room"), entries)
