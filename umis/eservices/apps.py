from django.apps import AppConfig


class EservicesConfig(AppConfig):
    name = "umis.eservices"
    label = "eservices"
