"""Wagtail's own (admin) search on PostgreSQL: a page published now is found by its title
and ranked with the site's average title length, without re-reading the whole index."""

import pytest

from django.db import connection
from django.db.models.functions import Length

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from search import admin_index
from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Wagtail's PostgreSQL index only"
)


def test_published_page_found_in_admin_search_with_its_title_weight(theme_page, admin_search):
    for title in ("Referral pathways", "Consent in practice", "Safe shelters for families"):
        GuidancePageFactory(parent=theme_page, title=title).save_revision().publish()
    page = GuidancePageFactory(parent=theme_page, title="Quarantine arrangements at borders")
    admin_index._average["value"] = None  # as a minute later: the average is read again
    page.save_revision().publish()

    found = list(Page.objects.live().search("quarantine"))
    assert [item.title for item in found] == ["Quarantine arrangements at borders"]

    entries = IndexEntry.objects.annotate(title_length=Length("title")).filter(title_length__gt=0)
    lengths = list(entries.values_list("title_length", flat=True))
    entry = entries.get(object_id=str(page.pk), content_type__model="guidancepage")
    assert entry.title_norm == pytest.approx(sum(lengths) / len(lengths) / entry.title_length)
