"""What officials notice in the order of results, on both engines: acronyms, editions,
glossary terms, and content that exists only in another language (the words of a question
or a comparison: test_query_words.py; the forms of a word: test_word_forms.py)."""

import html
import re

import pytest

from django.utils import translation

from guidance.models import GlossaryTerm
from search import elastic_queries, engine, query, vocabulary
from search.models import Acronym
from tests.factories import StandardPageFactory, ToolPageFactory
from tests.search.conftest import written_in

pytestmark = pytest.mark.django_db


def titles(results):
    return [re.sub(r"</?mark>", "", hit.title_html) for hit in results.hits]


def test_an_acronym_finds_what_it_stands_for_and_itself(search_engine, theme_page):
    spelt_out = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Care for children", "Unaccompanied and separated children.", "Care.")},
        )
    )
    with_acronym = search_engine.publish(
        written_in(theme_page, {"en": ("UASC registration", "Registering UASC.", "Forms.")})
    )
    Acronym.objects.create(
        language="en", acronym="UASC", meaning="unaccompanied and separated children"
    )
    vocabulary.forget()

    found = {hit.object_id for hit in engine.search("UASC", "en").hits}

    assert found == {spelt_out.pk, with_acronym.pk}


def two_editions(search_engine, theme_page, current_text, older_text):
    """A standard published in two editions, the older replaced by the current one:
    (current, older). Each text is (title, summary, body), in English."""
    current = search_engine.publish(
        written_in(theme_page, {"en": current_text}, factory=StandardPageFactory)
    )
    older = written_in(theme_page, {"en": older_text}, factory=StandardPageFactory)
    older.superseded_by = current
    older.save()
    search_engine.publish(older)
    return current, older


def test_the_current_edition_comes_before_the_one_it_replaces(search_engine, theme_page):
    current, older = two_editions(
        search_engine,
        theme_page,
        ("Shelter standards", "Minimum standards for shelters.", "Space."),
        (
            "Shelter standards for shelters",
            "Minimum standards for shelters, shelters and shelters.",
            "Shelters.",
        ),
    )

    found = engine.search("shelter standards", "en")

    assert [hit.object_id for hit in found.hits] == [current.pk, older.pk]
    assert found.hits[1].superseded and not found.hits[0].superseded
    assert found.hits[1].current_edition["url"] == current.url


@pytest.mark.parametrize(
    "text, first",
    [
        ("shelter standards", "current"),
        ("old shelter standards", "older"),
        ("the previous edition of the shelter standards", "older"),
        ("shelter standards 2019", "older"),
    ],
)
def test_a_reader_who_asks_for_the_old_edition_gets_it_first(
    search_engine, theme_page, text, first
):
    """The same standards in two editions: the current one comes first, unless the reader
    asks for the old one or names the year in its title."""
    written = ("Minimum standards for shelters.", "Space and privacy.")
    current, older = two_editions(
        search_engine,
        theme_page,
        ("Shelter standards", *written),
        ("Shelter standards (2019)", *written),
    )
    expected = [current, older] if first == "current" else [older, current]

    found = engine.search(text, "en")

    assert [hit.object_id for hit in found.hits] == [page.pk for page in expected]
    assert found.hits[0].superseded == (first == "older")


def test_asking_for_an_old_edition_does_not_put_one_on_another_subject_first(
    search_engine, theme_page
):
    # "old" beside "standards" asks for old editions, but the page on care in old age
    # answers "old age care standards" far better than replaced shelter standards do.
    about = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Care standards in old age", "Age and care.", "Care for older migrants.")},
        )
    )
    two_editions(
        search_engine,
        theme_page,
        ("Shelter standards", "Standards.", "Space."),
        ("Shelter standards (2019)", "Standards.", "Space."),
    )

    found = engine.search("old age care standards", "en")

    assert found.hits[0].object_id == about.pk


def test_a_glossary_term_gets_its_definition_above_the_results(client, search_engine, theme_page):
    GlossaryTerm.objects.create(
        key="non-refoulement",
        term="Non-refoulement",
        term_fr="Non-refoulement",
        definition="No one is sent back to a place of serious harm.",
        definition_fr="Nul n'est renvoyé vers un lieu où il risque un préjudice grave.",
    )
    vocabulary.forget()

    page = client.get("/fr/search/", {"q": "non-refoulement"}).content.decode()

    card = page.split('class="card definition"', 1)[1].split("</aside>", 1)[0]
    assert "Nul n'est renvoyé vers un lieu" in html.unescape(card)
    assert "No one is sent back" not in card


def test_a_glossary_term_named_by_an_acronym_or_with_a_word_its_definition_uses_gets_its_card(
    client, search_engine, theme_page
):
    GlossaryTerm.objects.create(
        key="referral-mechanism",
        term="Referral mechanism",
        definition="Agreed procedures that pass a person to the service they need. A national "
        "referral mechanism (NRM) brings government bodies and civil society together.",
    )
    Acronym.objects.create(language="en", acronym="NRM", meaning="national referral mechanism")
    vocabulary.forget()

    for asked in ("national referral mechanism", "what is the NRM"):
        page = client.get("/en/search/", {"q": asked}).content.decode()
        assert 'id="definition-heading">Referral mechanism</h2>' in page, asked
    # A word the definition does not use makes it another subject: no card.
    page = client.get("/en/search/", {"q": "referral mechanism budget"}).content.decode()
    assert 'class="card definition"' not in page


def test_content_only_in_english_comes_translated_for_a_russian_reader(
    client, search_engine, theme_page
):
    GlossaryTerm.objects.create(
        key="debt-bondage",
        term="Debt bondage",
        term_ru="Долговая кабала",
        definition="Work to repay a debt that never ends.",
        definition_ru="Работа в счёт долга, который никогда не кончается.",
    )
    english_only = search_engine.publish(
        written_in(
            theme_page,
            {"en": ("Debt bondage in practice", "How debt bondage works.", "Signs.")},
        )
    )
    vocabulary.forget()

    results = engine.search("долговая кабала", "ru")

    assert results.hits == []  # nothing in Russian
    assert [hit.object_id for hit in results.english_hits] == [english_only.pk]
    assert "Debt bondage" in results.translated
    page = client.get("/ru/search/", {"q": "долговая кабала"}).content.decode()
    section = page.split('<section class="other-languages"', 1)[1].split("</section>", 1)[0]
    assert 'lang="en" dir="ltr">' in section and "in practice</a>" in section
    with translation.override("ru"):
        assert '<span lang="en" dir="ltr">English</span>' in section


@pytest.mark.elasticsearch
def test_a_typo_finds_close_words_after_the_closest_and_a_word_spelt_right_does_not(
    elastic, theme_page
):
    exact = elastic.publish(
        written_in(theme_page, {"en": ("Evacuation routes", "Evacuation.", "Routes.")})
    )
    near = elastic.publish(
        written_in(theme_page, {"en": ("Evaluation forms", "Evaluation.", "Forms.")})
    )

    misspelt = engine.search("evacuaton", "en")
    spelt_right = engine.search("evacuation", "en")

    # One letter from "evacuation", two from "evaluation": both may be meant, the
    # closer first.
    assert [hit.object_id for hit in misspelt.hits] == [exact.pk, near.pk]
    # Spelt right, "evacuation" is meant: "evaluation" would only be a typo's answer.
    assert [hit.object_id for hit in spelt_right.hits] == [exact.pk]
    assert spelt_right.total == 1


@pytest.mark.elasticsearch
def test_an_acronyms_page_is_not_crowded_out_by_pages_with_the_other_word(
    elastic, theme_page, monkeypatch
):
    # The full order is decided for the first pages found only (a few hundred; two
    # here, and a page of one): the page the acronym stands for must be among them.
    monkeypatch.setattr(elastic_queries, "RESCORE_WINDOW", 2)
    for number in range(4):
        elastic.publish(
            written_in(
                theme_page,
                {"en": (f"Form {number}: which form when", "Forms, forms.", "Form filling.")},
            )
        )
    answer = elastic.publish(
        written_in(
            theme_page,
            {"en": ("Best interests assessment", "Who runs it.", "Use the form.")},
        )
    )
    Acronym.objects.create(language="en", acronym="BIA", meaning="best interests assessment")
    vocabulary.forget()

    found = engine.search("BIA form", "en", per_page=1)

    assert [hit.object_id for hit in found.hits] == [answer.pk]
    assert found.total == 5


@pytest.mark.elasticsearch
def test_weak_results_offer_a_better_spelling(elastic, client, theme_page):
    # A made-up name: the index's word statistics keep earlier tests' words for a while.
    for number in range(3):
        elastic.publish(
            written_in(
                theme_page,
                {"en": (f"Reintegration with Kestrelwick {number}", "Partners.", "Plan.")},
            )
        )

    # Results (the typo is forgiven) but none with every word as typed: a suggestion too.
    found = engine.search("reintegration kestrelwik", "en")

    assert found.total == 3
    assert found.suggestion == "reintegration kestrelwick"
    page = client.get("/en/search/", {"q": "reintegration kestrelwik"}).content.decode()
    assert '<a href="?q=reintegration%20kestrelwick">reintegration kestrelwick</a>' in page
    assert engine.search("reintegration kestrelwick", "en").suggestion == ""


def test_a_reader_can_see_every_result_not_yet_in_their_language(client, search_engine, theme_page):
    GlossaryTerm.objects.create(
        key="evacuation",
        term="Evacuation",
        term_ru="Эвакуация",
        definition="Moving people away from danger.",
        definition_ru="Вывод людей из опасного места.",
    )
    pages = [
        search_engine.publish(
            written_in(theme_page, {"en": (f"Evacuation plan {number}", "Evacuation.", "Routes.")})
        )
        for number in range(7)
    ]
    vocabulary.forget()

    first = client.get("/ru/search/", {"q": "эвакуация"}).content.decode()

    section = first.split('<section class="other-languages"', 1)[1].split("</section>", 1)[0]
    assert section.count('class="card search-hit"') == engine.FALLBACK_HITS
    link = re.search(r'<a href="\?([^"]*scope=other[^"]*)">', section).group(1)
    everything = client.get(f"/ru/search/?{link.replace('&amp;', '&')}").content.decode()
    everything = re.sub(r"</?mark>", "", everything)
    shown = re.findall(r'lang="en" dir="ltr">Evacuation plan (\d)</a>', everything)
    assert sorted(int(number) for number in shown) == list(range(len(pages)))


@pytest.mark.parametrize(
    "language, typed, title",
    [
        ("en", "firstaid", "Psychological first aid"),
        ("ar", "الاتجاربالبشر", "مؤشرات الاتجار بالبشر"),
        ("ru", "защитаданных", "Принципы защиты данных"),
    ],
)
def test_two_words_typed_without_the_space_find_the_page(
    search_engine, theme_page, language, typed, title
):
    english_title = {"en": title, "ar": "Trafficking indicators", "ru": "Data protection"}
    translations = {"en": (english_title[language], "A summary.", "Some text.")}
    if language != "en":
        translations[language] = (title, "ملخص" if language == "ar" else "Кратко.", "…")
    page = search_engine.publish(written_in(theme_page, translations))
    search_engine.publish(
        written_in(theme_page, {"en": ("Firearms and first contact", "Other.", "Text.")})
    )

    results = engine.search(typed, language)

    assert [hit.object_id for hit in results.hits][:1] == [page.pk]
    # The whole word, when the index holds it, is never split.
    assert query.split_joined("psychological", "en") == "psychological"


def test_a_real_word_the_pages_lack_is_not_split_into_a_stem_and_an_ending(
    search_engine, theme_page
):
    spanish = ("Normas mínimas", "Las personas están en riesgo.", "Hay que dar información.")
    english = ("Minimum standards", "People are at risk.", "Give information.")
    search_engine.publish(written_in(theme_page, {"en": english, "es": spanish}))

    # The index holds "están" and the stem of "dar", but "dares" is no word of its pages.
    assert query.split_joined("estándares", "es") == "estándares"
    # Two of its words typed as one are still written apart.
    assert query.split_joined("riesgoinformación", "es") == "riesgo informacion"


def test_a_word_that_only_makes_a_question_is_not_split(search_engine, theme_page):
    english = ("Signs of exploitation", "Some are at risk.", "One in five workers.")
    search_engine.publish(written_in(theme_page, {"en": english}))

    # No page says "someone"; split, its halves found every page with "some" or "one".
    assert query.split_joined("signs someone is exploited", "en") == "signs someone is exploited"
    assert query.split_joined("someexploitation", "en") == "some exploitation"


def test_chinese_words_typed_together_are_not_read_as_the_pair_that_joins_them(
    search_engine, theme_page
):
    # "人口贩运迹象" (signs of trafficking): "运迹" is no word, only where one page happens
    # to write the two words side by side.
    def page(title, summary, body):
        return search_engine.publish(
            written_in(
                theme_page,
                {"en": (f"Page {title}", "Summary.", "Body."), "zh-hans": (title, summary, body)},
            )
        )

    answer = page("识别人口贩运的迹象", "人口贩运的常见迹象。", "发现这些迹象时如何应对。")
    side_by_side = page("回返咨询", "回返前的咨询。", "咨询员筛查了人口贩运迹象，并转介了他。")
    for number in range(4):
        page(f"打击人口贩运{number}", "人口贩运的受害者。", "注意健康状况的迹象。")

    found = engine.search("人口贩运迹象", "zh-hans").hits

    assert [hit.object_id for hit in found][:1] == [answer.pk]
    assert side_by_side.pk in [hit.object_id for hit in found]


def test_a_word_that_is_a_stem_and_a_word_of_the_pages_is_not_split(search_engine, theme_page):
    english = ("The case management cycle", "One case, one plan.", "Evacuation of migrants.")
    search_engine.publish(written_in(theme_page, {"en": english}))

    # "cycl" is how the index holds "cycle", and "one" a word of the page, but no page
    # says "cycl": "cyclone" stays whole, and the case management cycle is not about it.
    assert query.split_joined("cyclone evacuation", "en") == "cyclone evacuation"
    # A word of the pages and the next typed as one are still written apart.
    assert query.split_joined("cycleevacuation", "en") == "cycle evacuation"


def test_a_word_that_names_a_kind_does_not_outweigh_what_the_query_is_about(
    search_engine, theme_page
):
    referring = (
        "Referring to mental health services",
        "When and how to refer a migrant for mental health care.",
        "Ask for consent before any referral.",
    )
    form = (
        "Best interests assessment form",
        "A form to record a child's best interests assessment, health included.",
        "Note any mental health need and the referral made.",
    )
    for page in (
        written_in(theme_page, {"en": referring}),
        written_in(theme_page, {"en": form}, factory=ToolPageFactory),
        written_in(theme_page, {"en": ("Referral pathways", "Who refers to whom.", "Health.")}),
    ):
        search_engine.publish(page)

    found = engine.search("mental health referral form", "en")

    # "form" asks for a tool, but the form on another subject holds every word typed: the
    # page on mental health referral still comes first, and the form is still found.
    assert titles(found)[0] == "Referring to mental health services"
    assert "Best interests assessment form" in titles(found)


def test_the_page_about_a_question_comes_before_one_that_only_mentions_each_word(
    search_engine, theme_page
):
    about = (
        "Access to essential health care regardless of status",
        "Undocumented migrants can receive health care in every clinic.",
        "Nobody is turned away from care for lack of papers.",
    )
    in_passing = (
        "Case management standards",
        "What every case worker does, from intake to closure.",
        "Record the intake. Refer medical needs. Plan care with the person. Undocumented "
        "people fear records, so explain them. Review the plan with migrants each month. "
        "Close the case when the plan is met, and keep the record safe for five years.",
    )
    for page in (
        written_in(theme_page, {"en": about}),
        written_in(theme_page, {"en": in_passing}),
        written_in(theme_page, {"en": ("Referral pathways", "Who refers.", "Migrants.")}),
        written_in(theme_page, {"en": ("Evacuation", "Leaving a crisis.", "Migrants.")}),
    ):
        search_engine.publish(page)

    found = engine.search("medical care for undocumented migrants", "en")

    # The standards say each of the four words once, in passing; the page on health care
    # lacks "medical" but is about the question. Holding every word counts, as one reason
    # among others, not as a rank of its own.
    assert titles(found)[:2] == [about[0], in_passing[0]]
