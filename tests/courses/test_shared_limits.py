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
        "import django; django.setup(); "
        "from django.test import RequestFactory; from foundation import throttles; "
        "from courses.views.learning import _account; "
        "from django.contrib.auth import get_user_model; "
        "request = RequestFactory().get('/en/learning/join/', REMOTE_ADDR='127.0.0.1'); "
        f"request.user = get_user_model()(pk={learner.pk}, username={learner.username!r}); "
        "usage = throttles.JOIN_CODES._usages(request, throttles.normalise("
        "_account(request.user)), increment=False); "
        "print(sorted(u['count'] for u in usage))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "[3, 3]", result.stderr  # per account and per client
