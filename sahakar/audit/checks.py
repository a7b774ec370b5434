"""System checks: the audit keys must be readable, and production must not use the
development key (`sahakar check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from sahakar.audit import keys


@checks.register(checks.Tags.security)
def audit_keys_readable(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        keys.configured()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="audit.E001")]
    return []


@checks.register(checks.Tags.security, deploy=True)
def audit_keys_set(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        audit_keys = keys.configured()
    except ImproperlyConfigured:
        return []  # audit.E001 says why
    if audit_keys is None or audit_keys.development:
        return [
            checks.Warning(
                "SAHAKAR_AUDIT_KEYS is not set: audit entries are signed with a development "
                "key derived from SECRET_KEY.",
                hint="Make one with `sahakar audit new-key k1` and keep it outside the database.",
                id="audit.W001",
            )
        ]
    return []
