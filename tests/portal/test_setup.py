"""The set-up `make run` relies on: quiet migrations, and notification emails that link
to the port actually served."""

import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def embedded_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ELASTICSEARCH_URL"}}
    env.update(PORTAL_VAR_DIR=str(tmp_path), **extra)
    return env


def setting(name, env):
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_review_emails_link_to_the_port_make_run_serves(tmp_path):
    env = embedded_env(tmp_path)
    env.pop("WAGTAILADMIN_BASE_URL", None)
    assert setting("WAGTAILADMIN_BASE_URL", {**env, "PORT": "8123"}) == "http://127.0.0.1:8123"
    env.pop("PORT", None)
    assert setting("WAGTAILADMIN_BASE_URL", env) == "http://127.0.0.1:8000"
    public = {**env, "PORT": "8123", "WAGTAILADMIN_BASE_URL": "https://portal.example.org"}
    assert setting("WAGTAILADMIN_BASE_URL", public) == "https://portal.example.org"


def test_migrations_print_no_sql(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=embedded_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )

    assert "ALTER TABLE" not in result.stdout + result.stderr
    assert "Executing SQL" not in result.stdout
    # Wagtail's page table got its per-language columns, said in one line.
    assert "Added 30 per-language columns to Wagtail's page table." in result.stdout
