"""Forms of one word that both engines bring together, so that the form a reader types
does not decide which page comes first (plurals and stems of each language: test_ranking.py
and tests/portal/test_linguistics.py)."""

import pytest

from search import engine
from tests.search.conftest import titles, written_in

pytestmark = pytest.mark.django_db


def test_an_arabic_word_in_the_accusative_is_the_word_itself(search_engine, theme_page):
    # "عاملًا" (a worker, as the object of a sentence) is "عامل": a page that happens to
    # write that form once must not come before the page about migrant workers.
    about = written_in(
        theme_page,
        {
            "en": ("Migrant workers' rights", "Rights at work.", "Contracts."),
            "ar": ("حقوق العامل المهاجر", "الحقوق في العمل.", "العقود وساعات العمل."),
        },
    )
    mention = written_in(
        theme_page,
        {
            "en": ("Floods", "Evacuation.", "We moved 80 workers."),
            "ar": ("الفيضانات", "الإجلاء.", "نقلنا 80 عاملًا إلى مأوى آمن."),
        },
    )
    for page in (about, mention):
        search_engine.publish(page)

    for typed in ("عاملا", "عاملًا", "عامل"):
        assert titles(engine.search(typed, "ar"))[:2] == ["حقوق العامل المهاجر", "الفيضانات"], typed
