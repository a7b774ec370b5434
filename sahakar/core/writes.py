"""Small helpers every app's writers share.

`restoring()` keeps a refused write from leaving the caller's object half-changed;
`expect_version()` makes a save fail with StaleWrite when the record moved on since the
caller read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def restoring(obj: Any, fields: Iterable[str]) -> Iterator[None]:
    """Put the named attributes (and the version) back on `obj` when the block fails, so a
    refused call leaves the caller's object exactly as it was; the exception propagates."""
    names = dict.fromkeys((*fields, "version"))
    kept = {name: getattr(obj, name) for name in names if hasattr(obj, name)}
    try:
        yield
    except Exception:
        for name, value in kept.items():
            setattr(obj, name, value)
        raise


def expect_version(obj: Any, version: int | None) -> None:
    """Apply the version the caller read: the next save fails with StaleWrite if the record
    moved on since. Without a version (None) the object's own is kept."""
    if version is not None:
        obj.version = version
