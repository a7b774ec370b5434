"""Names of dimension values, in the reader's language: the record types' own choices and the
reference data (provinces, districts, substances, agencies). Codes nobody named stay codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import TextChoices
from django.utils.translation import gettext as _

from sahakar.agencies.models import Agency
from sahakar.cases.choices import Outcome
from sahakar.geo.models import OrgUnit
from sahakar.operations.choices import InspectionResult, OperationKind, OperationStatus
from sahakar.prevention.choices import AgeGroup as AudienceAgeGroup
from sahakar.prevention.choices import AudienceSex, CampaignKind
from sahakar.statistics.choices import AgeGroup, CustodyCompliance
from sahakar.substances.models import Substance
from sahakar.venues.choices import VenueKind

# (family, dimension) or dimension -> the choices naming its values.
CHOICES: dict[str | tuple[str, str], type[TextChoices]] = {
    "venue_kind": VenueKind,
    "result": InspectionResult,
    ("operation", "kind"): OperationKind,
    ("operation", "status"): OperationStatus,
    ("seizure", "operation_kind"): OperationKind,
    ("defendant", "outcome"): Outcome,
    ("arrest", "age_group"): AgeGroup,
    ("audience", "age_group"): AudienceAgeGroup,
    "sex": AudienceSex,
    "compliance": CustodyCompliance,
    ("campaign", "kind"): CampaignKind,
    ("audience", "kind"): CampaignKind,
}
# Venue kinds in the order the dashboards show them: the current campaign's targets first.
VENUE_ORDER = [VenueKind.NIGHTCLUB, VenueKind.KARAOKE] + [
    kind for kind in VenueKind if kind not in (VenueKind.NIGHTCLUB, VenueKind.KARAOKE)
]


def choices_for(family: str, dim: str) -> type[TextChoices] | None:
    return CHOICES.get((family, dim)) or CHOICES.get(dim)


def namer(family: str, dim: str, codes: Iterable[str] = ()) -> Callable[[str], str]:
    """A function naming the codes of one dimension."""
    names: dict[str, str] = {}
    choices = choices_for(family, dim)
    if choices is not None:
        names = {str(value): str(label) for value, label in choices.choices}
    elif dim in ("province", "district"):
        names = {u.code: u.name for u in OrgUnit.objects.filter(code__in=list(codes))}
    elif dim == "substance":
        names = {s.code: str(s) for s in Substance.objects.filter(code__in=list(codes))}
    elif dim == "agency":
        names = {a.code: str(a) for a in Agency.objects.filter(code__in=list(codes))}

    def name(code: str) -> str:
        if not code:
            return _("not recorded")
        return names.get(code, code)

    return name


def known_codes(family: str, dim: str) -> set[str] | None:
    """The codes a filter on this dimension may name, None where any code is allowed."""
    choices = choices_for(family, dim)
    if choices is not None:
        return {str(v) for v in choices.values}
    if dim == "province":
        return set(
            OrgUnit.objects.filter(level=OrgUnit.Level.PROVINCE).values_list("code", flat=True)
        )
    if dim == "district":
        return set(
            OrgUnit.objects.filter(level=OrgUnit.Level.DISTRICT).values_list("code", flat=True)
        )
    if dim == "substance":
        return set(Substance.objects.values_list("code", flat=True))
    if dim == "agency":
        return set(Agency.objects.values_list("code", flat=True))
    return None
