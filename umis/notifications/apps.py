from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "umis.notifications"
    label = "notifications"

    def ready(self) -> None:
        # Registers the in-transaction handler that queues the status e-mail.
        from umis.notifications import handlers  # noqa: F401
