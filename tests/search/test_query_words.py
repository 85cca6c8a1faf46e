"""Which of a reader's words decide the results, on both engines: the words that make a
query a question or a comparison do not; a word the portal itself knows is no typo."""

import pytest

from search import engine
from tests.search.conftest import titles, written_in

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

