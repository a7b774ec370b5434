"""Helpers for seizure tests: what the page and the API are sent, and what the database holds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.forms import BaseForm, BaseFormSet
from django.utils import timezone

from sahakar.agencies.models import Agency
from sahakar.core.models import ObjectChange
from sahakar.geo.models import OrgUnit
from sahakar.seizures.models import SeizedProperty, Seizure, SeizureItem
from sahakar.substances.models import Substance
from sahakar.testing import factories as f


def counts() -> dict[str, int]:
    """How many seizures, items, property rows and change records exist."""
    return {
        "seizures": Seizure.objects.count(),
        "items": SeizureItem.objects.count(),
        "property": SeizedProperty.objects.count(),
        "changes": ObjectChange.objects.count(),
    }


def local_minute(hours_ago: float = 1) -> str:
    """A time as the datetime-local input sends it."""
    moment = timezone.localtime(timezone.now() - timedelta(hours=hours_ago))
    return moment.strftime("%Y-%m-%dT%H:%M")


def item_row(
    substance: str = "METH",
    form: str = "tablet",
    quantity: str = "2000",
    unit: str = "tablets",
    **fields: Any,
) -> dict[str, Any]:
    """An item row as the page sends it (substance by primary key)."""
    return {
        "substance": Substance.objects.get(code=substance).pk,
        "form": form,
        "quantity": quantity,
        "unit": unit,
        **fields,
    }


def page_data(
    items: list[dict[str, Any]],
    property_rows: list[dict[str, Any]] | None = None,
    **seizure: Any,
) -> dict[str, Any]:
    """The POST of a new seizure from the page: the seizure's fields and both formsets."""
    data: dict[str, Any] = {
        "seized_at": local_minute(),
        "org_unit": OrgUnit.objects.get(code=f.PHNOM_PENH).pk,
        "venue": "",
        "place_description": "Street 271, near the market",
        "seizing_agency": Agency.objects.get(code="ADB-PP").pk,
        "operation": "",
        "notes": "",
        **seizure,
    }
    data.update(_rows("items", items))
    data.update(_rows("property", property_rows or []))
    return data


def _rows(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def as_sent(response: Any) -> dict[str, Any]:
    """What the browser would send back for the page in `response`, unchanged."""
    data: dict[str, Any] = {}
    data.update(_form_data(response.context["form"]))
    for formset in response.context["extra_forms"].values():
        data.update(_formset_data(formset))
    return data


def formset(response: Any, prefix: str) -> Any:
    """The formset with this prefix ("items", "property") on the page in `response`."""
    return next(fs for fs in response.context["extra_forms"].values() if fs.prefix == prefix)


def _formset_data(formset: BaseFormSet) -> dict[str, Any]:
    data = _form_data(formset.management_form)
    for form in formset.forms:
        data.update(_form_data(form))
    return data


def _form_data(form: BaseForm) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(v) for v in value]
        else:
            formatted = field.field.widget.format_value(value)
            data[field.html_name] = "" if formatted is None else formatted
    return data


def api_payload(items: list[dict[str, Any]] | None = None, **seizure: Any) -> dict[str, Any]:
    """A new seizure as the API takes it: codes for org unit, agency and substances."""
    return {
        "seized_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "org_unit": f.PHNOM_PENH,
        "place_description": "Street 271, near the market",
        "seizing_agency": "ADB-PP",
        "items": items if items is not None else [api_item()],
        **seizure,
    }


def api_item(
    substance: str = "METH",
    form: str = "tablet",
    quantity: str = "2000",
    unit: str = "tablets",
    **fields: Any,
) -> dict[str, Any]:
    return {"substance": substance, "form": form, "quantity": quantity, "unit": unit, **fields}


def other_pp_district(than: OrgUnit) -> OrgUnit:
    """A Phnom Penh district that is not `than`."""
    unit = OrgUnit.objects.filter(parent__code=f.PHNOM_PENH).exclude(pk=than.pk).first()
    assert unit is not None
    return unit
