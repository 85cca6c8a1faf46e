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
