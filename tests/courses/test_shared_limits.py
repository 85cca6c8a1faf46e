"""Limits that must hold across server processes count in the shared cache (REDIS_URL)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make services)"),
]
ROOT = Path(__file__).resolve().parents[2]


def test_wrong_join_codes_typed_in_one_process_count_in_another(client, learner):
    client.force_login(learner)
    for _attempt in range(3):
        assert client.get("/en/learning/join/", {"code": "ZZZZ-ZZZZ"}).status_code == 404

    # Another server process (another gunicorn worker) reads the same count.
    script = (
        "import django; django.setup(); from django.core.cache import cache; "
        f"print(cache.get('courses:wrong-join-codes:{learner.pk}'))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "3", result.stderr
