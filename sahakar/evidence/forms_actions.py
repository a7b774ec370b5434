"""The forms that record what happens to an exhibit: move, receive, lab result, reseal,
weigh, release and correct. Each only reads what was typed; the custody service
(evidence/services.py) decides whether it may happen, and its refusals come back next to
the field they name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.core.numbers import LocalDecimalField
from sahakar.evidence.choices import MOVEMENT_DESTINATIONS, EventKind, StoreKind
from sahakar.evidence.models import CustodyEvent, EvidenceStore, Exhibit, StoreLocation
from sahakar.substances.choices import UNITS_FOR_FORM, Unit
from sahakar.substances.models import Substance

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

# The service names some refusals by its own parameter; the pages and the API by theirs.
CORRECTION_FIELDS = {"event": "corrects", "reason": "note"}


def renamed(exc: ValidationError, names: dict[str, str]) -> ValidationError:
    """The same refusal with its fields named as the form or request body names them."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(key, key): value for key, value in exc.error_dict.items()})


def now_to_the_minute() -> datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


def weight_field(label: Any, required: bool = False, help_text: Any = "") -> LocalDecimalField:
    """A weight or quantity: any number that fits the column; whether it is more than zero,
    and in a unit that fits the exhibit, is the service's to say (with its own message)."""
    return LocalDecimalField(
        label=label, required=required, max_digits=14, decimal_places=3, help_text=help_text
    )


def store_label(store: EvidenceStore) -> str:
    return f"{store} ({store.agency.code})"


class _EventForm(forms.Form):
    """The time of the event, shown as now; a time left in the current minute means now,
    so that an event recorded right after the previous one is not refused as earlier."""

    occurred_at = forms.DateTimeField(
        label=_("Time"), widget=DATETIME, help_text=_("Local time; now unless you change it.")
    )

    def __init__(self, *args: Any, exhibit: Exhibit, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("occurred_at", now_to_the_minute())
        super().__init__(*args, **kwargs)
        self.exhibit = exhibit

    def clean_occurred_at(self) -> datetime:
        value: datetime = self.cleaned_data["occurred_at"]
        if value == now_to_the_minute():
            return timezone.now()
        return value

    def _unit_choices(self, name: str) -> None:
        """Offer the units that fit the exhibit's form; any unit is read, so a wrong one gets
        the service's own reason ("ml is not a unit for tablet")."""
        field: Any = self.fields[name]
        fitting = UNITS_FOR_FORM.get(self.exhibit.form)
        offered = [(v, label) for v, label in Unit.choices if fitting is None or v in fitting]
        field.choices = [("", "---------"), *Unit.choices]
        field.widget.choices = [("", "---------"), *offered]


def _locations(store: EvidenceStore | None) -> QuerySet[StoreLocation]:
    if store is None:
        return StoreLocation.objects.none()
    return StoreLocation.objects.filter(store=store, active=True)


class MoveForm(_EventForm):
    """A transfer, submission to a laboratory or court, or return from court."""

    to_store = forms.ModelChoiceField(
        label=_("To store"), queryset=EvidenceStore.objects.none(), empty_label=None
    )
    to_location = forms.ModelChoiceField(
        label=_("Location"),
        queryset=StoreLocation.objects.none(),
        required=False,
        help_text=_("A shelf or safe of the store chosen above, if known."),
    )
    carrier = forms.CharField(
        label=_("Carried by"), max_length=200, required=False, help_text=_("Name and unit.")
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    question = forms.CharField(
        label=_("Analysis requested"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the laboratory is asked: identification, purity, weight."),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        stores = destinations(self.exhibit, kind)
        to_store: Any = self.fields["to_store"]
        to_store.queryset = stores
        to_store.label_from_instance = store_label
        to_location: Any = self.fields["to_location"]
        to_location.queryset = StoreLocation.objects.filter(
            store__in=stores, active=True
        ).select_related("store")
        if kind != EventKind.LAB_SUBMISSION:
            del self.fields["question"]


def destinations(exhibit: Exhibit, kind: str) -> QuerySet[EvidenceStore]:
    """The stores a movement of this kind may go to: of the right kind, open, and for drugs
    only stores that hold drugs (the service checks again)."""
    stores = EvidenceStore.objects.filter(active=True).select_related("agency")
    destination = MOVEMENT_DESTINATIONS.get(kind)
    if destination is not None:
        stores = stores.filter(kind=destination)
    elif kind == EventKind.COURT_RETURN:
        stores = stores.exclude(kind=StoreKind.COURT_REGISTRY)
    if exhibit.is_drug:
        stores = stores.filter(holds_drugs=True)
    return stores.order_by("code")


class ReceiveForm(_EventForm):
    to_location = forms.ModelChoiceField(
        label=_("Put on"), queryset=StoreLocation.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The state of the package and its seal on arrival."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location: Any = self.fields["to_location"]
        location.queryset = _locations(self.exhibit.pending_store)
        if self.exhibit.pending_location_id and not self.is_bound:
            self.initial.setdefault("to_location", self.exhibit.pending_location_id)


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class LabResultForm(_EventForm):
    substance_confirmed = forms.ChoiceField(
        label=_("Controlled substance confirmed"), choices=YES_NO, widget=forms.RadioSelect
    )
    identified_substance = forms.ModelChoiceField(
        label=_("Substance identified"), queryset=Substance.objects.all(), required=False
    )
    purity_percent = LocalDecimalField(
        label=_("Purity (%)"), required=False, max_digits=5, decimal_places=2
    )
    net_quantity = weight_field(_("Measured net quantity"))
    net_unit = forms.ChoiceField(label=_("Unit"), required=False)
    sample_retained = forms.BooleanField(label=_("Sample retained"), required=False)
    sample_quantity = weight_field(_("Sample quantity"), help_text=_("In the unit above."))
    lab_reference = forms.CharField(label=_("Laboratory reference"), max_length=100)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unit_choices("net_unit")
        if self.exhibit.substance_id and not self.is_bound:
            self.initial.setdefault("identified_substance", self.exhibit.substance_id)
            self.initial.setdefault("net_unit", self.exhibit.net_unit)

    def clean_substance_confirmed(self) -> bool:
        return bool(self.cleaned_data["substance_confirmed"] == "yes")


class ResealForm(_EventForm):
    new_seal_number = forms.CharField(label=_("New seal number"), max_length=60)
    reason = forms.CharField(
        label=_("Why the seal was broken"), widget=forms.Textarea(attrs={"rows": 2})
    )
    gross_weight_g = weight_field(_("Gross sealed weight (g)"))
    net_quantity = weight_field(_("Net quantity"))
    net_unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unit_choices("net_unit")


class WeighForm(_EventForm):
    net_quantity = weight_field(_("Net quantity"), required=True)
    net_unit = forms.ChoiceField(label=_("Unit"))
    gross_weight_g = weight_field(_("Gross sealed weight (g)"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unit_choices("net_unit")
        if not self.is_bound:
            self.initial.setdefault("net_unit", self.exhibit.net_unit)


class ReleaseForm(_EventForm):
    released_to = forms.CharField(
        label=_("Released to"),
        max_length=200,
        help_text=_("The owner, and their identity document."),
    )
    order_reference = forms.CharField(label=_("Release order"), max_length=200)


class CorrectionForm(_EventForm):
    corrects = forms.ModelChoiceField(
        label=_("Event to correct"), queryset=CustodyEvent.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("What was wrong and what is right"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["corrects"]
        field.queryset = (
            CustodyEvent.objects.filter(exhibit=self.exhibit)
            .exclude(kind=EventKind.CORRECTION)
            .order_by("-seq")
        )
        field.label_from_instance = _event_label


def _event_label(event: CustodyEvent) -> str:
    moment = timezone.localtime(event.occurred_at)
    return f"#{event.seq} {event.get_kind_display()} · {moment:%Y-%m-%d %H:%M}"
