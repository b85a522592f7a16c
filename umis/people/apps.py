from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "umis.people"
    label = "people"

    def ready(self) -> None:
        # Registers the link of each application to its subject's file on intake.
        from umis.people import intake  # noqa: F401
