from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "umis.permits"
    label = "permits"

    def ready(self) -> None:
        # Registers the in-transaction handler that issues the permit with the application.
        from umis.permits import handlers  # noqa: F401
