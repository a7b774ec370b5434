from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "sahakar.cases"
    label = "cases"
    verbose_name = "Cases"
