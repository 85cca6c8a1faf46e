"""/healthz tells an operator whether the database and the search engine answer."""

import pytest

from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.embedded
def test_health_reports_database_and_search_engine(client, home):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == {"vendor": connection.vendor, "ok": True}
    assert body["search"]["backend"] == settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    assert body["search"]["ok"] is True
    assert body["search"]["documents"] >= 1
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_answers_503_when_the_search_engine_is_down(client, home, settings):
    # A real engine that is not there: nothing listens on this loopback port.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch7",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": "down_",
            "TIMEOUT": 1,
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["search"]["ok"] is False
    assert response.json()["database"]["ok"] is True
