from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "umis.cases"
    label = "cases"

    def ready(self) -> None:
        # Registers the submission handler that starts the checks with the state systems.
        # And the hold an officer's approval is under while checks have not answered.
        from umis.cases import (
            checks,  # noqa: F401
            checks_guard,  # noqa: F401
        )
