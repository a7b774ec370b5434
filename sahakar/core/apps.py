from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sahakar.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from sahakar.core import changelog

        changelog.connect()
