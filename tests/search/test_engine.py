"""The real Elasticsearch from `make services`: publish to find a page, unpublish to lose it."""

import json
import urllib.request

import pytest

from django.conf import settings

from search import engine
from tests.factories import GuidancePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def test_the_engine_is_a_real_elasticsearch_7_10_node():
    with urllib.request.urlopen(settings.ELASTICSEARCH_URL, timeout=5) as response:  # noqa: S310
        info = json.load(response)

    assert info["version"]["number"] == "7.10.2"
    assert info["version"]["build_flavor"] == "default"


def test_published_page_is_found_and_unpublished_page_is_not(elastic, theme_page):
    page = GuidancePageFactory(
        parent=theme_page, title="Quarantine logistics handbook", summary="Quarantine.", live=False
    )
    elastic.publish(page)

    found = engine.search("quarantine", "en")
    assert found.engine == "elasticsearch"
    assert [hit.object_id for hit in found.hits] == [page.pk]
    assert "<mark>Quarantine</mark> logistics handbook" in found.hits[0].title_html

    elastic.unpublish(page)

    gone = engine.search("quarantine", "en")
    assert gone.total == 0 and gone.hits == []
