"""Elasticsearch goes down: publishing still works, search answers from the database and
says so, and every change made meanwhile reaches the index once it is back.

This test stops the real node (by the PID file tools/services/up wrote) and always starts
it again with tools/services/up, even when an assertion fails.
"""

import io
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import call_command

from search import engine
from search.models import PendingIndexUpdate
from tests.conftest import publish
from tests.search.conftest import written_in

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

SERVICES = Path(settings.BASE_DIR) / "tools" / "services"
BASH = "/bin/bash"
REDUCED_MODE = "Search is running in a reduced mode for a while"


def running_nodes():
    """The URL tools/services would serve and the PIDs of its running nodes (common.sh)."""
    script = (
        f'source "{SERVICES}/common.sh" && echo "$ELASTICSEARCH_URL" && '
        'for ((i = 1; i <= ES_NODES; i++)); do es_node_pid "$i" || true; done'
    )
    output = subprocess.run(  # noqa: S603 - our own script, no outside input
        [BASH, "-c", script], capture_output=True, text=True, check=True, timeout=30
    ).stdout.split()
    return output[0], [int(pid) for pid in output[1:]]


def stop(pids):
    for pid in pids:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        if time.monotonic() > deadline:
            for pid in pids:
                if Path(f"/proc/{pid}").exists():
                    os.kill(pid, signal.SIGKILL)
            break
        time.sleep(0.2)


def start():
    subprocess.run(  # noqa: S603 - our own script, no outside input
        [str(SERVICES / "up")], capture_output=True, check=True, timeout=600
    )


def page_titles(results):
    return sorted(hit.title_html for hit in results.hits)


def test_publishing_during_an_outage_reaches_the_index_afterwards(elastic, client, theme_page):
    url, pids = running_nodes()
    assert url == settings.ELASTICSEARCH_URL, "the tests must stop the node they search"
    assert pids, "no running node found from tools/services/common.sh"
    edited = elastic.publish(
        written_in(theme_page, {"en": ("Evacuation plans", "Evacuation.", "Before.")})
    )
    removed = elastic.publish(
        written_in(theme_page, {"en": ("Evacuation drills", "Evacuation.", "Drills.")})
    )
    added = written_in(theme_page, {"en": ("Evacuation corridors", "Evacuation.", "Routes.")})
    assert page_titles(engine.search("evacuation", "en")) == [
        "<mark>Evacuation</mark> drills",
        "<mark>Evacuation</mark> plans",
    ]

    try:
        stop(pids)
        # Three changes while the engine is down: each must publish, and none be lost.
        edited.title = "Evacuation routes by sea"
        elastic.publish(edited)
        elastic.publish(added)
        elastic.unpublish(removed)

        assert PendingIndexUpdate.objects.count() == 3
        down = engine.search("evacuation", "en")
        assert down.degraded and down.engine == "database"
        assert page_titles(down) == [
            "<mark>Evacuation</mark> corridors",
            "<mark>Evacuation</mark> routes by sea",
        ]
        response = client.get("/en/search/", {"q": "evacuation"})
        assert response.status_code == 200
        page_html = response.content.decode()
        assert REDUCED_MODE in page_html
        assert "Simple search:" not in page_html  # the notice, not the embedded default's
        assert "<mark>Evacuation</mark> corridors" in page_html
    finally:
        start()

    sync = io.StringIO()
    call_command("search_sync", stdout=sync)

    assert sync.getvalue() == "Sent 3 queued updates; 0 still waiting.\n"
    assert PendingIndexUpdate.objects.count() == 0
    back = engine.search("evacuation", "en")
    assert back.engine == "elasticsearch" and not back.degraded
    assert page_titles(back) == [
        "<mark>Evacuation</mark> corridors",
        "<mark>Evacuation</mark> routes by sea",
    ]
    assert engine.search("drills", "en").total == 0
    assert REDUCED_MODE not in client.get("/en/search/", {"q": "evacuation"}).content.decode()


def test_a_node_that_stops_answering_keeps_a_reader_waiting_one_timeout_not_two(
    elastic, client, theme_page, settings
):
    """A node that takes connections but no longer answers (paused, swapping, overloaded):
    the reader gets the database's results after ELASTICSEARCH_TIMEOUT, and the search is
    not sent again to wait for a second timeout."""
    url, pids = running_nodes()
    assert url == settings.ELASTICSEARCH_URL, "the tests must stop the node they search"
    elastic.publish(written_in(theme_page, {"en": ("Shelter referral", "Where to.", "Beds.")}))
    settings.ELASTICSEARCH_TIMEOUT = 1
    assert engine.search("shelter", "en").total == 1  # the client and its connection, ready
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        response = client.get("/en/search/", {"q": "shelter"})
        waited = time.monotonic() - started
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)

    page = response.content.decode()
    assert REDUCED_MODE in page and "1 result for “shelter”" in page
    assert 1 <= waited < 1.9


# The sending thread has its own connection, so the data must be committed; the page
# tree the migrations made is put back for the tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_updates_queued_in_an_outage_are_sent_in_the_background_never_by_a_search(
    settings, theme_page, monkeypatch
):
    from search.elastic import ElasticIndex

    index = ElasticIndex()
    index.ensure()
    index.client.delete_by_query(
        index=index.alias, body={"query": {"match_all": {}}}, refresh=True, conflicts="proceed"
    )
    reachable = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing answers there: an outage
    pages = [
        publish(written_in(theme_page, {"en": (f"Livelihoods {n}", "Work.", "Jobs.")}))
        for n in range(5)
    ]
    assert PendingIndexUpdate.objects.count() >= len(pages)
    settings.ELASTICSEARCH_URL = reachable
    monkeypatch.setitem(engine._drain, "checked", 0.0)  # no look at the queue made lately

    first = engine.search("livelihoods", "en")

    # The reader got an answer from the index as it was; nothing was sent in their time.
    assert not first.degraded and first.total == 0
    engine._drain["thread"].join(timeout=60)
    assert PendingIndexUpdate.objects.count() == 0
    assert engine.search("livelihoods", "en").total == len(pages)


def test_with_a_replica_losing_one_of_three_nodes_leaves_every_search_answered(
    elastic, theme_page, settings
):
    """A node crashes (SIGKILL) in a three-node cluster: the index has a replica and the
    client knows every node, so no reader is sent to the reduced mode.

    Needs the three nodes of `ES_NODES=3 tools/services/up` (same ES_PORT and
    SERVICES_DIR in this process's environment); with one node it has nothing to show.
    """
    url, pids = running_nodes()
    assert url == settings.ELASTICSEARCH_URL, "the tests must stop the node they search"
    if len(pids) < 3:
        # `make test` runs it in a pass of its own, with ES_NODES=3: there it must run.
        if os.environ.get("ES_NODES") == "3":
            pytest.fail(f"ES_NODES=3, but {len(pids)} Elasticsearch node(s) run")
        pytest.skip("needs a three-node cluster: ES_NODES=3 tools/services/up")
    first_port = int(url.rsplit(":", 1)[1])
    settings.ELASTICSEARCH_URL = ",".join(
        f"http://127.0.0.1:{first_port + n}" for n in range(len(pids))
    )
    call_command("rebuild_search", stdout=io.StringIO(), stderr=io.StringIO())
    for n in range(6):
        elastic.publish(written_in(theme_page, {"en": (f"Shelter {n}", "Shelter.", "Beds.")}))
    name = elastic.current_index()
    assert (
        elastic.admin.cluster.health(index=name, wait_for_status="green", timeout="60s")["status"]
        == "green"
    )
    # The node holding the primary copy goes: its replica has to take over.
    shards = elastic.admin.cat.shards(index=name, format="json")
    primary_node = next(shard["node"] for shard in shards if shard["prirep"] == "p")
    victim = pids[int(primary_node.rsplit("-", 1)[1]) - 1]

    try:
        os.kill(victim, signal.SIGKILL)
        answers = [engine.search("shelter", "en", per_page=10) for _ in range(30)]
    finally:
        start()

    assert sum(answer.degraded for answer in answers) == 0
    assert {answer.total for answer in answers} == {6}
