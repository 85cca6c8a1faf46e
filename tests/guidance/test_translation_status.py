"""Translation status per page and language: translated, missing, outdated."""

import pytest

from guidance.models.translation_status import TranslationRecord, translation_status
from tests.conftest import publish
from tests.factories import GuidancePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_status_follows_the_english_source(theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How.")
    page.title_fr, page.summary_fr, page.slug_fr = "Dépistage", "Comment.", "depistage"
    publish(page)

    assert translation_status(page, "fr") == TranslationRecord.TRANSLATED
    assert translation_status(page, "es") == TranslationRecord.MISSING

    page.summary_en = "How to screen, revised after the 2026 review."
    publish(page)
    assert translation_status(page, "fr") == TranslationRecord.OUTDATED

    page.summary_fr = "Comment dépister, révisé après l'examen de 2026."
    publish(page)
    assert translation_status(page, "fr") == TranslationRecord.TRANSLATED
