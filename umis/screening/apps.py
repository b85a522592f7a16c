from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "umis.screening"
    label = "screening"
    verbose_name = _("Watch-list screening")

    def ready(self) -> None:
        # Registers the screening that runs inside every application's submission.
        from umis.screening import submission  # noqa: F401
