from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "sahakar.security"
    label = "security"
    verbose_name = "Security"

    def ready(self) -> None:
        from sahakar.security import schema, signals  # noqa: F401 - schema registers itself

        signals.connect()
