"""Forms of one word that both engines bring together, so that the form a reader types
does not decide which page comes first (plurals, the verb typed and the noun written,
American and British spellings), and words a stemmer would join that they keep apart
(papers and paper, trafficking and treatment); the analysis itself:
tests/portal/test_linguistics.py."""

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


def test_an_irregular_plural_finds_its_singular(search_engine, theme_page):
    page = search_engine.publish(
        written_in(
            theme_page,
            {
                "en": (
                    "Referral pathways for unaccompanied children",
                    "Who to call first.",
                    "Children travelling alone are referred to a guardian.",
                )
            },
        )
    )

    found = engine.search("referral pathway for unaccompanied child", "en")

    assert [hit.object_id for hit in found.hits][:1] == [page.pk]


def test_trafficking_is_not_treatment_in_french_and_spanish(search_engine, theme_page):
    """The stemmers make "traite" (trafficking) and "traitement" or "traiter" (treatment,
    to treat) one word, and "trata" and "trato" in Spanish: a reader looking for
    trafficking must not get a page about treating patients first."""
    trafficking = search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Sheltering trafficked persons", "Shelter.", "Safe places."),
                "fr": (
                    "Héberger les victimes",
                    "Hébergement.",
                    "Un abri pour les victimes de la traite.",
                ),
                "es": (
                    "Albergar a las víctimas",
                    "Albergue.",
                    "Un refugio para víctimas de la trata.",
                ),
            },
        )
    )
    search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Medical treatment", "Care.", "Treat every patient."),
                "fr": (
                    "Le traitement médical",
                    "Traiter.",
                    "Traiter chaque patient ; le traitement.",
                ),
                "es": (
                    "El trato a los pacientes",
                    "Tratar.",
                    "Tratar a cada paciente con buen trato.",
                ),
            },
        )
    )

    in_french = engine.search("traite", "fr")
    in_spanish = engine.search("trata", "es")

    # (Elasticsearch also reads a typed word as the start of a longer one: "traitement"
    # may follow, as a word that starts alike.)
    assert [hit.object_id for hit in in_french.hits][:1] == [trafficking.pk]
    assert [hit.object_id for hit in in_spanish.hits][:1] == [trafficking.pk]


def test_the_verb_a_reader_types_finds_the_noun_the_guidance_uses(search_engine, theme_page):
    referral = search_engine.publish(
        written_in(
            theme_page,
            {
                "en": (
                    "Referral of detainees",
                    "Referrals and identification in detention.",
                    "Who receives a referral.",
                )
            },
        )
    )
    search_engine.publish(
        written_in(theme_page, {"en": ("Shelter rules", "House rules.", "Meals and visits.")})
    )

    for question in ("how to refer someone who was detained", "identify detained people"):
        found = engine.search(question, "en")
        assert [hit.object_id for hit in found.hits] == [referral.pk], question


@pytest.mark.parametrize(
    ("language", "noun_page", "other_page", "verb"),
    [
        (
            "fr",
            ("Normes de repérage", "Le repérage aux frontières.", "Qui fait quoi."),
            ("Hébergement", "Règles et visites.", "Repérer un risque la nuit."),
            "repérer",
        ),
        (
            "es",
            ("Vías de derivación", "La derivación de casos.", "Quién recibe."),
            ("Albergues", "Reglas y visitas.", "Derivar a un médico de noche."),
            "derivar",
        ),
    ],
)
def test_the_verb_finds_the_noun_in_french_and_spanish(
    search_engine, theme_page, language, noun_page, other_page, verb
):
    wanted = search_engine.publish(
        written_in(theme_page, {"en": ("Screening", "At borders.", "Who."), language: noun_page})
    )
    search_engine.publish(
        written_in(theme_page, {"en": ("Shelters", "Rules.", "Meals."), language: other_page})
    )

    found = engine.search(verb, language)

    # The page about it before the one that uses the verb in passing.
    assert [hit.object_id for hit in found.hits][:1] == [wanted.pk]


def test_deciding_finds_a_decision_and_recognised_a_recognition(search_engine, theme_page):
    decision = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Informed decisions on return", "A decision with full information.", "Time.")},
        )
    )
    recognition = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Recognition of victims", "Formal recognition.", "What it gives.")},
        )
    )
    search_engine.publish(
        written_in(
            theme_page, {"en": ("Return travel for victims", "Tickets for return.", "Escorts.")}
        )
    )

    for question, page in (
        ("who decides on return", decision),
        ("recognised victims", recognition),
    ):
        first = engine.search(question, "en").hits[0]
        assert (first.object_id, first.partial) == (page.pk, False), question


def test_the_second_half_of_a_compound_says_nothing_by_itself(search_engine, theme_page):
    def page(title, summary, body):
        return search_engine.publish(written_in(theme_page, {"en": (title, summary, body)}))

    gender_based = page("Gender-based violence", "Reducing gender-based violence.", "Risks.")
    violence = page("Violence at borders", "Violence against migrants.", "Violence.")
    needs_based = page("Needs-based design", "Design based on needs.", "Violence is rare.")

    found = [hit.object_id for hit in engine.search("gender-based violence", "en").hits]

    # The page on needs-based design shares "based" and mentions violence once: it comes
    # after the page about violence, not before it.
    assert found == [gender_based.pk, violence.pk, needs_based.pk]


def test_a_migrant_without_papers_is_not_a_record_on_paper(search_engine, theme_page):
    care = search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Care without papers", "Clinics treat people without papers.", "Care."),
                "fr": ("Soins sans papiers", "Les cliniques soignent les sans-papiers.", "Soins."),
            },
        )
    )
    search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Records on paper", "Each paper record is locked away.", "Keys."),
                "fr": ("Dossiers sur papier", "Chaque dossier papier est sous clé.", "Clés."),
            },
        )
    )

    for language, asked in (("en", "papers"), ("fr", "sans papiers")):
        found = engine.search(asked, language).hits
        assert found[0].object_id == care.pk, language
        # Found by the start of the word, if at all: marked as not holding it.
        assert all(hit.partial for hit in found[1:]), language


def test_an_american_spelling_finds_the_british_one_and_not_another_word(search_engine, theme_page):
    organisations = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Partner organisations", "Organisations that take referrals.", "A list.")},
        )
    )
    organs = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Partners against organ removal", "Organs taken by force.", "Signs.")},
        )
    )

    found = engine.search("partner organizations", "en").hits

    assert [hit.object_id for hit in found][:1] == [organisations.pk]
    # Found for "partner" alone, if at all: marked as not holding all the words.
    assert all(hit.partial for hit in found if hit.object_id == organs.pk)
