"""gunicorn's master builds the search vocabulary before it forks its workers
(portal/gunicorn.conf.py, portal/warm_up.py), so no reader's first search waits for it."""

import runpy
from pathlib import Path

import pytest

from django.db import connection

from search import query, vocabulary

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gunicorn_config():
    return runpy.run_path(str(ROOT / "portal" / "gunicorn.conf.py"))


# Transactional: the warm-up closes the connection it used. Serialized like every other
# transactional test, so the flush after it does not recreate rows the next one restores.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_forked_after_the_warm_up_searches_without_building_the_vocabulary(
    gunicorn_config, monkeypatch
):
    assert gunicorn_config["preload_app"] is True  # the workers are forked from the master
    monkeypatch.setitem(vocabulary._cache, "vocabulary", None)

    gunicorn_config["when_ready"](server=None)
    assert connection.connection is None  # no PostgreSQL connection shared across the fork

    def build_again():
        raise AssertionError("the vocabulary was built again on a search")

    monkeypatch.setattr(vocabulary, "_build", build_again)
    assert query.understand("trafficking", "en").text == "trafficking"


def test_without_a_database_the_workers_still_start(gunicorn_config, monkeypatch, caplog):
    monkeypatch.setitem(vocabulary._cache, "vocabulary", None)

    def database_down():
        raise OSError("connection refused")

    monkeypatch.setattr(vocabulary, "_build", database_down)
    gunicorn_config["when_ready"](server=None)

    assert vocabulary._cache["vocabulary"] is None  # each worker builds it on its first search
    assert "could not be built" in caplog.text
