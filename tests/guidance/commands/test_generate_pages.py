"""generate_pages adds readable, published pages for scale tests, repeatably."""

import pytest

from django.core.management import CommandError, call_command

from guidance.models import GuidancePage

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_generated_pages_are_live_translated_and_readable(client, theme_page):
    call_command("generate_pages", 3, "--no-index", stdout=None)

    pages = list(GuidancePage.objects.filter(slug_en__startswith="synthetic-").order_by("path"))
    assert len(pages) == 3
    assert all(page.live and page.themes.filter(pk=theme_page.theme.pk).exists() for page in pages)
    assert len({page.title_en for page in pages}) == 3
    assert {"en", "fr", "es", "ar"} <= set(pages[0].languages)
    response = client.get(pages[0].url)
    assert response.status_code == 200
    assert pages[0].title_en in response.content.decode()


def test_generate_pages_refuses_without_themes(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_pages", 1, "--no-index")
