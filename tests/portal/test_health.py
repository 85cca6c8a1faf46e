"""/healthz tells an operator whether the database and the search engine answer."""

import pytest

from django.conf import settings
from django.db import connection

from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.embedded
def test_health_reports_database_and_search_engine(
    client, theme_page, django_capture_on_commit_callbacks
):
    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How.", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == {"vendor": connection.vendor, "ok": True}
    expected_backend = "elasticsearch" if settings.ELASTICSEARCH_URL else "database"
    assert body["search"]["backend"] == expected_backend
    assert body["search"]["ok"] is True
    if expected_backend == "database":
        assert body["search"]["documents"] == 1  # one entry: the page in English
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_answers_503_when_the_search_engine_is_down(client, home, settings):
    # A real engine that is not there: nothing listens on this loopback port.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["search"]["ok"] is False
    assert response.json()["search"]["backend"] == "elasticsearch"
    assert response.json()["database"]["ok"] is True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_health_answers_503_json_when_the_database_is_down(client):
    # A real database that is not there: point the connection at a port nothing listens on.
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "9"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original

    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "unavailable"
    assert body["database"]["ok"] is False
    assert body["database"]["error"] == "OperationalError"
    assert body["search"]["ok"] is False

@pytest.mark.elasticsearch
def test_health_reports_the_cluster_and_how_long_the_oldest_update_has_waited(
    client, home, elastic
):
    from datetime import timedelta

    from django.utils import timezone

    from search.models import PendingIndexUpdate

    PendingIndexUpdate.objects.all().delete()  # what setting up the pages queued
    idle = client.get("/healthz").json()["search"]
    PendingIndexUpdate.objects.create(
        target_type="page", target_id=home.pk, queued_at=timezone.now() - timedelta(minutes=5)
    )
    PendingIndexUpdate.objects.create(target_type="page", target_id=home.pk + 1)

    search = client.get("/healthz").json()["search"]

    assert idle["pending_updates"] == 0 and idle["oldest_pending_seconds"] is None
    assert search["cluster"] in ("green", "yellow") and search["nodes"] >= 1
    assert search["ok"] is True
    assert search["pending_updates"] == 2
    assert 300 <= search["oldest_pending_seconds"] < 330
