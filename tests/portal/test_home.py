"""The home page's entry points: themes, audiences, latest and most-used guidance."""

import datetime

import pytest

from guidance.models import Audience, LibraryIndexPage
from guidance.models.usage import flush_page_views
from tests.conftest import publish
from tests.factories import GuidancePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def library(home):
    page = LibraryIndexPage(title="Library", slug="library")
    home.add_child(instance=page)
    return publish(page)


def test_home_offers_themes_audiences_and_the_latest_guidance(client, home, theme_page, library):
    Audience.objects.create(key="trainers", title="Trainers")
    older = GuidancePageFactory(parent=theme_page, title="Older note")
    older.publication_date = datetime.date(2023, 1, 1)
    publish(older)
    newer = GuidancePageFactory(parent=theme_page, title="Newer note")
    newer.publication_date = datetime.date(2025, 6, 1)
    publish(newer)

    html = client.get("/en/").content.decode()

    assert f'<a href="{theme_page.url}">{theme_page.title}</a>' in html
    assert f'<a href="{library.url}?audience=trainers">Trainers</a>' in html
    latest = html.split('id="latest-heading"', 1)[1].split("</section>", 1)[0]
    assert latest.index("Newer note") < latest.index("Older note")


def test_most_used_lists_what_readers_opened_most(client, home, theme_page):
    popular = GuidancePageFactory(parent=theme_page, title="Popular note")
    quiet = GuidancePageFactory(parent=theme_page, title="Quiet note")
    GuidancePageFactory(parent=theme_page, title="Unread note")
    for _ in range(3):
        client.get(popular.url)
    client.get(quiet.url)
    flush_page_views()  # the task queue's periodic job

    html = client.get("/en/").content.decode()

    most_used = html.split('id="most-used-heading"', 1)[1].split("</section>", 1)[0]
    assert most_used.index("Popular note") < most_used.index("Quiet note")
    assert "Unread note" not in most_used


def test_library_lists_every_theme_and_filters_by_audience(client, home, theme_page, library):
    trainers = Audience.objects.create(key="trainers", title="Trainers")
    for title in ("For trainers", "For everyone"):
        page = GuidancePageFactory(parent=theme_page, title=title)
        page.themes.add(theme_page.theme)
        if title == "For trainers":
            page.audiences.add(trainers)
        publish(page)

    everything = client.get(library.url).content.decode()
    filtered = client.get(f"{library.url}?audience=trainers").content.decode()

    assert "2 resources" in everything
    theme = theme_page.theme
    assert f'value="{theme.key}"> {theme.title} <span class="count">(2)' in everything
    assert "1 resource<" in filtered
    assert "For everyone" not in filtered.split('class="results"', 1)[1]
