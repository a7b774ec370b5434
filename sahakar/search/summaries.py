"""The short line under each search result: enough to tell two records apart."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import formats, timezone

from sahakar.arrests.models import Arrest
from sahakar.cases.models import CaseFile
from sahakar.evidence.models import Exhibit
from sahakar.operations.models import Operation
from sahakar.persons.models import Person
from sahakar.prevention.models import Campaign
from sahakar.seizures.models import Seizure
from sahakar.venues.models import Venue


def _day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _join(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def summary(record: Any) -> str:
    if isinstance(record, Seizure):
        return _join(_day(record.seized_at), record.venue, record.org_unit)
    if isinstance(record, Operation):
        return _join(_day(record.planned_start), record.get_status_display(), record.org_unit)
    if isinstance(record, Person):
        return _join(record.alias, record.year_of_birth, record.org_unit)
    if isinstance(record, Arrest):
        return _join(record.person, _day(record.arrested_at), record.org_unit)
    if isinstance(record, CaseFile):
        return _join(record.display_title, record.get_stage_display(), record.org_unit)
    if isinstance(record, Venue):
        return _join(record.get_kind_display(), record.org_unit)
    if isinstance(record, Exhibit):
        return _join(record.seal_number, record.description, record.get_status_display())
    if isinstance(record, Campaign):
        return _join(record.title, _day(record.starts_on), record.org_unit)
    return ""
