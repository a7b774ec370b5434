from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "sahakar.agencies"
    label = "agencies"
    verbose_name = "Agencies"
