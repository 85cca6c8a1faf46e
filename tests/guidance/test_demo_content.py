"""The demo library `make run` loads: complete, translated, and every page readable."""

import re

import pytest

from django.core.management import call_command
from django.utils import translation
from django.utils.html import strip_tags

from guidance.models import GlossaryTerm, GuidancePage, StandardPage, Theme, ThemePage, ToolPage
from guidance.models.translation_status import TranslationRecord, translation_status

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def english_words(page):
    with translation.override("en"):
        text = " ".join(str(block.render()) for block in page.body)
    return len(re.findall(r"\w+", strip_tags(text)))


def test_demo_library_is_complete_translated_and_readable(client):
    call_command("load_demo", stdout=None)

    assert Theme.objects.count() >= 6
    assert ThemePage.objects.live().count() == Theme.objects.count()
    assert GuidancePage.objects.live().count() >= 24
    assert StandardPage.objects.live().count() >= 10
    assert ToolPage.objects.live().count() >= 8
    assert GlossaryTerm.objects.count() >= 30

    library = [
        *GuidancePage.objects.live(),
        *StandardPage.objects.live(),
        *ToolPage.objects.live(),
    ]
    for page in GuidancePage.objects.live():
        assert english_words(page) >= 300, page.slug_en
    for page in library:
        assert {"en", "fr", "es", "ar"} <= set(page.languages), page.slug_en
    with_ru_and_zh = [page for page in library if {"ru", "zh-hans"} <= set(page.languages)]
    assert len(with_ru_and_zh) * 3 >= len(library)

    # Every page answers in English and in Arabic (right to left).
    for page in library:
        for code in ("en", "ar"):
            with translation.override(code):
                url = page.url
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in (
                response.content.decode()
            )
            # An address a reader can type or read aloud: Latin letters, not percent-encoding.
            assert url.isascii() and "%" not in url, url

    # Loaded pages start their translation records in step with the English.
    page = GuidancePage.objects.live().first()
    assert translation_status(page, "fr") == TranslationRecord.TRANSLATED
