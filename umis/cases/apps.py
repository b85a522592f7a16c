from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "umis.cases"
    label = "cases"

    def ready(self) -> None:
        # Registers the submission handler that starts the checks with the state systems.
        from umis.cases import checks  # noqa: F401
