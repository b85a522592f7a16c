import base64
import os

import pytest


@pytest.fixture(autouse=True)
def _audit_keys_and_checkpoints(settings, tmp_path):
    """Each test signs with its own key and keeps checkpoints in its own directory."""
    settings.UMIS_AUDIT_SIGNING_KEY = base64.b64encode(os.urandom(32)).decode()
    settings.UMIS_AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    settings.UMIS_AUDIT_TRUSTED_PUBLIC_KEYS = []
