"""Which of a reader's words decide the results, on both engines: the words that make a
query a question or a comparison do not; a word the portal itself knows is no typo."""

import pytest

from guidance.models import GlossaryTerm
from search import engine, vocabulary
from tests.search.conftest import publish_purchases, titles, written_in

pytestmark = pytest.mark.django_db


def test_question_words_do_not_decide_the_order(search_engine, theme_page):
    answer = written_in(
        theme_page,
        {
            "en": (
                "Identifying victims of trafficking",
                "Signs that a person may be a victim of trafficking.",
                "Look for control over documents and movement.",
            )
        },
    )
    wordy = written_in(
        theme_page,
        {
            "en": (
                "How to do a shelter intake: what, when and how",
                "How and when to do it, and what to do if you cannot.",
                "How do you do it? What do you need? When should you do it?",
            )
        },
    )
    search_engine.publish(answer)
    search_engine.publish(wordy)

    found = engine.search("how do I identify a victim of trafficking", "en")

    assert titles(found)[0] == "Identifying victims of trafficking"
    assert "How to do a shelter intake: what, when and how" not in titles(found)[:1]


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "difference between trafficking and smuggling"),
        ("fr", "différence entre traite et passeurs"),
        ("ar", "الفرق بين الاتجار والتهريب"),
    ],
)
def test_a_comparison_finds_the_page_on_both_things_compared(
    search_engine, theme_page, language, question
):
    """ "The difference between X and Y": a page that explains some other difference
    (between an assessment and a determination) must not come before the one on X and
    Y, whose own words are common in a library about trafficking."""
    pages = {
        "answer": (
            ("Trafficking is not smuggling", "Trafficking, and smuggling.", "Consent ends."),
            ("La traite n'est pas le trafic", "La traite, et les passeurs.", "Le consentement."),
            ("الاتجار ليس تهريبا", "الاتجار والتهريب.", "الموافقة."),
        ),
        "other_difference": (
            ("Assessment or determination", "The difference between them.", "Between steps."),
            ("Évaluation ou décision", "La différence entre elles.", "Entre deux étapes."),
            ("التقييم أو التحديد", "الفرق بين الأمرين.", "بين خطوتين."),
        ),
        "common": (
            ("Trafficking indicators", "Signs of trafficking.", "Trafficking."),
            ("Indicateurs de traite", "Signes de traite.", "La traite."),
            ("مؤشرات الاتجار", "علامات الاتجار.", "الاتجار."),
        ),
    }
    published = {
        name: search_engine.publish(
            written_in(theme_page, {"en": english, "fr": french, "ar": arabic})
        )
        for name, (english, french, arabic) in pages.items()
    }

    found = engine.search(question, language)

    ranked = [hit.object_id for hit in found.hits]
    assert ranked[:1] == [published["answer"].pk]
    assert published["other_difference"].pk not in ranked


def test_a_glossary_term_no_page_uses_is_no_typo_of_a_word_pages_use(search_engine, theme_page):
    """تهريب (smuggling) is a term of the glossary, and one letter from تدريب (training):
    a reader asking about smuggling where no Arabic page speaks of it is neither shown the
    training pages as if they had mistyped nor asked whether they meant training; they get
    the English page on smuggling."""
    GlossaryTerm.objects.create(
        key="smuggling-of-migrants",
        term="Smuggling of migrants",
        term_ar="تهريب المهاجرين",
        definition="Procuring a person's irregular entry for a financial benefit.",
        definition_ar="تدبير الدخول غير النظامي لشخص مقابل منفعة مالية.",
    )
    vocabulary.forget()
    search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Training of trainers", "Training.", "Training."),
                "ar": ("تدريب المدربين", "التدريب.", "دورات التدريب."),
            },
        )
    )
    smuggling = search_engine.publish(
        written_in(theme_page, {"en": ("Smuggling of migrants", "Smuggling.", "Smugglers.")})
    )

    found = engine.search("تهريب المهاجرين", "ar")

    assert found.hits == []
    assert found.suggestion == ""
    assert [hit.object_id for hit in found.english_hits] == [smuggling.pk]


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "how long does an age assessment take"),
        ("fr", "combien de temps dure l'évaluation de l'âge"),
        ("ar", "كم من الوقت يستغرق تقدير السن"),
    ],
)
def test_asking_how_long_something_takes_finds_the_page_about_it(
    search_engine, theme_page, language, question
):
    """The page on age assessment answers "how long does an age assessment take", though
    it never says "long" or "take": a page that does, on another assessment, comes after."""
    pages = {
        "answer": (
            ("Age assessment safeguards", "Assessing a child's age.", "The benefit of the doubt."),
            ("Évaluation de l'âge", "Évaluer l'âge d'un enfant.", "Le bénéfice du doute."),
            ("تقدير السن", "تقدير سن الطفل.", "منح ميزة الشك."),
        ),
        "wordy": (
            ("How long a health assessment takes", "It can take long.", "Take your time."),
            ("Combien de temps dure un bilan", "Une évaluation de santé dure.", "Prenez le temps."),
            ("كم يستغرق التقدير الصحي", "يستغرق التقدير بعض الوقت.", "خذ الوقت الكافي."),
        ),
    }
    published = {
        name: search_engine.publish(
            written_in(theme_page, {"en": english, "fr": french, "ar": arabic})
        )
        for name, (english, french, arabic) in pages.items()
    }

    found = engine.search(question, language)

    assert [hit.object_id for hit in found.hits][:1] == [published["answer"].pk]


def test_the_words_of_such_a_phrase_still_count_on_their_own(search_engine, theme_page):
    """Only "how long" together asks about time: "long-term" is the subject's."""
    long_term = search_engine.publish(
        written_in(theme_page, {"en": ("Long-term care", "Care over years.", "Long-term.")})
    )
    search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Care terms, term by term", "The terms of care.", "Care terms and care.")},
        )
    )

    found = engine.search("long-term care", "en")

    assert [hit.object_id for hit in found.hits][:1] == [long_term.pk]


def test_a_word_the_library_holds_is_not_corrected_to_another_two_letters_away(
    search_engine, theme_page
):
    # اشتبهت ("I suspected") is in one page; اشترت ("she bought"), two letters away, in three.
    search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("When in doubt", "Doubts.", "Call."),
                "ar": ("عند الشك", "إذا اشتبهت في وجود خطر فاتصل بالمشرف.", "اتصل."),
            },
        )
    )
    publish_purchases(search_engine, theme_page, 3)

    found = engine.search("اشتبهت", "ar")

    assert titles(found) == ["عند الشك"]
    assert found.suggestion == ""
