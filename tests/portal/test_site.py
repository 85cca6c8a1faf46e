"""What every page shares: the main navigation, breadcrumbs from Home, the footer's
information pages, the icon, the home page's own title, and review dates readers can trust."""

import datetime
import re

import pytest

from django.utils import timezone, translation
from django.utils.translation import ngettext

from guidance.models import Audience, GlossaryPage, LibraryIndexPage
from portal.demo import load_information_pages
from portal.models import InformationPage
from tests.conftest import publish
from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.django_db


def add(parent, page):
    parent.add_child(instance=page)
    return publish(page)


def breadcrumbs(html):
    trail = html.split('<nav class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    # Each label is isolated in <bdi>, so a title in another script keeps its own direction.
    return re.findall(r"<li>(.*?)</li>", re.sub(r"</?bdi>", "", trail), flags=re.S)


def test_main_navigation_leads_to_themes_library_and_glossary_found_by_type(client, home):
    library = add(home, LibraryIndexPage(title="All resources", slug="resources"))
    glossary = add(home, GlossaryPage(title="Words we use", slug="words"))

    html = client.get("/en/").content.decode()

    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    assert links == [
        ("/en/#themes", "Themes"),
        (library.url, "Library"),
        (glossary.url, "Glossary"),
    ]
    assert 'id="themes"' in html  # where "Themes" lands on the home page


def test_main_navigation_follows_what_is_published_and_unpublished(client, home):
    def nav_links():
        html = client.get("/en/").content.decode()
        return re.findall(r'<a href="([^"]+)"', html.split('<nav class="main-nav"', 1)[1])

    library = add(home, LibraryIndexPage(title="All resources", slug="resources"))
    assert library.url in nav_links()  # and now kept in the process

    library.unpublish()
    glossary = add(home, GlossaryPage(title="Words we use", slug="words"))

    assert library.url not in nav_links() and glossary.url in nav_links()


def test_breadcrumbs_start_at_home_and_end_at_the_page_without_a_link(client, theme_page):
    guidance = GuidancePageFactory(parent=theme_page, title="Screening at the border")

    html = client.get(guidance.url).content.decode()

    assert breadcrumbs(html) == [
        '<a href="/en/">Home</a>',
        f'<a href="{theme_page.url}">{theme_page.title}</a>',
        '<span aria-current="page">Screening at the border</span>',
    ]
    assert "Accueil" in "".join(
        breadcrumbs(client.get(guidance.url.replace("/en/", "/fr/")).content.decode())
    )


def test_breadcrumbs_on_the_search_page_and_none_on_home(client, home):
    search = client.get("/ar/search/").content.decode()

    assert breadcrumbs(search) == [
        '<a href="/ar/">الرئيسية</a>',
        '<span aria-current="page">بحث</span>',
    ]
    assert '<nav class="breadcrumbs' not in client.get("/en/").content.decode()


def test_information_pages_are_made_once_in_six_languages_and_linked_from_the_footer(client, home):
    assert load_information_pages(home) == 4
    assert load_information_pages(home) == 0

    html = client.get("/ar/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    titles = re.findall(r'<a href="[^"]+">([^<]+)</a>', footer)
    assert titles == ["عن البوابة", "إشعار الخصوصية", "اتصل بنا", "بيان إمكانية الوصول"]

    statement = InformationPage.objects.get(kind=InformationPage.ACCESSIBILITY)
    with translation.override("zh-hans"):
        url = statement.url
    page = client.get(url).content.decode()
    assert "<h1>无障碍声明</h1>" in page
    assert "WCAG" in page and "2.2 AA" in page and "accessibility@example.org" in page


def test_the_footer_and_feed_links_follow_the_language_and_every_change(client, home):
    # Both are rendered once per language and kept until the content changes.
    load_information_pages(home)
    privacy = InformationPage.objects.get(kind=InformationPage.PRIVACY)

    def footer(language):
        html = client.get(f"/{language}/").content.decode()
        return html.split('<footer class="site-footer">', 1)[1]

    assert privacy.title_en in footer("en") and privacy.title_fr in footer("fr")
    french = client.get("/fr/").content.decode()
    assert 'href="/fr/feeds/guidance.rss"' in french
    assert "Dernières" in french.split("</head>", 1)[0]  # the feed's title, in French

    privacy.unpublish()

    assert privacy.title_en not in footer("en") and privacy.title_fr not in footer("fr")
    assert InformationPage.objects.live().get(kind=InformationPage.ABOUT).title_fr in footer("fr")


def test_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in response["Cache-Control"]


def test_home_title_names_the_portal_once(client, home):
    html = client.get("/fr/").content.decode()

    title = re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)
    assert title.count("Portail de protection et de formation") == 1
    assert "protection des migrants" in title


def test_a_page_past_its_review_date_says_it_is_overdue(client, theme_page):
    page = GuidancePageFactory(parent=theme_page, title="Old advice")
    page.next_review_due = timezone.localdate() - datetime.timedelta(days=1)
    publish(page)
    fresh = GuidancePageFactory(parent=theme_page, title="New advice")
    fresh.next_review_due = timezone.localdate() + datetime.timedelta(days=30)
    publish(fresh)

    assert "overdue for review" in client.get(page.url).content.decode()
    assert "overdue for review" not in client.get(fresh.url).content.decode()
    assert "تأخّرت مراجعتها" in client.get(page.url.replace("/en/", "/ar/")).content.decode()


def test_filters_sit_behind_a_disclosure_that_counts_the_active_ones(client, theme_page):
    officials = Audience.objects.create(key="officials", title="Government officials")
    Audience.objects.create(key="trainers", title="Trainers")  # nothing is written for them
    for index in range(2):
        page = GuidancePageFactory(parent=theme_page, title=f"Guide {index}")
        page.themes.add(theme_page.theme)
        page.audiences.add(officials)
        publish(page)

    plain = client.get(theme_page.url).content.decode()
    filtered = client.get(f"{theme_page.url}?type=guidance&audience=officials").content.decode()

    assert '<details class="filters-panel" data-open-wide><summary>Filters</summary>' in plain
    assert "<summary>Filters: 2 active</summary>" in filtered
    # A filter that would give nothing is not offered.
    assert "Government officials" in plain and "Trainers" not in plain
    assert 'value="tool"' not in plain


@pytest.mark.parametrize(
    ("count", "arabic"),
    [
        (0, "لا موارد"),
        (1, "مورد واحد"),
        (2, "موردان"),
        (3, "3 موارد"),
        (11, "11 موردًا"),
        (100, "100 مورد"),
    ],
)
def test_arabic_counts_use_the_six_plural_forms(count, arabic):
    with translation.override("ar"):
        shown = ngettext("%(counter)s resource", "%(counter)s resources", count)
    assert shown % {"counter": count} == arabic


def test_the_search_page_follows_a_new_home_page_for_the_site_at_once(client, home):
    from wagtail.models import Page, Site

    from tests.factories import HomePageFactory

    add(home, LibraryIndexPage(title="All resources", slug="resources"))
    other_home = add(Page.get_first_root_node(), HomePageFactory.build(slug="other-home"))

    def menu():
        html = client.get("/en/search/", {"q": "shelter"}).content.decode()
        nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
        return re.findall(r"<a [^>]*>([^<]+)</a>", nav)

    before = menu()
    menu()  # the site is now kept in the process...
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()  # ...until it changes

    assert "Library" in before
    assert "Library" not in menu()  # the other home page has no library under it
