"""The search page and its suggestions on the embedded default (the database engine)."""

import datetime
import re

import pytest

from django.utils import translation
from django.utils.translation import gettext

from guidance.models import GlossaryPage, GlossaryTerm
from search.elastic_queries import MAX_QUERY_LENGTH
from tests.conftest import publish
from tests.factories import GuidancePageFactory
from tests.search.conftest import written_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.embedded,
    pytest.mark.usefixtures("database_engine"),
]


def html_of(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def hit_titles(page_html):
    """The result titles in the order shown, tags removed."""
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(
            r'<li class="card search-hit">.*?<h3><a [^>]*>(.*?)</a></h3>', page_html, re.S
        )
    ]


def in_french(message):
    with translation.override("fr"):
        return gettext(message)


def test_a_french_reader_gets_french_results_then_english_ones_labelled(client, theme_page):
    publish(
        written_in(
            theme_page,
            {
                "en": ("Migrants at sea", "Rescue at sea.", "Boats."),
                "fr": ("Migrants en mer", "Sauvetage en mer.", "Bateaux."),
            },
        )
    )
    publish(written_in(theme_page, {"en": ("Migrants in cities", "Urban work.", "Shelters.")}))

    page_html = html_of(client, "/fr/search/", {"q": "migrants"})

    main, fallback = page_html.split('<section class="other-languages"', 1)
    assert hit_titles(main) == ["Migrants en mer"]
    assert "<mark>Migrants</mark> en mer" in main
    assert "1 résultat" in main or "1 result" in main
    assert hit_titles(fallback) == ["Migrants in cities"]
    # The English item is marked as English inside the French page; the section is French.
    assert 'lang="en" dir="ltr"><mark>Migrants</mark> in cities</a>' in fallback
    assert in_french("Available in:") in fallback
    english = html_of(client, "/en/search/", {"q": "migrants"})
    assert sorted(hit_titles(english)) == ["Migrants at sea", "Migrants in cities"]
    assert 'class="other-languages"' not in english


def test_a_misspelt_word_finds_the_page_and_offers_the_word_as_written(client, theme_page):
    publish(written_in(theme_page, {"en": ("Border screening", "Screening.", "Steps.")}))

    page_html = html_of(client, "/en/search/", {"q": "screaning"})

    assert hit_titles(page_html) == ["Border screening"]
    assert 'Did you mean: <a href="?q=screening">screening</a>?' in page_html
    assert "reduced mode" not in page_html
    assert "Simple search" not in page_html  # the database engine is no longer "as written"
    assert "Did you mean" not in html_of(client, "/en/search/", {"q": "screening"})


def test_a_short_word_no_page_uses_is_not_corrected_into_a_common_one(client, theme_page):
    """"war" is no typo of "was": a word of fewer than four letters stays as typed, as
    on Elasticsearch, so the reader is not asked about "migrants in a was zone"."""
    publish(
        written_in(
            theme_page,
            {"en": ("Migrants in crisis zones", "Crisis.", "Help was slow in the zone.")},
        )
    )

    page_html = html_of(client, "/en/search/", {"q": "migrants in a war zone"})

    assert hit_titles(page_html) == ["Migrants in crisis zones"]
    assert "Did you mean" not in page_html


@pytest.fixture
def passports(theme_page):
    """Twelve results over two pages, one a year from 2013 (the newest first by date)."""
    pages = []
    for number in range(12):
        page = written_in(
            theme_page,
            {"en": (f"Passport case {number:02d}", "Passports.", "Lost passport.")},
        )
        page.publication_date = datetime.date(2013 + number, 1, 1)
        pages.append(publish(page))
    return pages


@pytest.mark.parametrize("raw", ["abc", "-1", "0", "", "1.5", "1e3", "١"])
def test_a_page_number_that_is_not_one_gives_the_first_page(client, passports, raw):
    page_html = html_of(client, "/en/search/", {"q": "passport", "page": raw})

    assert "12 results for “passport”" in page_html
    assert len(hit_titles(page_html)) == 10
    assert "Page 1 of 2" in page_html
    assert 'rel="prev"' not in page_html and 'rel="next"' in page_html


@pytest.mark.parametrize("raw", ["2", "3", "9999", "99999999999999999999"])
def test_a_page_number_past_the_end_gives_the_last_page(client, passports, raw):
    page_html = html_of(client, "/en/search/", {"q": "passport", "page": raw})

    assert "12 results for “passport”" in page_html
    assert len(hit_titles(page_html)) == 2
    assert "Page 2 of 2" in page_html
    assert '<ol class="cards search-results" start="11">' in page_html
    assert re.search(r'href="\?[^"]*page=1[^"]*" rel="prev"', page_html)
    assert 'rel="next"' not in page_html


def test_sorting_by_date_shows_the_newest_first(client, passports, theme_page):
    undated = written_in(theme_page, {"en": ("Passport undated", "Passports.", "No date.")})
    publish(undated)

    by_date = hit_titles(html_of(client, "/en/search/", {"q": "passport", "sort": "date"}))
    second = hit_titles(
        html_of(client, "/en/search/", {"q": "passport", "sort": "date", "page": "2"})
    )

    assert by_date + second == [f"Passport case {number:02d}" for number in range(11, -1, -1)] + [
        "Passport undated"
    ]
    assert 'value="date" checked' in html_of(
        client, "/en/search/", {"q": "passport", "sort": "date"}
    )


def test_a_long_query_is_shortened_and_says_so(client, passports):
    query = "passport " * 40  # 360 characters

    page_html = html_of(client, "/en/search/", {"q": query})

    assert "only its first 200 characters were used" in page_html
    assert "12 results for" in page_html
    assert f'value="{query.strip()[:MAX_QUERY_LENGTH]}"' in page_html
    assert "first 200 characters" not in html_of(client, "/en/search/", {"q": "passport"})


# Suggestions as you type -----------------------------------------------------------------


@pytest.fixture
def glossary(home):
    page = GlossaryPage(title="Glossary", slug="glossary")
    home.add_child(instance=page)
    publish(page)
    GlossaryTerm.objects.create(
        key="tip",
        term="Trafficking in persons (TIP)",
        term_fr="Traite des personnes (TIP)",
        definition="Recruitment by force.",
    )
    GlossaryTerm.objects.create(key="avrr", term="Assisted voluntary return", definition="…")
    return page


def test_suggestions_are_titles_and_glossary_terms_never_drafts(client, theme_page, glossary):
    live = publish(written_in(theme_page, {"en": ("Trafficking indicators", "Signs.", "Signs.")}))
    written_in(theme_page, {"en": ("Trafficking draft notes", "Draft.", "Draft.")})
    GuidancePageFactory(parent=theme_page, title="Trafficking unpublished", live=False)

    suggestions = client.get("/en/search/suggest/", {"q": "traffick"}).json()["suggestions"]

    assert suggestions == [
        {"label": "Trafficking indicators", "url": live.url, "kind": "guidance"},
        {
            "label": "Trafficking in persons (TIP)",
            "url": f"{glossary.url}#term-tip",
            "kind": "glossary",
        },
    ]
    french = client.get("/fr/search/suggest/", {"q": "traite"}).json()["suggestions"]
    assert [item["label"] for item in french] == ["Traite des personnes (TIP)"]
    assert client.get("/en/search/suggest/", {"q": "t"}).json() == {"suggestions": []}
    assert client.get("/en/search/suggest/").json() == {"suggestions": []}


# The search box -------------------------------------------------------------------------


SEARCH_FORM = re.compile(
    r'<form class="site-search" role="search" action="(?P<action>[^"]+)" method="get">'
    r"(?P<body>.*?)</form>",
    re.S,
)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_page_has_a_search_box_that_works_without_javascript(
    client, home, theme_page, glossary, language
):
    guidance = publish(written_in(theme_page, {"en": ("Referral pathways", "Refer.", "Refer.")}))
    with translation.override(language):
        urls = [home.url, theme_page.url, guidance.url, glossary.url, f"/{language}/search/"]

    for url in urls:
        page_html = html_of(client, url)
        (form,) = SEARCH_FORM.finditer(page_html)
        assert form["action"] == f"/{language}/search/", url
        (name,) = re.findall(r'<input id="site-search-q" type="search" name="(\w+)"', form["body"])
        assert '<button type="submit">' in form["body"]
        # What a browser without JavaScript sends when the reader presses the button.
        results = html_of(client, form["action"], {name: "referral"})
        assert hit_titles(results) == ["Referral pathways"], url


def test_chinese_is_found_inside_a_sentence_by_the_database_engine(client, theme_page):
    from search import database
    from search.results import Query

    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How.", live=False)
    page.title_zh_hans, page.summary_zh_hans, page.slug_zh_hans = (
        "识别人口贩运的迹象",
        "如何在边境识别人口贩运受害者。",
        "shibie",
    )
    publish(page)

    results = database.search(Query(text="人口贩运", language="zh-hans"), {}, "relevance", 0, 10)

    assert [hit.object_id for hit in results.hits] == [page.pk]
    assert "识别<mark>人口贩运</mark>的迹象" in results.hits[0].title_html
    smuggling = Query(text="人口走私", language="zh-hans")
    assert database.search(smuggling, {}, "relevance", 0, 10).total == 0
