from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sahakar.demo"
    label = "demo"
    verbose_name = "Demo"
