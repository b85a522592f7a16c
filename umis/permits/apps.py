from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "umis.permits"
    label = "permits"
