"""A full rebuild fills a new index and swaps the alias: searches never see it empty."""

import io
import threading
import time

import pytest

from django.core.management import call_command

from search import engine
from search.elastic import ElasticIndex
from search.models import SearchEntry
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
