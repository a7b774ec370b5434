"""Where an exhibit is likely to go next: the buttons of the quick-transfer page.

In order: the other shelves of the store that holds it; back to the store it came from (a
return from court when it is at a court); a laboratory; a court registry. Laboratories and
registries of the holding store's province come first. Each destination is one movement the
custody service may still refuse (services.move), which the page then shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sahakar.evidence.choices import EventKind, StoreKind
from sahakar.evidence.models import CustodyEvent, EvidenceStore, Exhibit, StoreLocation

PER_KIND = 2  # laboratories and registries offered


@dataclass(frozen=True)
class Destination:
    kind: str
    store: EvidenceStore
    location: StoreLocation | None = None

    @property
    def key(self) -> str:
        location = self.location.pk if self.location is not None else ""
        return f"{self.kind}:{self.store.pk}:{location}"

    @property
    def title(self) -> str:
        if self.location is not None and self.kind == EventKind.TRANSFER:
            return _("To %(location)s") % {"location": self.location.description or self.location}
        names: dict[str, str] = {
            EventKind.LAB_SUBMISSION: _("To the laboratory: %(store)s"),
            EventKind.COURT_SUBMISSION: _("To the court: %(store)s"),
            EventKind.COURT_RETURN: _("Back from court to %(store)s"),
        }
        return names.get(self.kind, _("To %(store)s")) % {"store": store_name(self.store)}

    @property
    def detail(self) -> str:
        if self.location is not None:
            return str(self.location)
        return f"{self.store.code} · {EventKind(self.kind).label}"


def store_name(store: EvidenceStore) -> str:
    if get_language() == "km" and store.name_km:
        return store.name_km
    return store.name


def _province_id(store: EvidenceStore | None) -> int | None:
    if store is None:
        return None
    province = store.org_unit.province()
    return province.pk if province is not None else None


def _came_from(exhibit: Exhibit) -> EvidenceStore | None:
    last_in = (
        CustodyEvent.objects.filter(exhibit=exhibit, to_store=exhibit.store_id)
        .exclude(from_store__isnull=True)
        .exclude(from_store=exhibit.store_id)
        .select_related("from_store__org_unit")
        .order_by("-seq")
        .first()
    )
    return last_in.from_store if last_in is not None else None


def _nearest(exhibit: Exhibit, kind: str) -> list[EvidenceStore]:
    stores = EvidenceStore.objects.filter(active=True, kind=kind).select_related("org_unit")
    if exhibit.is_drug:
        stores = stores.filter(holds_drugs=True)
    home = _province_id(exhibit.store)
    candidates = list(stores.exclude(pk=exhibit.store_id))
    candidates.sort(key=lambda s: (_province_id(s) != home, s.code))
    return candidates[:PER_KIND]


def likely_destinations(exhibit: Exhibit) -> list[Destination]:
    """The movements to offer for an exhibit held in a store (none when it is not held)."""
    store = exhibit.store
    if store is None or exhibit.status != "held":
        return []
    offered: list[Destination] = []
    shelves = StoreLocation.objects.filter(store=store, active=True).select_related("store")
    for location in shelves:
        if location.pk != exhibit.location_id:
            offered.append(Destination(EventKind.TRANSFER, store, location))
    origin = _came_from(exhibit)
    if origin is not None and origin.active and (origin.holds_drugs or not exhibit.is_drug):
        at_court = store.kind == StoreKind.COURT_REGISTRY
        offered.append(
            Destination(EventKind.COURT_RETURN if at_court else EventKind.TRANSFER, origin)
        )
    for store_kind, event_kind in (
        (StoreKind.LABORATORY, EventKind.LAB_SUBMISSION),
        (StoreKind.COURT_REGISTRY, EventKind.COURT_SUBMISSION),
    ):
        for candidate in _nearest(exhibit, store_kind):
            if all(d.store != candidate or d.location is not None for d in offered):
                offered.append(Destination(event_kind, candidate))
    return offered


def destination_by_key(exhibit: Exhibit, key: str) -> Destination | None:
    return next((d for d in likely_destinations(exhibit) if d.key == key), None)
