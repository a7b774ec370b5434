from django.apps import AppConfig


class VenuesConfig(AppConfig):
    name = "sahakar.venues"
    label = "venues"
    verbose_name = "Venues"
