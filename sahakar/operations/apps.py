from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "sahakar.operations"
    label = "operations"
    verbose_name = "Operations"
