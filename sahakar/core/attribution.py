"""Saving a record as written by the user a service acts for."""

from __future__ import annotations

from typing import Any

from sahakar.core.models import BaseModel


def save_as(record: BaseModel, acting_user: Any) -> None:
    """Save `record` attributed to `acting_user` (created_by on a new record, updated_by).

    Inside a request BaseModel.save attributes to the request's user, who is the same person;
    a service called from elsewhere (a command, a test) still names who wrote the record.
    """
    if getattr(acting_user, "is_authenticated", False):
        if record._state.adding and record.created_by_id is None:
            record.created_by = acting_user
        record.updated_by = acting_user
    record.save()
