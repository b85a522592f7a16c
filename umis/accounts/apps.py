from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "umis.accounts"
    label = "accounts"
