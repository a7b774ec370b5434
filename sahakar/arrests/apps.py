from django.apps import AppConfig


class ArrestsConfig(AppConfig):
    name = "sahakar.arrests"
    label = "arrests"
    verbose_name = "Arrests"
    # Offences and custody rules, from the country's reference folder (reference/loader.py).
    reference_loader = "sahakar.arrests.reference_data.load"
