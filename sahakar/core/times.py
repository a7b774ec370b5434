"""Moments as users read them: in the deployment's time zone (settings.TIME_ZONE)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def local_text(moment: datetime) -> str:
    """A moment as users read it: local time, to the minute."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"
