"""What readers notice of the database engine (the embedded default, and the fallback while
Elasticsearch is down): words found in all their forms, ranked, highlighted as words."""

import datetime
import io
import re

import pytest

from django.core.management import call_command

from search import database, engine, vocabulary
from search.models import SearchTerm, SearchWord, Synonym
from search.results import Query
from tests.conftest import publish
from tests.factories import StandardPageFactory, ToolPageFactory
from tests.search.conftest import titles, written_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.embedded,
    pytest.mark.usefixtures("database_engine"),
]


@pytest.fixture
def library(theme_page):
    """Pages on trafficking and on children in five languages, and one on something else."""
    trafficking = publish(
        written_in(
            theme_page,
            {
                "en": (
                    "Identifying victims of trafficking",
                    "Signs that a person is trafficked.",
                    "Trafficking is rarely obvious.",
                ),
                "ru": (
                    "Признаки торговли людьми",
                    "Как распознать жертв.",
                    "Торговля людьми редко бывает очевидной.",
                ),
                "ar": (
                    "مؤشرات الاتجار بالبشر",
                    "كيف تتعرف على الضحايا.",
                    "نادرا ما يكون الاتجار واضحا.",
                ),
            },
        )
    )
    children = publish(
        written_in(
            theme_page,
            {
                "en": ("Protecting children", "Children on the move.", "Care for each child."),
                "ru": ("Защита детей", "Дети в пути.", "Забота о ребёнке."),
                "ar": ("حماية الأطفال", "الأطفال المتنقلون.", "رعاية كل طفل."),
            },
        )
    )
    other = publish(
        written_in(theme_page, {"en": ("Consular assistance", "Embassies.", "Passports.")})
    )
    return {"trafficking": trafficking, "children": children, "other": other}


def test_a_misspelt_word_finds_the_pages_of_the_word(library):
    results = engine.search("traficking", "en")

    assert titles(results) == ["Identifying victims of trafficking"]
    assert "<mark>trafficking</mark>" in results.hits[0].title_html


def test_arabic_without_hamza_or_article_finds_the_childrens_page(library):
    for query in ("اطفال", "الأطفال", "للأطفال", "والطفل", "طفل"):
        results = engine.search(query, "ar")

        assert titles(results) == ["حماية الأطفال"], query
    assert "حماية <mark>الأطفال</mark>" in engine.search("اطفال", "ar").hits[0].title_html


def test_russian_and_arabic_inflected_forms_find_their_pages(library):
    for query, language, title in [
        ("торговля", "ru", "Признаки торговли людьми"),
        ("торговлей людей", "ru", "Признаки торговли людьми"),
        ("дети", "ru", "Защита детей"),
        ("ребенка", "ru", "Защита детей"),
        ("الاتجار", "ar", "مؤشرات الاتجار بالبشر"),
        ("اتجار البشر", "ar", "مؤشرات الاتجار بالبشر"),
    ]:
        assert titles(engine.search(query, language)) == [title], query


def test_a_question_is_searched_for_its_subject(library):
    results = engine.search("How do I identify a victim of trafficking?", "en")

    assert titles(results)[0] == "Identifying victims of trafficking"


def test_chinese_results_are_ranked_by_relevance_not_by_date(theme_page):
    about_it = written_in(
        theme_page,
        {"en": ("Signs", "Signs.", "Signs."), "zh-hans": ("识别人口贩运", "人口贩运的迹象。", "")},
    )
    about_it.publication_date = datetime.date(2015, 1, 1)
    publish(about_it)
    in_passing = written_in(
        theme_page,
        {
            "en": ("Shelters", "Shelters.", "."),
            "zh-hans": ("庇护所", "庇护所也接待人口贩运受害者。", ""),
        },
    )
    in_passing.publication_date = datetime.date(2025, 1, 1)
    publish(in_passing)

    results = engine.search("人口贩运", "zh-hans")

    assert titles(results) == ["识别人口贩运", "庇护所"]
    assert titles(engine.search("人口贩运", "zh-hans", sort="date")) == ["庇护所", "识别人口贩运"]


def test_a_rebuild_reads_every_word_by_the_analysis_of_the_day(theme_page):
    page = publish(written_in(theme_page, {"en": ("Care without papers", "Clinics.", "Care.")}))
    # The index as an earlier analysis wrote it, when "papers" was stemmed to "paper".
    SearchTerm.objects.filter(entry__language="en", term="papers").update(term="paper")
    SearchWord.objects.filter(language="en", word="papers").update(term="paper")

    call_command("rebuild_search", stdout=io.StringIO())

    assert SearchWord.objects.get(language="en", word="papers").term == "papers"
    found = engine.search("papers", "en").hits
    assert [(hit.object_id, hit.partial) for hit in found] == [(page.pk, False)]


def test_pages_with_all_the_words_come_before_pages_with_some(theme_page):
    for title in ("Referral of children", "Children at borders", "Border referral of children"):
        publish(written_in(theme_page, {"en": (title, "A page.", "Text.")}))

    results = engine.search("children border referral", "en")

    assert titles(results)[0] == "Border referral of children"
    assert results.total == 3


def test_a_page_with_half_of_the_words_is_found_when_none_has_them_all(theme_page, client):
    # As on Elasticsearch: no French page says "période", the right one says "réflexion".
    def page(english, french):
        return publish(
            written_in(theme_page, {"en": (english, "A page.", "Text."), "fr": (french, "…", "…")})
        )

    found = page("Time to think", "Délai de réflexion")
    page("Expired passport", "Passeport périmé")

    results = engine.search("période de réflexion", "fr")

    assert results.hits[0].object_id == found.pk
    assert results.hits[0].partial
    # "périmé" is a close word of "période", but no page holds it with "réflexion".
    assert results.suggestion == ""
    # A page with both words comes first, the other after it, saying it lacks one.
    both = page("Reflection period", "Période de réflexion")
    results = engine.search("période de réflexion", "fr")
    assert [hit.object_id for hit in results.hits][:2] == [both.pk, found.pk]
    assert not results.hits[0].partial and results.hits[1].partial
    html = client.get("/fr/search/", {"q": "période de réflexion"}).content.decode()
    assert html.count("Pas tous vos mots") == len(results.hits) - 1


def test_a_page_titled_with_the_words_ranks_above_one_that_repeats_them_in_its_text(
    theme_page,
):
    # Two pages of the same length: one names the subject in its title, the other mentions
    # it again and again in its text, which alone would weigh more than a title does.
    neutral = "Staff read this page before they meet people at a border crossing point. "
    publish(
        written_in(
            theme_page,
            {
                "en": (
                    "Shelter standards",
                    "Trafficking indicators, and trafficking indicators again.",
                    "Trafficking indicators. " * 4 + neutral * 3,
                )
            },
        )
    )
    publish(written_in(theme_page, {"en": ("Trafficking indicators", neutral, neutral * 4)}))

    assert titles(engine.search("trafficking indicators", "en"))[0] == "Trafficking indicators"


def test_words_side_by_side_rank_above_the_same_words_apart(theme_page):
    publish(
        written_in(theme_page, {"en": ("Protection at the border", "Border staff.", "Protection.")})
    )
    publish(written_in(theme_page, {"en": ("Border protection", "Staff.", "Text.")}))

    assert titles(engine.search("border protection", "en"))[0] == "Border protection"


def test_highlights_mark_whole_words_only_and_escape_the_text(theme_page):
    publish(
        written_in(
            theme_page,
            {
                "en": ("Desks", "Desks.", "Desks."),
                "es": ("Ayuda de <b>emergencia</b>", "Apoyo desde el primer día de llegada.", ""),
            },
        )
    )

    results = engine.search("de", "es")

    hit = results.hits[0]
    assert hit.title_html == "Ayuda <mark>de</mark> &lt;b&gt;emergencia&lt;/b&gt;"
    assert "desde" in hit.snippet_html and "<mark>de</mark>sde" not in hit.snippet_html
    for html in (hit.title_html, hit.snippet_html):
        assert not re.search(r"\w<mark>|</mark>\w", html), html


def test_a_superseded_edition_comes_after_the_current_one(theme_page):
    current = publish(
        StandardPageFactory(parent=theme_page, title="Reception standards", summary="Shelter.")
    )
    old = StandardPageFactory(
        parent=theme_page,
        title="Reception standards: reception of migrants",
        summary="Reception shelter reception.",
        superseded_by=current,
    )
    publish(old)

    results = engine.search("reception", "en")

    assert [hit.object_id for hit in results.hits] == [current.pk, old.pk]
    assert [hit.superseded for hit in results.hits] == [False, True]


def test_an_alternative_phrasing_finds_its_pages_below_the_words_typed(theme_page):
    spelled_out = publish(
        written_in(theme_page, {"en": ("Unaccompanied children", "Alone.", "Care.")})
    )
    acronym = publish(written_in(theme_page, {"en": ("UASC checklist", "Forms.", "Steps.")}))
    query = Query(text="uasc", language="en", alternatives=["unaccompanied children"])

    results = database.search(query, {}, "relevance", 0, 10)

    assert [hit.object_id for hit in results.hits] == [acronym.pk, spelled_out.pk]


def test_a_translated_query_finds_what_exists_only_in_the_other_language(theme_page):
    both = publish(
        written_in(
            theme_page,
            {
                "en": ("Trafficking indicators", "Signs.", "Text."),
                "fr": ("Indicateurs de traite", "Signes.", "Texte."),
            },
        )
    )
    english_only = publish(
        written_in(theme_page, {"en": ("Trafficking and labour", "Work.", "Text.")})
    )
    query = Query(text="traite", language="fr", other_language="en", translated="trafficking")

    results = database.search(query, {}, "relevance", 0, 10)

    assert [hit.object_id for hit in results.hits] == [both.pk]
    assert [hit.object_id for hit in results.english_hits] == [english_only.pk]
    assert results.english_total == 1 and results.english_hits[0].english_only
    assert results.hits[0].languages == ["en", "fr"]


def test_did_you_mean_offers_a_more_frequent_close_word(library):
    results = engine.search("consolar", "en")

    assert results.suggestion == "consular"
    assert engine.search("consular", "en").suggestion == ""


def test_did_you_mean_leaves_the_editors_words_as_typed(library):
    # No page says "kids", but the editors' synonyms do: it is no typo for "kinds".
    parent = library["other"].get_parent()
    publish(written_in(parent, {"en": ("Kinds of help", "Help.", "…")}))
    publish(written_in(parent, {"en": ("Consular help for children", "Help.", "…")}))
    Synonym.objects.create(language="en", terms="kids, children")
    vocabulary.forget()

    results = engine.search("kids consolar", "en")

    assert results.suggestion == "kids consular"


def test_an_editors_word_ranks_by_its_meaning_not_by_a_close_word(theme_page):
    # "kids" is one letter from "kinds", and no page uses it; the editors say it means
    # "children".
    kinds = publish(written_in(theme_page, {"en": ("Kinds of help", "Help for all.", "…")}))
    children = publish(written_in(theme_page, {"en": ("Help for children", "Help.", "…")}))
    Synonym.objects.create(language="en", terms="kids, children")
    vocabulary.forget()

    results = engine.search("help for kids", "en")

    assert [hit.object_id for hit in results.hits][:1] == [children.pk]
    assert kinds.pk not in [hit.object_id for hit in results.hits if not hit.partial]


def test_a_rare_synonym_does_not_outrank_the_common_word_typed(theme_page):
    # Nearly every page speaks of children; one page on courts says "minors" once.
    about = publish(
        written_in(
            theme_page,
            {"en": ("Protecting children", "Children first.", "Children and their carers.")},
        )
    )
    for subject in ("health", "school", "shelter", "family"):
        publish(written_in(theme_page, {"en": (f"Help with {subject}", "Help.", "For children.")}))
    courts = publish(
        written_in(theme_page, {"en": ("Court hearings", "Hearings.", "Minors may attend.")})
    )
    Synonym.objects.create(language="en", terms="children, minors")
    vocabulary.forget()

    found = [hit.object_id for hit in engine.search("children", "en").hits]

    assert found[0] == about.pk
    assert found[-1] == courts.pk  # every page that holds the word typed comes first


def test_suggestions_as_you_type_complete_the_last_word_in_its_forms(library):
    assert [item["title"] for item in engine.autocomplete("traffi", "en")] == [
        "Identifying victims of trafficking"
    ]
    assert [item["title"] for item in engine.autocomplete("الأطف", "ar")] == ["حماية الأطفال"]
    assert [item["title"] for item in engine.autocomplete("защита де", "ru")] == ["Защита детей"]


def test_results_found_through_a_close_word_say_which_word(theme_page):
    for place in ("by sea", "by road", "by air"):
        publish(written_in(theme_page, {"en": (f"Evacuation {place}", "Routes.", "Plans.")}))

    results = engine.search("evacuaton", "en")  # plenty of results, none for the word typed

    assert results.total == 3 and results.suggestion == "evacuation"
    assert engine.search("evacuation", "en").suggestion == ""


def test_every_word_of_a_long_page_is_found_the_last_as_the_first(theme_page):
    # More distinct words than one statement writes on SQLite (database_index._insert).
    letters = "bcdfghjklmnpqrstvwxz"
    words = [f"zorb{a}{b}{c}" for a in letters[:3] for b in letters for c in letters[:10]]
    text = " ".join(["quokkafell", *words])
    long_page = publish(written_in(theme_page, {"en": ("Field notes", "Notes.", text)}))
    publish(written_in(theme_page, {"en": ("Other notes", "Notes.", "Nothing more.")}))

    for word in ("quokkafell", words[len(words) // 2], words[-1]):
        assert [hit.object_id for hit in engine.search(word, "en").hits] == [long_page.pk], word
    # A word edited into the page is found, one edited out no longer is.
    long_page.body_en = [("paragraph", "<p>" + " ".join([*words, "wombatrise"]) + "</p>")]
    publish(long_page)
    assert [hit.object_id for hit in engine.search("wombatrise", "en").hits] == [long_page.pk]
    assert engine.search("quokkafell", "en").total == 0


def test_a_word_naming_the_kind_wanted_is_marked_where_a_title_holds_it(theme_page):
    # "form" is weighed as the kind it names, not as the subject; the reader still sees
    # it marked, as on Elasticsearch, and a title holding it says more of the query.
    publish(
        written_in(
            theme_page,
            {"en": ("Mental health referral form", "To refer a person.", "Fields.")},
            factory=ToolPageFactory,
        )
    )

    results = engine.search("mental health referral form", "en")

    assert results.hits[0].title_html == (
        "<mark>Mental</mark> <mark>health</mark> <mark>referral</mark> <mark>form</mark>"
    )
