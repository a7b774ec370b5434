"""Saving a record as written by the user a service acts for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sahakar.core.models import BaseModel
from sahakar.core.users import signed_in

if TYPE_CHECKING:
    from sahakar.core.users import AnyUser


def save_as(record: BaseModel, acting_user: AnyUser | None) -> None:
    """Save `record` attributed to `acting_user` (created_by on a new record, updated_by).

    Inside a request BaseModel.save attributes to the request's user, who is the same person;
    a service called from elsewhere (a command, a test) still names who wrote the record.
    """
    if acting_user is not None and acting_user.is_authenticated:
        user = signed_in(acting_user)
        if record._state.adding and record.created_by_id is None:
            record.created_by = user
        record.updated_by = user
    record.save()
