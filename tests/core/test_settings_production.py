"""The production profile: passes Django's deployment checks, refuses to start half-configured.

Settings are read once per process, so each case runs manage.py in a fresh subprocess.
"""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
REQUIRED_SECRETS = [
    "DJANGO_SECRET_KEY",
    "UMIS_ENCRYPTION_KEYS",
    "UMIS_INDEX_KEY",
    "UMIS_AUDIT_SIGNING_KEY",
    "UMIS_PERMIT_SIGNING_KEYS",
    "UMIS_EXCHANGE_SIGNING_KEYS",
    "UMIS_CACHE_URL",
    "UMIS_EGOV_OIDC_ISSUER",
    "UMIS_EGOV_OIDC_CLIENT_ID",
    "UMIS_EGOV_OIDC_CLIENT_SECRET",
]


def _key32() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    """A clean environment with every production variable set to a valid test value."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("UMIS_", "DJANGO_", "DATABASE_", "SECURE_", "ALLOWED_HOSTS"))
    }
    return {
        **inherited,
        "UMIS_PROFILE": "production",
        "UMIS_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "umis.example.gov.az",
        "CSRF_TRUSTED_ORIGINS": "https://umis.example.gov.az",
        "UMIS_ENCRYPTION_KEYS": f"k1:{_key32()}",
        "UMIS_ENCRYPTION_ACTIVE_KEY": "k1",
        "UMIS_INDEX_KEY": _key32(),
        "UMIS_AUDIT_SIGNING_KEY": _key32(),
        "UMIS_PERMIT_SIGNING_KEYS": f"p1:{_key32()}",
        "UMIS_PERMIT_SIGNING_ACTIVE_KEY": "p1",
        "UMIS_EXCHANGE_SIGNING_KEYS": f"x1:{_key32()}",
        "UMIS_EXCHANGE_SIGNING_ACTIVE_KEY": "x1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'umis.sqlite3'}",
        "UMIS_CACHE_URL": "redis://127.0.0.1:6379/0",
        "UMIS_EGOV_OIDC_ISSUER": "https://login.example.gov.az",
        "UMIS_EGOV_OIDC_CLIENT_ID": "umis",
        "UMIS_EGOV_OIDC_CLIENT_SECRET": secrets.token_urlsafe(32),
    }


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deployment_checks(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deployment_check_would_catch_debug_left_on(production_env):
    """Guards the test above: the same run fails when a real problem is present."""
    result = manage(
        {**production_env, "DJANGO_DEBUG": "true"}, "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


@pytest.mark.parametrize("missing", REQUIRED_SECRETS)
def test_production_refuses_to_start_without_a_secret(production_env, missing):
    env = {name: value for name, value in production_env.items() if name != missing}
    result = manage(env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Environment variable {missing} is required" in result.stderr


def test_production_does_not_fall_back_to_generated_demo_secrets(production_env, tmp_path):
    env = {k: v for k, v in production_env.items() if k != "DJANGO_SECRET_KEY"}
    manage(env, "check")
    assert not (tmp_path / "var" / "secrets").exists()
