"""What a reader sees on guidance, standard, tool and theme pages, in their language."""

import re

import pytest

from django.utils import translation
from django.utils.translation import gettext

from guidance.models import Audience
from tests.conftest import publish
from tests.factories import GuidancePageFactory, StandardPageFactory, ToolPageFactory

pytestmark = pytest.mark.django_db

EVERY_BLOCK = [
    ("heading", "Why it matters"),
    ("subheading", "At the border"),
    ("paragraph", "<p>Notice <strong>early</strong>.</p>"),
    ("callout", {"style": "warning", "title": "Never alone", "text": "<p>Bring a guardian.</p>"}),
    ("do_dont", {"dos": ["Find a private room"], "donts": ["Use a child as interpreter"]}),
    ("steps", {"title": "Refer", "steps": [{"title": "Call", "text": "Phone the focal point."}]}),
    ("checklist", {"title": "Before you start", "items": ["Interpreter booked"]}),
    ("case", {"title": "A bus station", "text": "<p>A companion answered for him.</p>"}),
    ("quote", {"text": "Notice, protect, refer.", "attribution": "Training motto"}),
    (
        "table",
        {
            "table_caption": "Who does what",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [["Role", "Task"], ["Border officer", "Refer"]],
        },
    ),
    ("heading", "What to do next"),
]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_body_block_renders_what_the_editor_wrote(client, theme_page):
    page = GuidancePageFactory(parent=theme_page, body=EVERY_BLOCK, who_for="Border officials.")

    html = html_of(client, page.url)

    assert '<h2 id="why-it-matters">Why it matters</h2>' in html
    assert "<h3>At the border</h3>" in html
    assert "<p>Notice <strong>early</strong>.</p>" in html
    assert 'class="callout callout--warning"' in html and "Never alone" in html
    assert "<li>Find a private room</li>" in html and "<li>Use a child as interpreter</li>" in html
    assert "<strong>Call</strong><br>Phone the focal point." in html
    assert "<li>Interpreter booked</li>" in html
    assert "A companion answered for him." in html
    assert "<blockquote><p>Notice, protect, refer.</p></blockquote>" in html
    assert '<th scope="col">Role</th>' in html and "<td>Border officer</td>" in html
    assert "<caption>Who does what</caption>" in html
    assert "Border officials." in html


def test_headings_build_the_on_page_contents_with_working_anchors(client, theme_page):
    page = GuidancePageFactory(parent=theme_page, body=EVERY_BLOCK)

    html = html_of(client, page.url)

    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', toc) == ["why-it-matters", "what-to-do-next"]
    assert 'id="what-to-do-next"' in html


def test_untranslated_page_shows_english_with_a_notice_in_the_readers_language(client, theme_page):
    page = GuidancePageFactory(
        parent=theme_page, title="Screening at borders", summary="How to screen."
    )
    page.title_fr, page.summary_fr, page.slug_fr = "Dépistage aux frontières", "Comment.", "dep"
    publish(page)
    with translation.override("ru"):
        notice = gettext("This page is not yet available in your language. It is shown in English.")
        url = page.url

    html = html_of(client, url)

    assert notice in html
    assert notice != "This page is not yet available in your language. It is shown in English."
    # The English text is marked English; the interface around it stays in Russian.
    assert "<article>" in html
    assert '<h1 lang="en" dir="ltr">Screening at borders</h1>' in html
    box = html.split('class="notice notice--fallback"', 1)[1].split("</div>", 1)[0]
    available = box.split('class="inline-list"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'hreflang="([^"]+)"', available) == ["en", "fr"]


def test_translated_page_has_no_notice_and_alternates_only_for_existing_languages(
    client, theme_page
):
    page = GuidancePageFactory(parent=theme_page, title="Screening", summary="How to screen.")
    page.title_ar, page.summary_ar, page.slug_ar = "الفحص", "كيفية الفحص.", "screening-ar"
    publish(page)
    with translation.override("ar"):
        url = page.url

    html = html_of(client, url)

    assert 'class="notice notice--fallback"' not in html
    assert "<h1>الفحص</h1>" in html
    assert '<html lang="ar" dir="rtl">' in html
    assert sorted(re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)) == ["ar", "en"]


def test_superseded_edition_stays_readable_and_points_to_the_current_one(client, theme_page):
    current = StandardPageFactory(parent=theme_page, edition="2nd edition, 2025")
    old = StandardPageFactory(parent=theme_page, edition="1st edition, 2019")
    old.superseded_by = current
    publish(old)

    old_html = html_of(client, old.url)
    current_html = html_of(client, current.url)

    assert "Superseded edition." in old_html
    assert f'href="{current.url}">Read the current edition (2nd edition, 2025)' in old_html
    assert "Earlier editions" in current_html and "1st edition, 2019" in current_html
    assert "Standard 1" in current_html and "<td>Staff trained</td><td>90%</td>" in current_html


def test_theme_page_filters_combine_and_counts_match_the_database(client, theme_page):
    officials = Audience.objects.create(key="officials", title="Government officials")
    Audience.objects.create(key="trainers", title="Trainers")
    for index in range(3):
        page = GuidancePageFactory(parent=theme_page, title=f"Guide {index}")
        page.themes.add(theme_page.theme)
        if index < 2:
            page.audiences.add(officials)
        publish(page)
    tool = ToolPageFactory(parent=theme_page, title="Checklist tool")
    tool.themes.add(theme_page.theme)
    tool.audiences.add(officials)
    publish(tool)
    draft = GuidancePageFactory(parent=theme_page, title="Unpublished draft", live=False)
    draft.themes.add(theme_page.theme)
    draft.save()

    everything = html_of(client, theme_page.url)
    filtered = html_of(client, f"{theme_page.url}?type=guidance&audience=officials")

    assert "4 resources" in everything
    assert "Unpublished draft" not in everything
    assert "2 resources" in filtered
    assert "Guide 2" not in filtered.split('class="results"', 1)[1]
    officials_option = r'value="officials" checked> Government officials <span class="count">\(2\)'
    assert re.search(officials_option, filtered)
    assert re.search(r'value="tool">\s*Tools <span class="count">\(1\)', filtered)
