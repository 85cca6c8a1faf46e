"""A real task queue: a Celery worker process on the real Redis, PostgreSQL and Elasticsearch.

Each test starts `celery -A portal worker --beat` on a queue of its own (so no other worker
on the same Redis takes its tasks), on the test database, and reads what it logs.
"""

import datetime
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import current_app

from django.conf import settings
from django.core.management import get_commands
from django.db import connection
from django.utils import timezone

from search.models import PendingIndexUpdate, SearchEntry, SearchQuery
from tests.factories import GuidancePageFactory

ROOT = Path(__file__).resolve().parents[2]
WAIT = 30  # seconds: generous on a busy machine; the waits end as soon as the work is done

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (make services)"),
]


def _database_url():
    db = connection.settings_dict  # the test database, which the worker must use too
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_for(condition, what, log=None):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(
        f"{what} within {WAIT}s" + (f"\n--- worker log ---\n{log()}" if log else "")
    )


@pytest.fixture
def worker(tmp_path):
    """Start a worker (with its schedule) and send this test's tasks to its queue."""
    started = []
    queue = f"test-{uuid.uuid4().hex[:12]}"
    conf = current_app.conf
    before = conf.task_always_eager, conf.task_default_queue
    conf.task_always_eager, conf.task_default_queue = False, queue

    def start(**env):
        log_path = tmp_path / f"worker-{len(started)}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "TASK_QUEUE": queue,
            "SEARCH_DRAIN_SECONDS": "1",
            "PAGE_VIEWS_FLUSH_SECONDS": "1",
            "LOG_LEVEL": "INFO",
            **env,
        }
        with log_path.open("w") as log_file:
            process = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--beat",
                    "--schedule",
                    str(tmp_path / "beat-schedule"),
                    "--pool",
                    "solo",
                    "--loglevel",
                    "INFO",
                    "--without-mingle",
                    "--without-gossip",
                ],
                cwd=ROOT,
                env=environment,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        process.log = log_path.read_text
        _wait_for(lambda: "ready." in process.log(), "the worker is ready", process.log)
        return process

    yield start
    conf.task_always_eager, conf.task_default_queue = before
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _documents_in_elasticsearch(index, page):
    query = {
        "bool": {"filter": [{"term": {"object_type": "page"}}, {"term": {"object_id": page.pk}}]}
    }
    index.client.indices.refresh(index=index.alias)
    return index.client.count(index=index.alias, body={"query": query})["count"]


def test_the_worker_sends_updates_to_search_and_cleans_up_and_twice_changes_nothing(
    worker, theme_page
):
    from search.elastic import ElasticIndex

    index = ElasticIndex()
    index.ensure()
    running = worker()

    # Publishing queues the update in the database and a task for the worker; no reader
    # searches, nobody runs search_sync.
    page = GuidancePageFactory(parent=theme_page, title="Worker check", live=False)
    page.save_revision().publish()
    _wait_for(
        lambda: _documents_in_elasticsearch(index, page) == 1,
        "the published page is in Elasticsearch",
        running.log,
    )
    # The worker removes the queued row once the index has the page: a moment later.
    _wait_for(lambda: not PendingIndexUpdate.objects.exists(), "the sent update leaves the queue")

    # An update left in the queue with no task for it (queued while Redis or Elasticsearch
    # was away): the worker's regular look sends it, and sending it again changes nothing.
    SearchEntry.objects.filter(target_id=page.pk).update(title="Worker check, renamed")
    for _time in range(2):
        PendingIndexUpdate.objects.create(target_type=SearchEntry.PAGE, target_id=page.pk)
        _wait_for(
            lambda: not PendingIndexUpdate.objects.exists(),
            "the queued update is sent",
            running.log,
        )
        assert _documents_in_elasticsearch(index, page) == 1
    source = index.client.get(index=index.alias, id=f"page-{page.pk}-en")["_source"]
    assert source["title_en"] == "Worker check, renamed"

    # The view-count flush is scheduled by name: said plainly when the command is missing.
    _wait_for(
        lambda: "flush_page_views" in running.log(),
        "the scheduled view-count flush runs",
        running.log,
    )
    if "flush_page_views" not in get_commands():
        assert "'flush_page_views' is not a management command here: skipped" in running.log()

    # Searches older than the retention period go, recent ones stay; twice changes nothing.
    today = timezone.localdate()
    old_day = today - datetime.timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS + 1)
    for query, day in [("old", old_day), ("new", today)]:
        SearchQuery.objects.create(
            query=query, language="en", results=1, engine="database", searched_on=day
        )
    for _time in range(2):
        current_app.send_task("search.tasks.delete_old_searches")
    _wait_for(
        lambda: len(re.findall(r"delete_old_searches\[[^]]+\] succeeded", running.log())) == 2,
        "both clean-ups ran",
        running.log,
    )
    assert list(SearchQuery.objects.values_list("query", flat=True)) == ["new"]


def test_a_search_update_that_cannot_reach_elasticsearch_is_retried_with_growing_pauses(
    theme_page, worker
):
    # A real engine that is not there: nothing listens on this loopback port.
    running = worker(ELASTICSEARCH_URL="http://127.0.0.1:9", ELASTICSEARCH_TIMEOUT="1")
    page = GuidancePageFactory(parent=theme_page, title="Retry check")
    PendingIndexUpdate.objects.create(target_type=SearchEntry.PAGE, target_id=page.pk)

    task = current_app.send_task("search.tasks.send_search_updates")

    def pauses():
        return [int(s) for s in re.findall(rf"\[{task.id}\] retry: Retry in (\d+)s", running.log())]

    _wait_for(lambda: len(pauses()) >= 3, "three retries", running.log)
    assert pauses()[:3] == [1, 2, 4]
    update = PendingIndexUpdate.objects.get(target_id=page.pk)
    assert update.attempts >= 3  # still queued, for when Elasticsearch answers
    assert "Connection" in update.last_error
