"""Settings are secure by default: production refuses to start half-configured."""

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
