"""A query in another language is searched in English with the words the portal already
holds in both: glossary terms, editors' synonyms and acronyms, and single words learnt from
pages written in both languages."""

import pytest

from guidance.models import GlossaryTerm
from search import query, vocabulary
from search.models import Synonym
from tests.search.conftest import written_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, typed",
    [("ru", "период восстановления и размышления"), ("zh-hans", "恢复与考虑期")],
)
def test_a_glossary_term_joined_by_and_is_translated_whole(language, typed):
    # "и" and "与" only join words: a query drops them, and so does the term it is read by.
    name = language.replace("-", "_")
    GlossaryTerm.objects.create(
        key="recovery-period",
        term="Recovery and reflection period",
        definition="Time to recover.",
        **{f"term_{name}": typed, f"definition_{name}": "…"},
    )
    vocabulary.forget()

    assert query.translate(typed, language) == "Recovery and reflection period"


@pytest.mark.parametrize("typed", ["2019年个案管理标准", "GDPR个案管理标准"])
def test_a_year_or_acronym_typed_against_chinese_characters_is_kept(typed):
    # "2019年": the year of an edition, which its English title holds.
    GlossaryTerm.objects.create(
        key="case-management", term="Case management", definition="…", term_zh_hans="个案管理"
    )
    vocabulary.forget()

    translated = query.translate(typed, "zh-hans").split()

    assert "Case" in translated and typed[:4] in translated


@pytest.mark.parametrize(
    "language, typed",
    [("fr", "protection des données personnelles"), ("zh-hans", "个人数据保护")],
)
def test_two_glossary_terms_that_share_a_word_are_translated_together(language, typed):
    # "données" (数据) belongs to both terms; the longest first match leaves the other
    # term's word ("personnelles", 保护) to the aligner, which may know it only wrongly.
    name = language.replace("-", "_")
    terms = {
        "data-protection": (
            "Data protection",
            {"fr": "Protection des données", "zh_hans": "数据保护"},
        ),
        "personal-data": ("Personal data", {"fr": "Données personnelles", "zh_hans": "个人数据"}),
    }
    for key, (english, theirs) in terms.items():
        GlossaryTerm.objects.create(
            key=key, term=english, definition="…", **{f"term_{name}": theirs[name]}
        )
    vocabulary.forget()

    assert query.translate(typed, language) == "Personal data protection"


def test_a_french_word_translated_is_not_searched_in_english_as_typed_too(
    search_engine, theme_page
):
    # "victimes" looks like a word of English pages ("victim"), but it has a translation.
    GlossaryTerm.objects.create(
        key="referral", term="Referral", term_fr="Orientation", definition="Passing on."
    )
    search_engine.publish(
        written_in(
            theme_page,
            {
                "en": ("Victims", "Support for victims.", "Care."),
                "fr": ("Victimes", "Soutien aux victimes.", "Soins."),
            },
        )
    )
    vocabulary.forget()

    assert query.translate("orientation des victimes", "fr").casefold() == "referral victims"


def test_a_word_is_not_translated_by_the_number_the_acronym_or_the_pronoun_beside_it(
    search_engine, theme_page
):
    # "menores" stands beside "18", "PFA", "his" and "minors" in every English line alike.
    for topic_en, topic_es in (("school", "escuela"), ("rights", "derechos")):
        search_engine.publish(
            written_in(
                theme_page,
                {
                    "en": (f"PFA for minors under 18: his {topic_en}", f"His {topic_en}.", "-"),
                    "es": (f"PFA para menores de 18: su {topic_es}", f"Su {topic_es}.", "-"),
                },
            )
        )
        search_engine.publish(
            written_in(
                theme_page,
                {
                    "en": (f"His {topic_en} as minors under 18 (PFA)", "Minors under 18.", "-"),
                    "es": (f"Su {topic_es} como menores de 18 (PFA)", "Menores de 18.", "-"),
                },
            )
        )
    vocabulary.forget()

    assert query.translate("menores", "es") == "minors"


SUMMARIES = {"es": "Resumen.", "zh_hans": "摘要。"}


def publish_titles(search_engine, parent, language, titles):
    """A page for each of `titles`, (title in `language`, title in English), then the
    vocabulary learnt afresh from them."""
    for theirs, english in titles:
        translations = {
            "en": (english, "Summary.", "-"),
            language: (theirs, SUMMARIES[language], "-"),
        }
        search_engine.publish(written_in(parent, translations))
    vocabulary.forget()


@pytest.mark.parametrize(
    "titles, translations",
    [
        pytest.param(
            # "frontera" is beside "land" in three lines and "border" in two, but
            # "terrestre" is beside "land" in every line.
            [
                ("Frontera terrestre", "Land border"),
                ("Frontera terrestre de noche", "Land crossing at night"),
                ("Frontera terrestre y policía", "Land crossing and police"),
                ("Transporte terrestre", "Land transport"),
                ("Frontera norte", "Northern border"),
            ],
            {"frontera": "border", "terrestre": "land"},
            id="the-english-word-no-other-word-means-better",
        ),
        pytest.param(
            # "traffickers" comes first, "trafficking" more often: one stem, two forms.
            [
                ("Trata: perfiles", "Traffickers: profiles"),
                ("Trata: indicadores", "Trafficking indicators"),
                ("Trata: refugios", "Trafficking shelters"),
            ],
            {"trata": "trafficking"},
            id="shown-as-the-pages-most-often-write-it",
        ),
        pytest.param(
            # Spanish puts the adjective after its noun, English before it.
            [
                ("Retorno voluntario desde Libia", "Voluntary return from Libya"),
                ("Retorno voluntario y salud", "Voluntary return and health"),
                ("Salud y retorno a casa", "Health and return home"),
                ("Voluntario en salud", "Volunteer health work"),
                ("Retorno voluntario asistido desde Níger", "Assisted voluntary return from Niger"),
                ("Viaje asistido", "Assisted travel"),
            ],
            {
                "retorno voluntario": "voluntary return",
                "voluntario retorno": "voluntary return",
                "salud retorno": "health return",
                # Two moves: "asistido" comes last in Spanish, "assisted" first in English.
                "retorno voluntario asistido": "assisted voluntary return",
            },
            id="in-the-order-english-pages-write-the-words",
        ),
        pytest.param(
            # "asistido" stands beside "attend" (for "asistir") in two lines of five and
            # beside "assisted", written alike, in three; English pages write "assistance"
            # in more lines still, where Spanish says "ayuda".
            [
                ("Retorno asistido", "Assisted return"),
                ("Viaje asistido", "Assisted travel"),
                ("Parto asistido", "Assisted childbirth"),
                ("Asistir sin cita", "Attend without an appointment"),
                ("Asistir con intérprete", "Attend with an interpreter"),
                ("Ayuda legal", "Legal assistance"),
                ("Ayuda para familias", "Assistance for families"),
                ("Ayuda en el hogar", "Assistance at home"),
            ],
            {"asistido": "assistance", "ayuda": "assistance"},
            id="the-english-word-written-alike-that-stands-beside-it-most",
        ),
        pytest.param(
            # "tráfico" stands beside "smuggling" in every line, and beside "trafficking",
            # written alike, in two of three: it is smuggling.
            [
                ("Tráfico ilícito de migrantes y trata", "Smuggling of migrants and trafficking"),
                ("Tráfico por mar y trata", "Smuggling by sea and trafficking"),
                ("Tráfico por tierra", "Smuggling over land"),
                ("Trata de personas", "Trafficking in persons"),
                ("Trata y explotación laboral", "Trafficking and labour exploitation"),
            ],
            {"tráfico": "smuggling", "trata": "trafficking"},
            id="not-a-word-written-alike-that-stands-beside-it-less",
        ),
    ],
)
def test_single_words_are_translated_from_pages_written_in_both_languages(
    search_engine, theme_page, titles, translations
):
    publish_titles(search_engine, theme_page, "es", titles)

    assert {typed: query.translate(typed, "es") for typed in translations} == translations


@pytest.mark.parametrize(
    "language, titles, synonyms, word, english",
    [
        # "menores" stands beside "treated" in two lines of four, said of "tratados"; its
        # synonym "niños" beside "children" in every line.
        (
            "es",
            [
                ("Menores tratados como adultos", "Minors treated as adults"),
                ("Menores tratados en frontera", "Young people treated at borders"),
                ("Menores en la escuela", "Pupils at school"),
                ("Menores y salud", "Youth and health"),
                ("Niños en frontera", "Children at borders"),
                ("Niños y escuela", "Children and school"),
                ("Niños y salud", "Children and health"),
            ],
            "menores, niños",
            "menores",
            "children",
        ),
        # "返回" (return) stands beside "follow" in two lines of three; its synonym "回返",
        # the guidance's own word, beside "return" in every line. (Chinese synonyms are
        # listed by character, and aligned by pairs.)
        (
            "zh-hans",
            [
                ("返回与随访", "Follow-up visits"),
                ("返回随访记录", "Follow-up records"),
                ("返回登记", "Registration"),
                ("回返咨询", "Return counselling"),
                ("回返计划", "Return plans"),
                ("回返与健康", "Return and health"),
            ],
            "回返, 返回",
            "返回",
            "return",
        ),
    ],
)
def test_a_word_seen_in_few_lines_is_translated_as_its_editors_synonym_is(
    search_engine, theme_page, language, titles, synonyms, word, english
):
    publish_titles(search_engine, theme_page, language.replace("-", "_"), titles)
    before = query.translate(word, language)
    Synonym.objects.create(language=language, terms=synonyms)
    vocabulary.forget()

    assert before != english
    assert query.translate(word, language) == english


def test_a_chinese_word_after_a_negation_is_not_translated_as_its_opposite(
    search_engine, theme_page
):
    # 成年人 is an adult; 未成年人 ("not yet adult") is a minor.
    titles = [
        ("成年人的住所", "Shelter for adults"),
        ("成年人登记", "Registering adults"),
        ("成年人面谈", "Interviewing adults"),
    ]
    publish_titles(search_engine, theme_page, "zh_hans", titles)

    assert "adult" in query.translate("成年人", "zh-hans")
    assert "adult" not in query.translate("未成年人", "zh-hans")
