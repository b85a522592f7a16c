import pytest


@pytest.fixture(autouse=True)
def _english(settings):
    """Tests read messages in English unless they choose a language themselves."""
    settings.LANGUAGE_CODE = "en"
