from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "umis.audit"
    label = "audit"
