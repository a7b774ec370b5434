from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "sahakar.reference"
    label = "reference"
    verbose_name = "Reference"
