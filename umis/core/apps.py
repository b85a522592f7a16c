from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "umis.core"
    label = "core"
