"""System checks: the report key must be readable, and production must not sign with the
development key (`sahakar check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from sahakar.evidence.reports import keys


@checks.register(checks.Tags.security)
def report_key_readable(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if keys.is_development():
        return []
    try:
        keys.signing_key()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="evidence.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def report_key_set(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if keys.is_development():
        return [
            checks.Warning(
                f"{keys.SETTING} is not set: custody reports are signed with a development key "
                "derived from SECRET_KEY.",
                hint="Make one with `sahakar new_report_key --output /path/report-key.pem`.",
                id="evidence.W001",
            )
        ]
    return []
