from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sahakar.accounts"
    label = "accounts"
    verbose_name = "Accounts"
