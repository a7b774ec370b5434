from django.apps import AppConfig


class SubstancesConfig(AppConfig):
    name = "sahakar.substances"
    label = "substances"
    verbose_name = "Substances"
