"""A full rebuild fills a new index and swaps the alias: searches never see it empty."""

import io
import threading
import time

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from search import engine
from search.elastic import ElasticIndex
from search.models import PendingIndexUpdate, SearchEntry
from search.results import Query
from tests.conftest import publish
from tests.search.conftest import written_in

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

PAGES = 30


@pytest.fixture
def pages(elastic, theme_page):
    """Published pages in the database only: their index updates are never sent."""
    return [
        publish(
            written_in(
                theme_page,
                {"en": (f"Resettlement guide {n}", "Resettlement.", f"Case {n} resettlement.")},
            )
        )
        for n in range(PAGES)
    ]


def rebuild_search():
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search", stdout=out, stderr=err)
    return out.getvalue()


def test_rebuild_search_loads_a_new_index_and_drops_the_old_one(elastic, pages):
    before = elastic.current_index()
    assert elastic.count() == 0  # never sent to the index

    output = rebuild_search()

    after = elastic.current_index()
    assert after != before and after.startswith(elastic.alias + "_")
    assert not elastic.client.indices.exists(index=before)
    assert f"{PAGES} search entries from {PAGES} pages" in output
    assert f"{PAGES} documents in {after}" in output
    assert elastic.count() == PAGES == SearchEntry.objects.count()
    assert engine.search("resettlement", "en", per_page=50).total == PAGES


def test_searches_during_a_rebuild_all_find_everything(elastic, pages):
    rebuild_search()
    before = elastic.current_index()
    totals, errors = [], []
    done = threading.Event()

    def search_continuously():
        index = ElasticIndex()  # the same queries the portal sends, from another thread
        while not done.is_set():
            try:
                query = Query(text="resettlement", language="en")
                primary, _other = index.search(query, {}, "relevance", 0, 5)
                totals.append(primary["hits"]["total"]["value"])
            except Exception as error:  # recorded: the test asserts there was none
                errors.append(error)

    def wait_for_searches(count):
        wanted, deadline = len(totals) + len(errors) + count, time.monotonic() + 30
        while len(totals) + len(errors) < wanted and time.monotonic() < deadline:
            time.sleep(0.01)

    def loading(entries):
        """Hold the rebuild half-way through loading until a few searches have answered."""
        for number, entry in enumerate(entries):
            if number == PAGES // 2:
                wait_for_searches(5)
                during.extend(totals[-5:])
            yield entry

    during = []
    searcher = threading.Thread(target=search_continuously)
    searcher.start()
    try:
        wait_for_searches(3)
        rows = SearchEntry.objects.order_by("target_type", "target_id", "language")
        indexed = elastic.rebuild((engine.entry_from_row(row) for row in rows), progress=loading)
        wait_for_searches(3)
    finally:
        done.set()
        searcher.join(timeout=30)

    assert errors == []
    assert len(during) == 5  # searches answered while the new index was half loaded
    assert set(totals) == {PAGES}  # never an empty or partial index
    assert indexed == PAGES
    after = elastic.current_index()
    assert after != before
    assert not elastic.client.indices.exists(index=before)
    assert elastic.client.indices.get_alias(name=elastic.alias) == {
        after: {"aliases": {elastic.alias: {}}}
    }


def test_a_rebuild_the_engine_refuses_keeps_every_queued_update_and_the_old_index(elastic, pages):
    """A real refusal part way: the engine blocks writes to every new index of ours (an
    index template), so loading fails after the new index was created."""
    before = elastic.current_index()
    queued = set(PendingIndexUpdate.objects.values_list("target_type", "target_id"))
    assert {("page", page.pk) for page in pages} <= queued  # published, never sent
    template = f"{elastic.alias}_refuse_writes"
    elastic.admin.indices.put_template(
        name=template,
        body={"index_patterns": [f"{elastic.alias}_2*"], "settings": {"index.blocks.write": True}},
    )
    try:
        with pytest.raises(CommandError) as failure:
            rebuild_search()
    finally:
        elastic.admin.indices.delete_template(name=template)

    assert f"{len(queued)} queued updates are kept" in str(failure.value)
    assert set(PendingIndexUpdate.objects.values_list("target_type", "target_id")) == queued
    # Readers still search the index they had; the half-built one is gone.
    assert elastic.client.indices.get_alias(name=elastic.alias) == {
        before: {"aliases": {elastic.alias: {}}}
    }
    assert elastic.leftovers() == []
    # Once the engine accepts writes again, the queue brings every page to readers.
    call_command("search_sync", stdout=io.StringIO())
    assert PendingIndexUpdate.objects.count() == 0
    assert engine.search("resettlement", "en", per_page=50).total == PAGES


def test_a_rebuild_deletes_indices_of_ours_that_no_alias_points_to(elastic, pages):
    # What an interrupted rebuild leaves behind.
    orphan = f"{elastic.alias}_20000101000000000000"
    elastic.create_index(orphan)
    assert elastic.leftovers() == [orphan]

    rebuild_search()

    assert not elastic.client.indices.exists(index=orphan)
    assert elastic.leftovers() == []
    assert elastic.count() == PAGES


def test_on_one_node_the_index_has_no_replica_and_the_cluster_stays_green(elastic, settings):
    settings.ELASTICSEARCH_REPLICAS = None  # the default: one once a second node joins
    rebuild_search()
    name = elastic.current_index()

    index = elastic.client.indices.get_settings(index=name)[name]["settings"]["index"]
    health = elastic.client.cluster.health(index=name)

    assert index["auto_expand_replicas"] == "0-1"
    if health["number_of_nodes"] == 1:
        assert index["number_of_replicas"] == "0" and health["status"] == "green"
    else:
        assert index["number_of_replicas"] == "1"


def test_every_node_in_the_url_is_tried_before_the_database_answers(elastic, pages, settings):
    rebuild_search()
    # The first address has no node (nothing listens on port 9): the next one answers.
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:9,{settings.ELASTICSEARCH_URL}"

    results = [engine.search("resettlement", "en", per_page=50) for _ in range(4)]

    assert [(r.engine, r.degraded, r.total) for r in results] == [
        ("elasticsearch", False, PAGES)
    ] * 4
