"""The evidence room's records, one module per part of it."""

from sahakar.evidence.models.disposal import DestructionBatch, DestructionWitness, DisposalApproval
from sahakar.evidence.models.events import CustodyEvent, EventIsFinal
from sahakar.evidence.models.exhibits import Exhibit
from sahakar.evidence.models.inventory import Inventory, InventoryLine
from sahakar.evidence.models.lab import LabRequest, LabTurnaroundRule
from sahakar.evidence.models.stores import EvidenceStore, StoreCustodian, StoreLocation
from sahakar.evidence.models.weights import WeightDiscrepancy, WeightTolerance

__all__ = [
    "CustodyEvent",
    "DestructionBatch",
    "DestructionWitness",
    "DisposalApproval",
    "EventIsFinal",
    "EvidenceStore",
    "Exhibit",
    "Inventory",
    "InventoryLine",
    "LabRequest",
    "LabTurnaroundRule",
    "StoreCustodian",
    "StoreLocation",
    "WeightDiscrepancy",
    "WeightTolerance",
]
