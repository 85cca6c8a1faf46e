"""What feed readers, API clients and search engines get: per language, public pages only."""

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from guidance.feeds import FEED_LENGTH
from tests.conftest import LANGUAGE_CODES, publish
from tests.factories import GuidancePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HOST = "http://testserver"


def url_in(page, language):
    with translation.override(language):
        return HOST + page.url


def english_in(language):
    """How the feed names English to a reader of `language`."""
    with translation.override(language):
        return str(dict(settings.LANGUAGES)["en"])


@pytest.fixture
def library(theme_page):
    """A translated page, an English-only page, a draft and a login-restricted page."""
    translated = GuidancePageFactory(
        parent=theme_page,
        title="Screening at borders",
        summary="How to screen at borders.",
        who_for="Border officials.",
    )
    translated.title_fr = "Dépistage aux frontières"
    translated.summary_fr = "Comment mener le dépistage aux frontières."
    translated.who_for_fr = "Agents aux frontières."
    translated.slug_fr = "depistage-aux-frontieres"
    publish(translated)
    english_only = publish(
        StandardPageFactory(parent=theme_page, title="Referral standards", summary="Who refers.")
    )
    draft = GuidancePageFactory(parent=theme_page, title="Unpublished draft", live=False)
    restricted = publish(
        GuidancePageFactory(parent=theme_page, title="Internal case notes", summary="Staff only.")
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    return SimpleNamespace(
        translated=translated, english_only=english_only, draft=draft, restricted=restricted
    )


# Feeds ----------------------------------------------------------------------------------


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, {
        item.findtext("title"): {
            "link": item.findtext("link"),
            "description": item.findtext("description"),
            "guid": item.findtext("guid"),
        }
        for item in channel.findall("item")
    }


def test_french_feed_gives_french_titles_and_links_and_marks_english_fallback(client, library):
    channel, items = rss_items(client, "/fr/feeds/guidance.rss")

    assert channel.findtext("language") == "fr"
    with translation.override("fr"):
        assert channel.findtext("title").startswith("Dernières orientations")
    marked = f"[{english_in('fr')}] Referral standards"
    assert english_in("fr") != "English"
    assert sorted(items) == sorted(["Dépistage aux frontières", marked])
    french = items["Dépistage aux frontières"]
    assert french["link"] == url_in(library.translated, "fr")
    assert french["link"].startswith(f"{HOST}/fr/") and "depistage-aux-frontieres" in french["link"]
    assert french["description"] == "Comment mener le dépistage aux frontières."
    assert items[marked]["link"] == url_in(library.english_only, "fr")
    assert items[marked]["description"] == "Who refers."


def test_english_feed_marks_nothing_and_leaves_out_drafts_and_restricted_pages(client, library):
    _channel, items = rss_items(client, "/en/feeds/guidance.rss")

    assert sorted(items) == ["Referral standards", "Screening at borders"]
    assert "Unpublished draft" not in client.get("/en/feeds/guidance.rss").content.decode()


def test_atom_feed_is_valid_xml_in_the_readers_language(client, library):
    response = client.get("/fr/feeds/guidance.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get(XML_LANG) == "fr"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        f"[{english_in('fr')}] Referral standards",
        "Dépistage aux frontières",
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}published")
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{HOST}/fr/")
    self_link = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == f"{HOST}/fr/feeds/guidance.atom"


def test_a_republished_page_comes_first_as_a_new_entry(client, library):
    _channel, before = rss_items(client, "/en/feeds/guidance.rss")
    library.translated.summary = "How to screen at borders, revised."
    publish(library.translated)
    later = datetime(2031, 5, 4, 3, 2, 1, tzinfo=UTC)
    type(library.translated).objects.filter(pk=library.translated.pk).update(
        last_published_at=later
    )

    atom = ET.fromstring(client.get("/en/feeds/guidance.atom").content)
    _channel, after = rss_items(client, "/en/feeds/guidance.rss")

    first = atom.findall(f"{ATOM}entry")[0]
    assert first.findtext(f"{ATOM}title") == "Screening at borders"
    assert first.findtext(f"{ATOM}updated").startswith("2031-05-04T03:02:01")
    assert not first.findtext(f"{ATOM}published").startswith("2031")
    revised = after["Screening at borders"]
    assert revised["description"] == "How to screen at borders, revised."
    assert revised["guid"] == url_in(library.translated, "en") + "#2031-05-04T03:02:01Z"
    assert revised["guid"] != before["Screening at borders"]["guid"]


def test_feed_holds_the_latest_thirty_pages(client, theme_page):
    pages = [
        publish(GuidancePageFactory(parent=theme_page, title=f"Guide {index:02d}"))
        for index in range(FEED_LENGTH + 1)
    ]
    for index, page in enumerate(pages):
        type(page).objects.filter(pk=page.pk).update(
            last_published_at=datetime(2030, 1, 1 + index, tzinfo=UTC)
        )

    _channel, items = rss_items(client, "/en/feeds/guidance.rss")

    assert len(items) == FEED_LENGTH == 30
    assert "Guide 00" not in items and "Guide 30" in items


def test_every_page_head_announces_the_feeds_of_its_language(client, library):
    with translation.override("fr"):
        url = library.translated.url

    html = client.get(url).content.decode()

    assert 'type="application/rss+xml"' in html and 'href="/fr/feeds/guidance.rss"' in html
    assert 'type="application/atom+xml"' in html and 'href="/fr/feeds/guidance.atom"' in html


# API ------------------------------------------------------------------------------------


def api_json(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return json.loads(response.content)


def test_api_lists_guidance_in_french_without_drafts_or_restricted_pages(client, library):
    data = api_json(client, "/fr/api/v2/pages/?type=guidance.GuidancePage&fields=summary")

    assert data["meta"]["total_count"] == 1
    (item,) = data["items"]
    assert item["id"] == library.translated.id
    assert item["title"] == "Dépistage aux frontières"
    assert item["summary"] == "Comment mener le dépistage aux frontières."
    with translation.override("fr"):
        assert item["meta"]["html_url"].endswith(library.translated.url)
    assert item["meta"]["detail_url"].endswith(f"/fr/api/v2/pages/{library.translated.id}/")


def test_api_detail_gives_the_page_fields_in_the_urls_language(client, library):
    french = api_json(client, f"/fr/api/v2/pages/{library.translated.id}/")
    english = api_json(client, f"/en/api/v2/pages/{library.translated.id}/")
    fallback = api_json(client, f"/fr/api/v2/pages/{library.english_only.id}/")

    assert french["who_for"] == "Agents aux frontières."
    assert french["body"][0]["type"] == "paragraph"
    assert english["title"] == "Screening at borders" and english["who_for"] == "Border officials."
    assert fallback["title"] == "Referral standards" and fallback["edition"] == "1st edition, 2024"


def test_api_refuses_drafts_and_restricted_pages(client, library):
    every_page = api_json(client, "/en/api/v2/pages/")
    titles = [item["title"] for item in every_page["items"]]

    assert "Screening at borders" in titles and "Referral standards" in titles
    assert "Unpublished draft" not in titles and "Internal case notes" not in titles
    assert client.get(f"/en/api/v2/pages/{library.draft.id}/").status_code == 404
    assert client.get(f"/en/api/v2/pages/{library.restricted.id}/").status_code == 404


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?search=a%00b", "'search' contains a control character"),
        ("?title=%00", "'title' contains a control character"),
        ("?search=" + "+".join(["word"] * 500), "search is limited to 200 characters"),
        ("?search=" + "+".join(["w"] * 40), "search is limited to 32 words"),
        ("?offset=99999999999999999999", "'offset' must be a number below 2147483648"),
        ("?child_of=99999999999999999999", "'child_of' must be a number below 2147483648"),
        ("?search=protection&search_operator=xor", "search_operator must be 'and' or 'or'"),
    ],
)
def test_api_answers_a_hostile_parameter_with_400_and_says_why(client, home, query, message):
    for endpoint in ("pages", "documents", "images"):
        if endpoint != "pages" and "child_of" in query:
            continue  # no tree of documents or images
        response = client.get(f"/en/api/v2/{endpoint}/{query}")

        assert response.status_code == 400
        assert json.loads(response.content) == {"message": message}


def test_api_detail_of_an_id_beyond_the_database_is_not_found(client, home):
    response = client.get("/en/api/v2/pages/99999999999999999999/")

    assert response.status_code == 404


def test_api_documents_leave_out_those_in_restricted_collections(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    public_document = Document.objects.create(
        title="Screening form", file=ContentFile(b"%PDF-1.4", name="form.pdf"), collection=root
    )
    private_document = Document.objects.create(
        title="Case file", file=ContentFile(b"%PDF-1.4", name="case.pdf"), collection=private
    )

    data = api_json(client, "/en/api/v2/documents/")

    assert [item["title"] for item in data["items"]] == ["Screening form"]
    assert data["items"][0]["id"] == public_document.id
    assert client.get(f"/en/api/v2/documents/{private_document.id}/").status_code == 404


# Sitemaps and robots.txt ------------------------------------------------------------------


def sitemap_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in urlset.findall(f"{SITEMAP}url")
    }


def test_sitemap_index_points_at_one_sitemap_per_language(client, home):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert [loc.text for loc in index.iter(f"{SITEMAP}loc")] == [
        f"{HOST}/{code}/sitemap.xml" for code in LANGUAGE_CODES
    ]


def test_english_sitemap_lists_every_public_page_with_its_languages(client, home, library):
    entries = sitemap_entries(client, "/en/sitemap.xml")

    theme_page = library.translated.get_parent()
    assert sorted(entries) == sorted(
        url_in(page, "en") for page in [home, theme_page, library.translated, library.english_only]
    )
    assert entries[url_in(library.translated, "en")] == {
        "en": url_in(library.translated, "en"),
        "fr": url_in(library.translated, "fr"),
    }
    assert entries[url_in(library.english_only, "en")] == {"en": url_in(library.english_only, "en")}
    assert set(entries[url_in(home, "en")]) == set(LANGUAGE_CODES)


def test_french_sitemap_lists_only_pages_written_in_french(client, home, library):
    entries = sitemap_entries(client, "/fr/sitemap.xml")

    assert sorted(entries) == sorted([url_in(home, "fr"), url_in(library.translated, "fr")])
    assert entries[url_in(library.translated, "fr")] == {
        "en": url_in(library.translated, "en"),
        "fr": url_in(library.translated, "fr"),
    }
    assert entries[url_in(home, "fr")]["zh-hans"] == url_in(home, "zh-hans")


def test_sitemap_of_a_language_nobody_wrote_in_holds_only_the_home_page(client, home, library):
    assert list(sitemap_entries(client, "/ru/sitemap.xml")) == [url_in(home, "ru")]


def test_robots_txt_names_the_sitemap_index(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {HOST}/sitemap.xml" in response.content.decode().splitlines()
    assert client.head("/robots.txt").status_code == 200
