from django.apps import AppConfig


class EservicesConfig(AppConfig):
    name = "umis.eservices"
    label = "eservices"

    def ready(self) -> None:
        from umis.eservices.registry import discover

        discover()
