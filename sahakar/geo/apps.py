from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "sahakar.geo"
    label = "geo"
    verbose_name = "Geo"
