from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "umis.notifications"
    label = "notifications"
