from django.apps import AppConfig


class ArrestsConfig(AppConfig):
    name = "sahakar.arrests"
    label = "arrests"
    verbose_name = "Arrests"
