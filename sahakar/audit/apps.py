from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sahakar.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from sahakar.audit import signals

        signals.connect()
