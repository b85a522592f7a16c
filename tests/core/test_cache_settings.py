"""The cache the rate limits count in: shared (Redis) when configured, required in
production, the process's own memory otherwise."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)


def _settings_caches(**env: str) -> subprocess.CompletedProcess:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.CACHES['default']))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(  # noqa: S603 - our interpreter, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_a_redis_url_makes_the_cache_shared():
    done = _settings_caches(UMIS_CACHE_URL="redis://127.0.0.1:6379/3")
    assert done.returncode == 0, done.stderr
    cache = json.loads(done.stdout)
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_anything_else_is_refused():
    done = _settings_caches(UMIS_CACHE_URL="memcached://127.0.0.1:11211")
    assert done.returncode != 0
    assert "UMIS_CACHE_URL must be a redis://" in done.stderr


def test_without_one_the_demo_keeps_its_own_memory():
    done = _settings_caches(UMIS_CACHE_URL="", UMIS_PROFILE="demo")
    assert json.loads(done.stdout)["BACKEND"].endswith("LocMemCache")


def _redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_up(), reason="no Redis server on 127.0.0.1:6379")
def test_limits_count_across_processes_in_redis():
    """Two processes' hits on one key add up: what per-process memory could never do."""
    key = f"test:{uuid.uuid4().hex}"
    code = (
        "import django; django.setup(); from umis.core.ratelimit import count_hit; "
        f"print(count_hit({key!r}, window=60))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "UMIS_CACHE_URL": "redis://127.0.0.1:6379/15",
    }
    counts = []
    for _process in range(2):
        done = subprocess.run(  # noqa: S603 - our interpreter, fixed code
            [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        counts.append(done.stdout.strip())
    assert counts == ["1", "2"]
