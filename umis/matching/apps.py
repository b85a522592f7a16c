from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "umis.matching"
    label = "matching"
