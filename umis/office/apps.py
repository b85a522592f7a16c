from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "umis.office"
    label = "office"
