from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sahakar.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from sahakar.audit import checks, keys, signals  # noqa: F401 (checks register on import)

        keys.configured()  # a malformed SAHAKAR_AUDIT_KEYS stops the start, with its reason
        signals.connect()
