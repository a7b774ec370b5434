from django.apps import AppConfig


class PersonsConfig(AppConfig):
    name = "sahakar.persons"
    label = "persons"
    verbose_name = "Persons"
