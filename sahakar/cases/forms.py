"""The case form and the forms of the actions on a case (stage, referral, hearing, outcome).

The action forms only check their input's shape; services.py decides whether the action is
allowed, and its refusals are shown next to the field they name.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahakar.accounts.models import RoleAssignment
from sahakar.agencies.choices import AgencyKind
from sahakar.agencies.models import Agency
from sahakar.arrests.models import Arrest
from sahakar.cases import services
from sahakar.cases.choices import Outcome, Stage
from sahakar.cases.models import CaseFile, Defendant
from sahakar.core import permissions
from sahakar.core.forms import BaseModelForm
from sahakar.core.pickers import ReferencePicker
from sahakar.seizures.models import Seizure

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_VERSION = 2**31 - 1  # the largest value the version column holds
_REFERENCES = re.compile(r"[\s,;]+")


class ReferenceListField(forms.CharField):
    """Records typed by reference (AR-PP-2026-00012), separated by commas, spaces or lines;
    only those in `queryset` (the user's scope) are accepted. Cleans to a list of records."""

    def __init__(self, *, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 2}))
        super().__init__(**kwargs)
        self.queryset = queryset

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        references = list(dict.fromkeys(r.upper() for r in _REFERENCES.split(text or "") if r))
        if not references or self.queryset is None:
            return []
        found = {obj.reference: obj for obj in self.queryset.filter(reference__in=references)}
        unknown = [r for r in references if r not in found]
        if unknown:
            raise forms.ValidationError(
                _("Not found in your scope: %(references)s."),
                code="not_found",
                params={"references": ", ".join(unknown)},
            )
        return [found[r] for r in references]


def investigators_for(user: Any) -> QuerySet:
    """Investigators a user may name as lead: those working inside the user's jurisdiction
    or over it (a national investigator leads cases anywhere)."""
    return users_in_reach(user, role="investigator")


def users_in_reach(user: Any, role: str | None = None) -> QuerySet:
    """Active users holding `role` (any role if None) inside the user's jurisdiction or over
    it: the colleagues a user may name, and may be told about."""
    holders = RoleAssignment.objects.all()
    if role is not None:
        holders = holders.filter(role__code=role)
    paths = permissions.jurisdiction_paths(user, CaseFile, permissions.ADD)
    if paths is not None:
        within = Q()
        for path in paths:
            ancestors = [path[: i + 1] for i, char in enumerate(path) if char == "/" and i]
            within |= Q(jurisdiction__path__startswith=path) | Q(jurisdiction__path__in=ancestors)
        holders = holders.filter(within) if paths else holders.none()
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=holders.values("user_id"))
        .select_related("profile__agency")
        .order_by("username")
    )


def _investigator_label(user: Any) -> str:
    name = user.get_full_name() or user.get_username()
    profile = getattr(user, "profile", None)
    return f"{name} ({profile.agency.abbreviation or profile.agency})" if profile else name


class CaseFileForm(BaseModelForm):
    """A case's own fields; when it is opened, its first defendants and seizures by reference.
    The stage, referral and outcomes change only through the actions on its page."""

    arrests = ReferenceListField(
        label=_("Arrests of the defendants"),
        required=False,
        help_text=_("Arrest references, e.g. AR-PP-2026-00012; their seizures join the case."),
    )
    seizures = ReferenceListField(
        label=_("Other seizures"),
        required=False,
        widget=ReferencePicker("seizures:lookup"),
        help_text=_("Search by reference or place, or type references, e.g. SZ-PP-2026-00007."),
    )

    class Meta:
        model = CaseFile
        fields = [
            "title",
            "org_unit",
            "lead_investigator",
            "procedure",
            "offence_class",
            "court",
            "court_case_number",
            "summary",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead: Any = self.fields["lead_investigator"]
        offered = investigators_for(self.user)
        if self.instance.lead_investigator_id is not None:
            offered = offered | get_user_model().objects.filter(
                pk=self.instance.lead_investigator_id
            )
        lead.queryset = offered.distinct()
        lead.label_from_instance = _investigator_label
        if self.instance.pk is not None:
            del self.fields["arrests"]
            del self.fields["seizures"]
            # A case led from elsewhere keeps its org unit on offer, so saving never drops it.
            units: Any = self.fields["org_unit"]
            units.queryset = units.queryset | units.queryset.model.objects.filter(
                pk=self.instance.org_unit_id
            )
        else:
            arrests: Any = self.fields["arrests"]
            arrests.queryset = Arrest.objects.restrict(self.user)
            seizures: Any = self.fields["seizures"]
            seizures.queryset = Seizure.objects.restrict(self.user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is not None and self.instance.is_closed:
            raise forms.ValidationError(_("A closed case cannot be edited."), code="case_closed")
        return cleaned


class StageForm(forms.Form):
    """A move to one of the stages offered: the next ones, or (corrective) earlier ones."""

    stage = forms.ChoiceField(label=_("Stage"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    at = forms.DateTimeField(
        label=_("When"),
        required=False,
        widget=_DATETIME,
        help_text=_("Leave empty for now."),
    )
    corrective = forms.BooleanField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_VERSION, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, case: CaseFile, corrective: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        # Going back, the nearest earlier stage comes first: the usual correction.
        stages = (
            services.corrective_stages(case)[::-1] if corrective else services.next_stages(case)
        )
        stage: Any = self.fields["stage"]
        stage.choices = [(s, Stage(s).label) for s in stages if corrective or s != Stage.REFERRED]
        self.fields["corrective"].initial = corrective
        self.fields["version"].initial = case.version
        if corrective:
            self.fields["note"].label = _("Reason for the corrective action")
            self.fields["note"].required = True


class ReferralForm(forms.Form):
    referred_on = forms.DateField(label=_("Referred on"), widget=_DATE)
    prosecution_office = forms.ModelChoiceField(
        label=_("Prosecution office"), queryset=Agency.objects.filter(kind=AgencyKind.PROSECUTION)
    )
    receipt_reference = forms.CharField(
        label=_("Receipt reference"), max_length=100, required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_VERSION, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, case: CaseFile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_on"].initial = timezone.localdate()
        self.fields["version"].initial = case.version
        province = case.org_unit.province()
        office = (
            Agency.objects.filter(kind=AgencyKind.PROSECUTION, home=province).first()
            if province is not None
            else None
        )
        self.fields["prosecution_office"].initial = office


class HearingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=_DATE)
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    next_hearing_on = forms.DateField(label=_("Next hearing"), required=False, widget=_DATE)

    def __init__(self, *args: Any, case: CaseFile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    outcome_on = forms.DateField(label=_("Decided on"), required=False, widget=_DATE)
    sentence_months = forms.IntegerField(
        label=_("Prison sentence (months)"), required=False, min_value=1
    )
    life_sentence = forms.BooleanField(label=_("Life imprisonment"), required=False)
    fine_amount = forms.DecimalField(
        label=_("Fine"),
        required=False,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    fine_currency = forms.CharField(
        label=_("Fine currency"),
        required=False,
        max_length=3,
        help_text=_("Three-letter code, e.g. KHR, USD."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, defendant: Defendant, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "outcome": defendant.outcome,
                "outcome_on": defendant.outcome_on,
                "sentence_months": defendant.sentence_months,
                "life_sentence": defendant.life_sentence,
                "fine_amount": defendant.fine_amount,
                "fine_currency": defendant.fine_currency,
                "note": defendant.outcome_note,
            },
        )
        super().__init__(*args, **kwargs)


class DetentionForm(forms.Form):
    detained_since = forms.DateTimeField(
        label=_("Detention order"), required=False, widget=_DATETIME
    )
    extensions = forms.IntegerField(label=_("Extensions ordered"), min_value=0, initial=0)
    released_at = forms.DateTimeField(label=_("Released"), required=False, widget=_DATETIME)

    def __init__(self, *args: Any, defendant: Defendant, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "detained_since": defendant.detained_since,
                "extensions": defendant.detention_extensions,
                "released_at": defendant.released_at,
            },
        )
        super().__init__(*args, **kwargs)


class DefendantsForm(forms.Form):
    arrests = ReferenceListField(
        label=_("Arrests"), help_text=_("Arrest references, e.g. AR-PP-2026-00012.")
    )
    link_seizures = forms.BooleanField(
        label=_("Also link the seizures of these arrests"), required=False, initial=True
    )

    def __init__(self, *args: Any, case: CaseFile, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        arrests: Any = self.fields["arrests"]
        arrests.queryset = Arrest.objects.restrict(user)


class SeizuresForm(forms.Form):
    seizures = ReferenceListField(
        label=_("Seizures"),
        widget=ReferencePicker("seizures:lookup"),
        help_text=_("Search by reference or place, or type references, e.g. SZ-PP-2026-00007."),
    )

    def __init__(self, *args: Any, case: CaseFile, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seizures: Any = self.fields["seizures"]
        seizures.queryset = Seizure.objects.restrict(user)
