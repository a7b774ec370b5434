from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "sahakar.prevention"
    label = "prevention"
    verbose_name = "Prevention"
