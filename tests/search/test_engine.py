"""The real Elasticsearch from `make services`: what a reader finds, in each language."""

import html
import json
import re
import socket
import urllib.request

import pytest
from elasticsearch import Elasticsearch
from opensearchpy import OpenSearch

from django.conf import settings

from wagtail.models import PageViewRestriction

from search import connection, engine
from search.connection import distribution
from search.elastic import ElasticIndex
from tests.factories import GuidancePageFactory
from tests.search.conftest import written_in

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def found(query, language, **kwargs):
    results = engine.search(query, language, **kwargs)
    assert results.engine == "elasticsearch" and not results.degraded
    return results


def shown_text(response):
    return html.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


def ids(results):
    return [hit.object_id for hit in results.hits]


def decoded(body):
    return [json.loads(line) for line in body.decode().splitlines()]


def searches_sent(monkeypatch):
    """The msearch bodies sent to Elasticsearch from now on, as a list that fills up."""
    sent = []
    make = connection.SentSearch.__init__
    monkeypatch.setattr(
        connection.SentSearch,
        "__init__",
        lambda self, *args: sent.append(decoded(args[-1])) or make(self, *args),
    )
    return sent


def test_the_engine_is_a_real_elasticsearch_7_10_or_opensearch_2_19_node():
    """The two engines of the test matrix (tools/run-tests), each with its own client."""
    url = settings.ELASTICSEARCH_URL.split(",")[0]
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
        version = json.load(response)["version"]
    kind = version.get("distribution", "elasticsearch")

    assert (kind, version["number"]) in {("elasticsearch", "7.10.2"), ("opensearch", "2.19.1")}
    assert version.get("build_flavor", "default") == "default"
    assert distribution(settings.ELASTICSEARCH_URL) == kind
    client = ElasticIndex().client
    assert type(client) is (OpenSearch if kind == "opensearch" else Elasticsearch)
    assert client.info()["version"]["number"] == version["number"]


def test_a_connection_the_node_dropped_between_two_searches_still_finds_the_results(
    elastic, theme_page
):
    """A reader's search goes out on the connection kept from the process's last one
    (connection.SentSearch). When it has died meanwhile (the node restarted, a network
    device closed it), the search is asked again: results, not the database's stand-in."""
    page = GuidancePageFactory(
        parent=theme_page, title="Quarantine logistics handbook", summary="Quarantine.", live=False
    )
    elastic.publish(page)
    assert ids(found("quarantine", "en")) == [page.pk]
    for kept in connection._kept.by_node.values():
        kept.sock.shutdown(socket.SHUT_RDWR)

    assert ids(found("quarantine", "en")) == [page.pk]
    assert ids(found("quarantine", "en")) == [page.pk]  # and on the new one after it


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_the_search_page_asks_elasticsearch_once_before_its_view_runs(
    elastic, theme_page, client, monkeypatch, language
):
    """search.middleware.SendSearchEarly sends the search in the language of the address's
    prefix; the view shows its answer rather than asking again (here the English page, in
    the other-language section of an Arabic or Chinese search)."""
    page = GuidancePageFactory(
        parent=theme_page, title="Quarantine logistics handbook", summary="Quarantine.", live=False
    )
    elastic.publish(page)
    sent = searches_sent(monkeypatch)

    response = client.get(f"/{language}/search/", {"q": "quarantine"})

    assert response.status_code == 200
    assert "Quarantine logistics handbook" in shown_text(response)
    assert len(sent) == 1


def test_an_unreadable_search_address_is_refused_without_asking_elasticsearch(
    elastic, client, monkeypatch
):
    sent = searches_sent(monkeypatch)

    response = client.get("/en/search/", {"q": "quarantine\x01"})

    assert response.status_code == 400
    assert sent == []


def test_a_search_refused_after_it_was_sent_leaves_the_next_reader_unharmed(
    elastic, theme_page, client, settings, monkeypatch
):
    """A search sent early whose request is then refused (here a blocked user agent) gives
    up its connection: the next reader's search goes out on a fresh one and is answered
    there, not asked a second time."""
    page = GuidancePageFactory(
        parent=theme_page, title="Quarantine logistics handbook", summary="Quarantine.", live=False
    )
    elastic.publish(page)
    settings.DISALLOWED_USER_AGENTS = [re.compile("BlockedCrawler")]
    asked_again = []
    ask_again = connection.SentSearch._ask_again
    monkeypatch.setattr(
        connection.SentSearch, "_ask_again", lambda self: asked_again.append(1) or ask_again(self)
    )

    refused = client.get("/en/search/", {"q": "quarantine"}, HTTP_USER_AGENT="BlockedCrawler")
    response = client.get("/en/search/", {"q": "quarantine"})

    assert refused.status_code == 403
    assert response.status_code == 200
    assert "Quarantine logistics handbook" in shown_text(response)
    assert asked_again == []


def test_published_page_is_found_and_unpublished_page_is_not(elastic, theme_page):
    page = GuidancePageFactory(
        parent=theme_page, title="Quarantine logistics handbook", summary="Quarantine.", live=False
    )
    elastic.publish(page)

    results = found("quarantine", "en")
    assert [hit.object_id for hit in results.hits] == [page.pk]
    assert "<mark>Quarantine</mark> logistics handbook" in results.hits[0].title_html

    elastic.unpublish(page)

    gone = found("quarantine", "en")
    assert gone.total == 0 and gone.hits == []


# Per-language analysis ---------------------------------------------------------------
# Each test checks the <mark> in the title as well as the hit: the title is matched by
# its language's analyzer, not by the typo-tolerant field (which is never highlighted).


def test_french_plural_finds_the_singular_and_the_singular_the_plural(elastic, theme_page):
    page = written_in(
        theme_page,
        {
            "en": ("Unaccompanied child", "Who looks after the child.", "At the border."),
            "fr": (
                "Protection de l'enfant migrant",
                "Qui s'occupe de l'enfant.",
                "Les agents aux frontières orientent.",
            ),
        },
    )
    elastic.publish(page)

    plural = found("enfants migrants", "fr")
    singular = found("frontière", "fr")
    unaccented = found("frontieres", "fr")

    assert ids(plural) == [page.pk]
    assert plural.hits[0].title_html == (
        "Protection de <mark>l&#x27;enfant</mark> <mark>migrant</mark>"
    )
    assert ids(singular) == [page.pk] and "<mark>frontières</mark>" in singular.hits[0].snippet_html
    assert ids(unaccented) == [page.pk]
    # The English text is not searched for a French reader.
    assert found("child", "fr").total == 0


def test_arabic_letter_variants_find_each_other(elastic, theme_page):
    page = written_in(
        theme_page,
        {
            "en": ("Protecting children from trafficking", "State duties.", "Care."),
            "ar": (
                "حماية الأطفال من الإتجار",
                "واجبات الدولة.",
                "رعاية الضحايا.",
            ),
        },
    )
    elastic.publish(page)

    for query in ("إتجار", "اتجار", "الاتجار"):  # with and without hamza, with the article
        results = found(query, "ar")
        assert ids(results) == [page.pk], query
        assert "<mark>الإتجار</mark>" in results.hits[0].title_html
    for query in ("حماية", "حمايه"):  # ta marbuta and ha
        results = found(query, "ar")
        assert ids(results) == [page.pk], query
        assert results.hits[0].title_html.startswith("<mark>حماية</mark>")
    # A four-letter word gets no typo tolerance: only the ta marbuta folding finds it.
    assert ids(found("دوله", "ar")) == [page.pk]
    assert ids(found("اطفال", "ar")) == [page.pk]  # أطفال without its hamza


def test_russian_inflections_find_each_other(elastic, theme_page):
    nominative = written_in(
        theme_page,
        {
            "en": ("Trafficking in persons", "Definitions.", "Terms."),
            "ru": ("Торговля людьми", "Определения.", "Основные термины."),
        },
    )
    instrumental = written_in(
        theme_page,
        {
            "en": ("Fighting trafficking", "What works.", "Cases."),
            "ru": ("Борьба с торговлей органами", "Что работает.", "Примеры."),
        },
    )
    elastic.publish(nominative)
    elastic.publish(instrumental)

    for query in ("торговля", "торговли", "торговлей", "ТОРГОВЛЕ"):
        results = found(query, "ru")
        assert sorted(ids(results)) == sorted([nominative.pk, instrumental.pk]), query
    titles = {hit.object_id: hit.title_html for hit in found("торговли", "ru").hits}
    assert titles[nominative.pk] == "<mark>Торговля</mark> людьми"
    assert titles[instrumental.pk] == "Борьба с <mark>торговлей</mark> органами"
    assert ids(found("определение", "ru")) == [nominative.pk]  # "Определения." in the summary


def test_chinese_words_are_found_inside_sentences_without_spaces(elastic, theme_page):
    page = written_in(
        theme_page,
        {
            "en": ("Identifying victims", "At the border.", "Victims of trafficking."),
            "zh-hans": (
                "识别受害者",
                "边境工作人员指南。",
                "边境地区的人口贩运受害者需要及时的保护和援助。",
            ),
        },
    )
    other = written_in(
        theme_page,
        {
            "en": ("Smuggling", "Not trafficking.", "Smuggling of migrants."),
            "zh-hans": ("偷运移民", "与贩运不同。", "偷运移民是一种跨境犯罪。"),
        },
    )
    elastic.publish(page)
    elastic.publish(other)

    results = found("人口贩运", "zh-hans")

    assert ids(results) == [page.pk]
    assert "<mark>" in results.hits[0].snippet_html
    assert ids(found("受害者", "zh-hans")) == [page.pk]
    assert ids(found("跨境犯罪", "zh-hans")) == [other.pk]
    # Sharing one character pair is not enough: 人口走私 (people smuggling) is not here.
    assert found("人口走私", "zh-hans").total == 0


def test_english_words_are_stemmed(elastic, theme_page):
    page = written_in(
        theme_page,
        {"en": ("Screening arrivals", "How officers screen.", "Interviews with families.")},
    )
    elastic.publish(page)

    results = found("screened arrival", "en")

    assert ids(results) == [page.pk]
    assert results.hits[0].title_html == "<mark>Screening</mark> <mark>arrivals</mark>"
    assert ids(found("interviewing family", "en")) == [page.pk]


# Tolerance -----------------------------------------------------------------------------


def test_typos_are_forgiven_in_longer_words_but_not_in_short_ones(elastic, theme_page):
    page = written_in(
        theme_page,
        {"en": ("Trafficking indicators", "Camp safety.", "Signs to notice in a camp.")},
    )
    elastic.publish(page)

    assert ids(found("traficking", "en")) == [page.pk]  # one letter missing
    assert ids(found("indicatros", "en")) == [page.pk]  # two letters swapped
    assert found("camo", "en").total == 0  # "camp" is too short to guess
    assert found("sgns", "en").total == 0


def test_a_question_with_misspelt_words_finds_the_page_without_its_question_words(
    elastic, theme_page
):
    page = written_in(
        theme_page,
        {"en": ("Trafficking indicators", "Camp safety.", "Signs to notice in a camp.")},
    )
    elastic.publish(page)

    # "what", "are", "the", "of" are not on the page: only the two misspelt words count.
    assert ids(found("what are the indicatros of traficking", "en")) == [page.pk]


def test_a_misspelt_query_with_no_result_gets_a_suggestion_that_finds_something(
    elastic, client, theme_page
):
    page = written_in(
        theme_page,
        {"en": ("Emergency shelter standards", "Space and privacy.", "Minimum floor space.")},
    )
    elastic.publish(page)

    missed = found("shaltir", "en")  # two letters wrong: too far for a seven-letter word

    assert missed.total == 0
    assert missed.suggestion == "shelter"
    assert ids(found(missed.suggestion, "en")) == [page.pk]
    response = client.get("/en/search/", {"q": "shaltir"})
    assert response.status_code == 200
    assert 'Did you mean: <a href="?q=shelter">shelter</a>' in response.content.decode()


def test_a_word_no_page_uses_is_not_corrected_into_a_word_two_letters_away(elastic, theme_page):
    """ "sick" is no page's word, and "such" is two letters from it: too far for a word
    of four letters to be its typo, so the reader is not asked whether they meant
    "voluntary return for such migrants". A typo within reach still is corrected."""
    page = written_in(
        theme_page,
        {"en": ("Voluntary return", "Return for migrants.", "Such migrants may go home.")},
    )
    elastic.publish(page)

    asked = found("voluntary return for sick migrants", "en")
    misspelt = found("voluntary retrun", "en")

    assert ids(asked) == [page.pk]
    assert asked.suggestion == ""
    assert misspelt.suggestion == "voluntary return"


def test_a_word_typed_without_its_accent_is_not_corrected_into_the_accented_one(
    elastic, theme_page
):
    """ "victima" for "víctima" is how many readers type: the search reads it as the same
    word, and "did you mean" has nothing to offer for it; a real typo still gets one."""
    # The first result lacks "derivar", which makes "did you mean" look for better words;
    # the second has them all.
    shelters = written_in(
        theme_page,
        {
            "en": ("Shelters", "Shelter.", "Shelter."),
            "es": ("Albergues para víctimas", "Un albergue por víctima.", "Albergue seguro."),
        },
    )
    cases = written_in(
        theme_page,
        {
            "en": ("Cases", "Cases.", "Cases."),
            "es": ("Casos", "Casos.", "Derivar a la víctima a un albergue."),
        },
    )
    elastic.publish(shelters)
    elastic.publish(cases)

    unaccented = found("derivar una victima a un albergue", "es")
    misspelt = found("derivar una victma a un albergue", "es")

    assert ids(unaccented)[:2] == [shelters.pk, cases.pk]
    assert unaccented.suggestion == ""
    assert misspelt.suggestion == "derivar una víctima a un albergue"


def test_a_chinese_question_with_a_misspelt_latin_word_gets_that_word_corrected(
    elastic, theme_page
):
    # Chinese text names programmes and acronyms in Latin letters; the question word that
    # leaves the query ("如何", how) must not shift where the correction goes.
    page = written_in(
        theme_page,
        {
            "en": ("Shelter", "Space.", "Floor space."),
            "zh-hans": ("临时庇护所 shelter 标准", "空间与隐私。", "最低面积。"),
        },
    )
    elastic.publish(page)

    missed = found("如何 shaltir", "zh-hans")

    assert missed.total == 0
    assert missed.suggestion == "shelter"
    assert ids(found(missed.suggestion, "zh-hans")) == [page.pk]


def test_a_query_that_finds_its_page_is_not_second_guessed(elastic, theme_page):
    page = written_in(
        theme_page,
        {
            "en": ("The child", "One child.", "A child."),
            "fr": ("L'enfant migrant", "Les enfants.", "Des enfants migrants."),
        },
    )
    elastic.publish(page)

    results = found("enfant", "fr")

    assert ids(results) == [page.pk]
    assert results.suggestion == ""


# English fallback --------------------------------------------------------------------


def test_english_only_results_come_after_and_apart_for_a_french_reader(elastic, client, theme_page):
    translated = written_in(
        theme_page,
        {
            "en": ("Child protection at sea", "Rescue.", "Disembarkation."),
            "fr": ("Protection de l'enfance en mer", "Sauvetage.", "Débarquement."),
        },
    )
    english_only = written_in(
        theme_page, {"en": ("Child protection in cities", "Urban.", "Shelters.")}
    )
    elastic.publish(translated)
    elastic.publish(english_only)

    results = found("protection", "fr")

    assert ids(results) == [translated.pk] and results.total == 1
    assert results.hits[0].title_html.startswith("<mark>Protection</mark> de l")
    assert [hit.object_id for hit in results.english_hits] == [english_only.pk]
    assert results.english_total == 1
    assert results.english_hits[0].english_only
    assert results.english_hits[0].title_html == "Child <mark>protection</mark> in cities"
    # A reader in English gets both, in one list.
    english = found("protection", "en")
    assert sorted(ids(english)) == sorted([translated.pk, english_only.pk])
    assert english.english_hits == []

    page_html = client.get("/fr/search/", {"q": "protection"}).content.decode()
    main, fallback = page_html.split('<section class="other-languages"', 1)
    assert "Protection</mark> de l" in main and "in cities" not in main
    # The French page marks the English title as English, and says what exists.
    assert 'lang="en" dir="ltr">Child <mark>protection</mark> in cities</a>' in fallback
    assert "Disponible en" in fallback and '<span lang="en" dir="ltr">English</span>' in fallback
    assert "en mer" not in fallback


def test_the_page_about_the_words_comes_first_and_weaker_matches_under_more_results(
    elastic, client, theme_page
):
    about = written_in(
        theme_page,
        {"en": ("Debt bondage indicators", "Signs of debt bondage.", "Recruitment debts.")},
    )
    mention = written_in(
        theme_page,
        {"en": ("Shelters", "Places to stay.", "Residents may owe debts to recruiters.")},
    )
    elastic.publish(about)
    elastic.publish(mention)

    page_html = client.get("/en/search/", {"q": "debt bondage indicators"}).content.decode()

    first, more = page_html.split('<section class="more-results"', 1)
    assert "<mark>Debt</mark> <mark>bondage</mark> <mark>indicators</mark>" in first
    assert "Shelters" not in first
    assert ">More results</h2>" in more and "Shelters" in more
    # The weaker match lacks words, and says so; the page about them does not.
    assert more.count("Not all of your words") == 1 and "Not all of your words" not in first


# Highlights --------------------------------------------------------------------------


def _tags(markup):
    return set(re.findall(r"</?[a-zA-Z][^>]*>", markup))


def _text(markup):
    return html.unescape(re.sub(r"</?mark>", "", markup))


def test_highlights_escape_the_text_and_add_only_mark_tags(elastic, client, theme_page):
    title = 'Handling <script>alert("t")</script> & <b>bold</b> shelters'
    page = GuidancePageFactory(
        parent=theme_page,
        live=False,
        title=title,
        summary="Summary <i>about</i> shelters.",
        body=[
            (
                "paragraph",
                "<p>Type &lt;script&gt;alert(1)&lt;/script&gt; or &lt;b&gt;x&lt;/b&gt;"
                " into shelters &amp; camps.</p>",
            )
        ],
    )
    elastic.publish(page)

    (hit,) = found("shelters", "en").hits

    assert _tags(hit.title_html) == {"<mark>", "</mark>"}
    assert _tags(hit.snippet_html) == {"<mark>", "</mark>"}
    assert _text(hit.title_html) == title
    assert (
        _text(hit.snippet_html)
        == "Type <script>alert(1)</script> or <b>x</b> into shelters & camps."
    )
    page_html = client.get("/en/search/", {"q": "shelters"}).content.decode()
    results = page_html.split('class="results"', 1)[1]
    assert "<script>alert" not in results and "<b>" not in results
    assert "&lt;script&gt;alert(" in results
    assert "Simple search" not in page_html  # the embedded default's notice only


# Failures ------------------------------------------------------------------------------


def test_a_missing_index_is_answered_from_the_database(elastic, client, theme_page):
    page = elastic.publish(
        written_in(theme_page, {"en": ("Cross-border referrals", "Refer.", "Referral.")})
    )
    elastic.client.indices.delete(index=elastic.current_index())  # e.g. lost with its node

    results = engine.search("referrals", "en")

    assert results.degraded and results.engine == "database"
    assert ids(results) == [page.pk]
    response = client.get("/en/search/", {"q": "referrals"})
    assert response.status_code == 200
    assert "Search is running in a reduced mode" in response.content.decode()


# Pages hidden after a search found them ------------------------------------------------


@pytest.mark.parametrize("hide", ["unpublish", "restrict"])
def test_a_page_hidden_after_it_was_found_is_not_shown_while_the_index_still_holds_it(
    elastic, client, theme_page, hide
):
    page = elastic.publish(
        written_in(theme_page, {"en": ("Lantern handbook", "Lanterns.", "Lantern safety.")})
    )
    found = client.get("/en/search/", {"q": "lantern"}).content.decode()
    assert "<mark>Lantern</mark> handbook" in found

    # Hidden; its update for Elasticsearch waits in the queue (nothing commits in a test).
    if hide == "unpublish":
        page.unpublish()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    index = engine.elastic_index()
    index.client.indices.refresh(index=index.alias)
    lantern = {"query": {"match": {"title_en": "lantern"}}}
    assert index.client.count(index=index.alias, body=lantern)["count"] == 1

    html = client.get("/en/search/", {"q": "lantern"}).content.decode()
    assert "<mark>Lantern</mark> handbook" not in html and page.url not in html
