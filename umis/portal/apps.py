from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "umis.portal"
    label = "portal"
