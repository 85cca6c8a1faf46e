"""The real Elasticsearch from `make services`: publish to find a page, unpublish to lose it."""

import json
import urllib.request

import pytest

from django.conf import settings

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def _refresh(backend):
    backend.es.indices.refresh(index=f"{backend.index_prefix}*")


def test_the_engine_is_a_real_elasticsearch_7_10_node():
    with urllib.request.urlopen(settings.ELASTICSEARCH_URL, timeout=5) as response:  # noqa: S310
        info = json.load(response)

    assert info["version"]["number"] == "7.10.2"
    assert info["version"]["build_flavor"] == "default"


def test_published_page_is_found_and_unpublished_page_is_not(home):
    backend = get_search_backend()
    home.title = "Quarantine logistics handbook"
    home.save_revision().publish()
    _refresh(backend)

    found = backend.search("quarantine", Page.objects.live())
    assert [page.pk for page in found] == [home.pk]

    home.unpublish()
    _refresh(backend)

    assert list(backend.search("quarantine", Page.objects.live())) == []
