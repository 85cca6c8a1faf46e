"""Settings are secure by default: production refuses to start half-configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.embedded
def test_production_without_a_secret_key_refuses_to_start():
    result = _manage("check", DJANGO_ENV="production", DATABASE_URL="sqlite:///:memory:")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DJANGO_ENV=production" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="a-long-random-value-used-only-by-this-test-0123456789-abcdefghijkl",
        ALLOWED_HOSTS="portal.example.org",
        DATABASE_URL=os.environ.get("DATABASE_URL", "sqlite:///:memory:"),
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def _settings_seen(*names, **env):
    script = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}}
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-len(names) :]  # after what the shell says on start


def test_redis_gives_every_process_one_cache_and_a_task_queue_and_connections_are_checked():
    cache, broker, eager, sessions, database = _settings_seen(
        "CACHES['default']",
        "CELERY_BROKER_URL",
        "CELERY_TASK_ALWAYS_EAGER",
        "SESSION_ENGINE",
        "DATABASES['default']",
        REDIS_URL="redis://cache.internal:6379/0",
        DATABASE_URL="postgres://portal:portal@db.internal:5432/portal",
        CONN_MAX_AGE="120",
    )

    assert "'django.core.cache.backends.redis.RedisCache'" in cache
    assert "'redis://cache.internal:6379/0'" in cache
    assert broker == "'redis://cache.internal:6379/1'"  # clearing the cache keeps the queue
    assert eager == "False"
    # Sessions survive a Redis restart: written through to the database.
    assert sessions == "'django.contrib.sessions.backends.cached_db'"
    assert "'CONN_MAX_AGE': 120" in database and "'CONN_HEALTH_CHECKS': True" in database


@pytest.mark.embedded
def test_without_redis_each_process_keeps_its_memory_and_runs_tasks_itself():
    cache, eager, email = _settings_seen(
        "CACHES['default']['BACKEND']", "CELERY_TASK_ALWAYS_EAGER", "EMAIL_BACKEND"
    )

    assert cache == "'django.core.cache.backends.locmem.LocMemCache'"
    assert eager == "True"
    assert email == "'django.core.mail.backends.console.EmailBackend'"

HEADERS_AND_CAPS = """
import json
from django.conf import settings
from django.test import Client
response = Client().get("/favicon.ico", secure=True)
print(json.dumps({
    "status": response.status_code,
    "csp": response.get("Content-Security-Policy"),
    "permissions": response.get("Permissions-Policy"),
    "documents": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
    "images": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
}))
"""


def test_production_sends_the_policies_and_reads_upload_caps_from_the_environment():
    result = _manage(
        "shell",
        "-c",
        HEADERS_AND_CAPS,
        DJANGO_ENV="production",
        SECRET_KEY="a-long-random-value-used-only-by-this-test-0123456789-abcdefghijkl",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=os.environ.get("DATABASE_URL", "sqlite:///:memory:"),
        DOCUMENT_MAX_UPLOAD_MB="3",
        IMAGE_MAX_UPLOAD_MB="2",
    )

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 200
    assert "script-src 'self'" in seen["csp"] and "unsafe-inline" not in seen["csp"]
    assert "camera=()" in seen["permissions"]
    assert (seen["documents"], seen["images"]) == (3 * 1024 * 1024, 2 * 1024 * 1024)
