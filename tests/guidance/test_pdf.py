"""Library pages download as PDF in the reader's language, for officials who work offline."""

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import wagtail_factories

from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import PageViewRestriction

from tests.conftest import publish
from tests.factories import (
    GuidancePageFactory,
    StandardPageFactory,
    ToolPageFactory,
    UserFactory,
)
from tests.guidance.test_pages import EVERY_BLOCK

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")
# Bidi controls pdftotext puts around right-to-left runs; the reader never sees them.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep the PDF cache of each test to itself."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdftotext(pdf, *options):
    assert PDFTOTEXT, "pdftotext is missing: run `tools/system-packages poppler-utils`"
    result = subprocess.run(  # noqa: S603 - our own PDF bytes into a fixed local program
        [PDFTOTEXT, *options, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return unicodedata.normalize("NFKC", result.stdout.decode().translate(BIDI_CONTROLS))


def text_of(pdf):
    """The text of the PDF, one space between words (for left-to-right text)."""
    return " ".join(pdftotext(pdf).split())


def folded_words(text):
    """Words to compare, without what pdftotext scrambles in Arabic.

    pdftotext spells each lam-alef ligature backwards ("تلاحظ" comes out "تالحظ") and
    moves punctuation around right-to-left runs, so lam and punctuation are dropped on
    both sides of a comparison; every other letter stays, in order.
    """
    return re.sub(r"[^\w\s]", "", text.replace("\u0644", "")).split()


def shows(pdf, phrase):
    """Whether the PDF has `phrase`, its words in a row on one line.

    In raw mode pdftotext gives the words of a line in the order they are drawn: a
    right-to-left line comes out last word first, each word still spelled in order.
    """
    words, wanted = folded_words(pdftotext(pdf, "-raw")), folded_words(phrase)
    runs = {tuple(words[i : i + len(wanted)]) for i in range(len(words))}
    return tuple(wanted) in runs or tuple(reversed(wanted)) in runs


def top_line_span(pdf):
    """Left and right edge (points) of the topmost line of the first page, and the page width."""
    layout = pdftotext(pdf, "-bbox", "-f", "1", "-l", "1")
    width = float(re.search(r'<page width="([\d.]+)"', layout)[1])
    words = [
        tuple(map(float, found))
        for found in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+"', layout
        )
    ]
    top = min(y for _x, y, _right in words)
    line = [(x, right) for x, y, right in words if y - top < 1]
    return min(x for x, _ in line), max(right for _, right in line), width


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return response


def url_in(page, language):
    with translation.override(language):
        return page.url


@pytest.fixture
def guidance(theme_page):
    page = GuidancePageFactory(
        parent=theme_page,
        title="Identification at first contact",
        slug="identification-first-contact",
        summary="How to notice risk early.",
        who_for="Border officials.",
        body=EVERY_BLOCK,
    )
    page.title_fr, page.slug_fr = "L'identification au premier contact", "identification-fr"
    page.summary_fr = "Comment repérer les risques tôt."
    page.title_ar, page.slug_ar = "تحديد الهوية عند أول اتصال", "tahdid-al-hawiya"
    page.summary_ar = "كيف تلاحظ الخطر مبكرا."
    return publish(page)


@pytest.mark.parametrize(
    ("language", "title", "summary"),
    [
        ("en", "Identification at first contact", "How to notice risk early."),
        ("fr", "L'identification au premier contact", "Comment repérer les risques tôt."),
        ("ar", "تحديد الهوية عند أول اتصال", "كيف تلاحظ الخطر مبكرا."),
    ],
)
def test_guidance_downloads_as_a_pdf_in_the_readers_language(
    client, guidance, language, title, summary
):
    response = download(client, url_in(guidance, language) + "pdf/")

    assert response["Content-Disposition"] == (
        f'attachment; filename="identification-first-contact-{language}.pdf"'
    )
    assert shows(response.content, title)
    assert shows(response.content, summary)
    with translation.override(language):
        downloaded = gettext("Downloaded on %(date)s").split("%(date)s")[0]
    assert shows(response.content, downloaded)
    assert "http://testserver" + url_in(guidance, language) in text_of(response.content)


def test_arabic_pdf_runs_right_to_left_and_english_left_to_right(client, guidance):
    arabic = download(client, url_in(guidance, "ar") + "pdf/").content
    english = download(client, url_in(guidance, "en") + "pdf/").content

    left, right, width = top_line_span(arabic)
    assert left > width / 2, "the first line of the Arabic PDF should sit against the right margin"
    left, right, width = top_line_span(english)
    assert right < width / 2, "the first line of the English PDF should sit against the left margin"


def test_pdf_carries_every_body_block_the_contents_and_page_numbers(client, guidance):
    text = text_of(download(client, guidance.url + "pdf/").content)

    for words in [
        "Border officials.",
        "Never alone",
        "Bring a guardian.",
        "Find a private room",
        "Use a child as interpreter",
        "Phone the focal point.",
        "Interpreter booked",
        "A companion answered for him.",
        "Notice, protect, refer.",
        "Who does what",
        "Border officer",
    ]:
        assert words in text, words
    contents = text.split("On this page", 1)[1]
    assert re.match(r"\s*1\. Why it matters[ .]*1\s+2\. What to do next[ .]*\d", contents)
    numbers = [(int(page), int(total)) for page, total in re.findall(r"Page (\d+) of (\d+)", text)]
    assert len(numbers) >= 2
    assert numbers == [(page, len(numbers)) for page in range(1, len(numbers) + 1)]


def test_untranslated_page_pdf_has_the_fallback_notice_in_the_readers_language(client, theme_page):
    page = publish(GuidancePageFactory(parent=theme_page, title="Screening at borders"))
    for language in ["ar", "ru"]:
        with translation.override(language):
            notice = gettext(
                "This page is not yet available in your language. It is shown in English."
            )

        pdf = download(client, url_in(page, language) + "pdf/").content

        assert notice != "This page is not yet available in your language. It is shown in English."
        assert shows(pdf, notice)
        assert shows(pdf, "Screening at borders")


def test_standard_pdf_has_its_standards_with_indicators(client, theme_page):
    page = StandardPageFactory(parent=theme_page, title="Minimum standards for reception")

    response = download(client, page.url + "pdf/")

    text = text_of(response.content)
    assert "Minimum standards for reception" in text
    assert "1st edition, 2024" in text
    assert "Standard 1 Trained staff" in text
    assert "Every shift has a trained focal point." in text
    assert "Indicator Target Staff trained 90%" in text


def test_tool_pdf_has_its_instructions_and_body(client, theme_page):
    page = ToolPageFactory(
        parent=theme_page,
        title="Referral checklist",
        how_to_use="<p>Print it before the shift.</p>",
        body=[("checklist", {"title": "At the desk", "items": ["Interpreter called"]})],
    )

    text = text_of(download(client, page.url + "pdf/").content)

    assert "Referral checklist" in text
    assert "Print it before the shift." in text
    assert "Interpreter called" in text


def test_images_are_typeset_from_the_uploads_folder(client, theme_page, tmp_path):
    image = wagtail_factories.ImageFactory(title="Reception desk")
    block = {"image": image, "alt_text": "A desk", "caption": "The reception desk at the border"}
    page = GuidancePageFactory(parent=theme_page, body=[("image", block)])

    pdf = download(client, page.url + "pdf/").content

    assert "The reception desk at the border" in text_of(pdf)
    (tmp_path / "page.pdf").write_bytes(pdf)  # pdfimages does not read standard input
    listing = subprocess.run(  # noqa: S603 - our own PDF into a fixed local program
        [shutil.which("pdfimages"), "-list", tmp_path / "page.pdf"],
        capture_output=True,
        check=True,
    )
    assert len(listing.stdout.decode().splitlines()[2:]) == 1  # below the two header lines


@pytest.mark.parametrize("factory", [GuidancePageFactory, StandardPageFactory, ToolPageFactory])
def test_every_library_page_links_to_its_pdf_in_the_readers_language(client, theme_page, factory):
    page = factory(parent=theme_page)
    page.title_ar, page.summary_ar, page.slug_ar = "دليل", "ملخص.", "dalil"
    publish(page)
    with translation.override("ar"):
        link_text = gettext("Download as PDF")
    pdf_url = url_in(page, "ar") + "pdf/"

    html = client.get(url_in(page, "ar")).content.decode()

    link = f'<a href="{pdf_url}" type="application/pdf" rel="nofollow" download>{link_text}</a>'
    assert link in html
    download(client, pdf_url)


def test_draft_page_has_no_pdf(client, theme_page):
    draft = GuidancePageFactory(parent=theme_page, title="Unpublished draft", live=False)

    response = client.get(draft.url + "pdf/")

    assert response.status_code == 404
    assert b"Unpublished draft" not in response.content


def test_pdf_shows_the_published_version_not_unpublished_changes(client, guidance):
    guidance.title = "Half-written rewrite"
    guidance.save_revision()

    text = text_of(download(client, guidance.url + "pdf/").content)

    assert "Identification at first contact" in text
    assert "Half-written rewrite" not in text


def test_password_protected_page_refuses_its_pdf_to_anonymous_readers(client, guidance):
    PageViewRestriction.objects.create(
        page=guidance, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-phrase"
    )

    response = client.get(guidance.url + "pdf/")

    assert response["Content-Type"].startswith("text/html")
    assert not response.content.startswith(b"%PDF")
    assert b'name="password"' in response.content
    assert b"Identification at first contact" not in response.content


def test_login_restricted_page_gives_its_pdf_to_signed_in_readers_only(client, guidance):
    PageViewRestriction.objects.create(page=guidance, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(UserFactory())
    download(client, guidance.url + "pdf/")  # now cached on disk
    client.logout()

    response = client.get(guidance.url + "pdf/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not response.content.startswith(b"%PDF")


def test_repeated_downloads_come_from_the_cache_until_the_page_changes(
    client, guidance, media_root
):
    folder = Path(media_root) / "pdf-cache" / str(guidance.pk)

    first = download(client, guidance.url + "pdf/").content
    cached = list(folder.glob("en-*.pdf"))
    second = download(client, guidance.url + "pdf/").content

    assert len(cached) == 1 and cached[0].read_bytes() == first == second

    guidance.title = "Identification at first contact, revised"
    publish(guidance)
    third = download(client, guidance.url + "pdf/").content

    assert "Identification at first contact, revised" in text_of(third)
    assert [path.read_bytes() for path in folder.glob("en-*.pdf")] == [third]


def test_the_worker_typesets_each_language_at_publish_and_the_reader_gets_that_file(
    client, theme_page, media_root, settings
):
    from guidance.tasks import typeset_page_pdfs

    settings.WAGTAILADMIN_BASE_URL = "http://testserver"  # the address readers use
    page = publish(
        GuidancePageFactory(
            parent=theme_page,
            title="Safe referral",
            title_fr="Orientation sûre",
            summary="How to refer.",
            summary_fr="Comment orienter.",
        )
    )
    folder = Path(media_root) / "pdf-cache" / str(page.pk)

    assert typeset_page_pdfs(page.pk) == ["en", "fr"]
    made = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pdf")}
    assert sorted(name[:3] for name in made) == ["en-", "fr-"]
    assert typeset_page_pdfs(page.pk) == ["en", "fr"]  # twice: nothing typeset again
    assert {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pdf")} == made

    with translation.override("fr"):
        french_url = page.url + "pdf/"
    downloaded = download(client, french_url).content

    assert "Orientation sûre" in text_of(downloaded)
    assert {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pdf")} == made
    assert [p.read_bytes() for p in folder.glob("fr-*.pdf")] == [downloaded]
