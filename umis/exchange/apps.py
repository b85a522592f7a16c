from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "umis.exchange"
    label = "exchange"
