from django.apps import AppConfig


class SeizuresConfig(AppConfig):
    name = "sahakar.seizures"
    label = "seizures"
    verbose_name = "Seizures"
