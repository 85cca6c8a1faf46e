"""Editors preview a page in each language, Arabic right to left, without counting a read."""

import pytest

from guidance.models import PageViewCount
from tests.conftest import publish
from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.django_db


def test_preview_modes_offer_every_language_and_arabic_renders_right_to_left(theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How.")
    page.title_ar, page.summary_ar, page.slug_ar = "الفحص", "كيف.", "screening"
    publish(page)

    response = page.make_preview_request(preview_mode="ar")
    html = response.content.decode()

    assert [code for code, _name in page.preview_modes] == ["en", "fr", "es", "ar", "ru", "zh-hans"]
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>الفحص</h1>" in html
    assert not PageViewCount.objects.filter(page=page).exists()


def test_preview_of_a_missing_translation_shows_what_readers_will_see(theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How.")

    html = page.make_preview_request(preview_mode="fr").content.decode()

    assert '<html lang="fr" dir="ltr">' in html
    assert 'class="notice notice--fallback"' in html
