"""Forms of one word that both engines bring together, so that the form a reader types
does not decide which page comes first, and words a stemmer would join that they keep
apart (plurals and verbs: test_ranking.py; the analysis itself:
tests/portal/test_linguistics.py)."""

import pytest

from search import engine, vocabulary
from search.models import Synonym
from tests.search.conftest import publish_purchases, titles, written_in

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


def test_humane_support_is_not_human_trafficking(search_engine, theme_page):
    support = search_engine.publish(
        written_in(
            theme_page,
            {
                "en": (
                    "Support in acute distress",
                    "Humane, practical support.",
                    "A victim of trafficking.",
                )
            },
        )
    )
    basics = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Trafficking in persons: first steps", "What to do first.", "Steps.")},
        )
    )
    search_engine.publish(
        written_in(theme_page, {"en": ("Human rights at borders", "Rights.", "Rights.")})
    )
    Synonym.objects.create(language="en", terms="TIP, trafficking in persons, human trafficking")
    vocabulary.forget()

    found = engine.search("human trafficking", "en").hits

    assert [hit.object_id for hit in found][:1] == [basics.pk]
    assert all(hit.partial for hit in found if hit.object_id == support.pk)


def test_every_form_of_the_russian_for_a_case_finds_the_others(search_engine, theme_page):
    # The stemmer makes "случая" "случ", but "случай" and "случаев" "случа".
    cycle = search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Case management cycle", "From intake to closure.", "Steps."),
                "ru": ("Цикл ведения случая", "От приёма до закрытия.", "Шаги."),
            },
        )
    )

    for typed in ("случай", "случаев", "случаях"):
        found = engine.search(typed, "ru")
        assert [hit.object_id for hit in found.hits] == [cycle.pk], typed
        assert "<mark>случая</mark>" in found.hits[0].title_html, typed
        assert not found.suggestion, typed


def test_the_arabic_forms_of_suspecting_find_each_other(search_engine, theme_page):
    # A reader who writes "اشتبهت" (I suspected) wants the page on suspected victims, which
    # says "المشتبه" and "الاشتباه"; each form had a stem of its own, and "did you mean"
    # offered "اشترت" (she bought), which other pages use more.
    suspected = search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Suspected victims", "When trafficking is suspected.", "Steps."),
                "ar": ("الضحايا المشتبه بهم", "عند الاشتباه في الاتجار.", "الخطوات."),
            },
        )
    )
    publish_purchases(search_engine, theme_page, 2)

    found = engine.search("اشتبهت في الاتجار", "ar")

    assert [hit.object_id for hit in found.hits][:1] == [suspected.pk]
    assert not found.hits[0].partial
    assert found.suggestion == ""
