"""Each theme downloads as an offline pack (ZIP) per language: what is in it, what never
is, how it goes stale on publish and is rebuilt, and how the theme page offers it."""

import io
import re
import zipfile

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from guidance.models import ToolDownload
from guidance.offline import packs
from tests.conftest import publish
from tests.courses.conftest import build_course
from tests.factories import GuidancePageFactory, StandardPageFactory, ToolPageFactory

pytestmark = pytest.mark.django_db

FAKE_PDF = b"%PDF-1.7 typeset elsewhere (tests/guidance/test_pdf.py)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, monkeypatch):
    """Packs of each test to themselves; PDFs are faked here, typesetting is tested apart."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(packs, "page_pdf", lambda page, request: FAKE_PDF)
    return tmp_path


def arabic(page, title):
    page.title_ar, page.summary_ar, page.slug_ar = title, "ملخص.", f"{page.slug}-ar"
    return page


@pytest.fixture
def library(theme_page):
    standard = publish(arabic(StandardPageFactory(parent=theme_page, slug="reception"), "معيار"))
    body = [("paragraph", f'<p>See <a linktype="page" id="{standard.pk}">the standard</a>.</p>')]
    guidance = GuidancePageFactory(
        parent=theme_page, title="First contact", slug="first-contact", body=body
    )
    guidance.related_standards.add(standard)
    guidance = publish(arabic(guidance, "أول اتصال"))
    tool = ToolPageFactory(parent=theme_page, title="Screening checklist", slug="screening")
    document = get_document_model().objects.create(
        title="Screening form", file=ContentFile(b"form contents", name="screening.docx")
    )
    tool = publish(tool)
    ToolDownload.objects.create(page=tool, document=document, language="en")

    draft = GuidancePageFactory(parent=theme_page, title="Draft procedure", live=False)
    private = GuidancePageFactory(parent=theme_page, title="Internal procedure")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    changed = GuidancePageFactory(parent=theme_page, title="Published wording", slug="changed")
    changed.title = "Unpublished wording"
    changed.save_revision()
    build_course(theme_page.get_parent())  # facilitator notes: "Session plan: role-play..."
    return {"guidance": guidance, "standard": standard, "tool": tool, "draft": draft}


def open_pack(theme_page, language):
    packs.build_pack(theme_page, language)
    archive = zipfile.ZipFile(packs.pack_path(theme_page, language))
    return {name: archive.read(name) for name in archive.namelist()}


def test_pack_has_an_index_the_pages_their_pdfs_the_css_and_tool_documents(theme_page, library):
    files = open_pack(theme_page, "en")

    assert {"index.html", "site.css", "first-contact-en.html", "reception-en.html"} <= set(files)
    assert files["pdf/first-contact-en.pdf"] == FAKE_PDF
    assert b"form contents" in files.values()
    index = files["index.html"].decode()
    assert "First contact" in index and "Screening checklist" in index
    assert "Offline copy from" in index
    assert 'href="first-contact-en.html"' in index


def test_links_inside_the_pack_are_relative_files_that_exist(theme_page, library):
    files = open_pack(theme_page, "en")
    page = files["first-contact-en.html"].decode()

    assert 'href="reception-en.html"' in page  # the rich-text link and the related standard
    assert 'href="site.css"' in page
    for name, content in files.items():
        if name.endswith(".html"):
            for url in re.findall(r'(?:href|src)="([^"#]+)', content.decode()):
                assert url.startswith("http") or url in files, (name, url)
    tool_page = files["screening-en.html"].decode()
    assert re.search(r'href="(files/[^"]+screening[^"]*\.docx)"', tool_page)


def test_pack_never_has_draft_private_unpublished_or_facilitator_content(theme_page, library):
    text = b" ".join(open_pack(theme_page, "en").values()).decode(errors="replace")

    assert "First contact" in text
    assert "Draft procedure" not in text
    assert "Internal procedure" not in text
    assert "Unpublished wording" not in text and "Published wording" in text
    assert "Session plan" not in text


def test_arabic_pack_reads_right_to_left(theme_page, library):
    files = open_pack(theme_page, "ar")

    assert 'dir="rtl"' in files["index.html"].decode()
    page = files["first-contact-ar.html"].decode()
    assert '<html lang="ar" dir="rtl">' in page and "أول اتصال" in page


def test_publishing_a_page_makes_the_pack_stale_and_the_next_download_rebuilds_it(
    client, theme_page, library
):
    packs.build_pack(theme_page, "en")
    assert packs.pack_facts(theme_page, "en")["current"]

    GuidancePageFactory(parent=theme_page, title="New procedure on returns")  # published

    assert not packs.pack_facts(theme_page, "en")["current"]
    response = client.get(reverse("guidance:offline_pack", args=[theme_page.theme.key]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "New procedure on returns" in archive.read("index.html").decode()
    assert packs.pack_facts(theme_page, "en")["current"]


def test_unpublishing_a_page_takes_it_out_of_the_pack(client, theme_page, library):
    packs.build_pack(theme_page, "en")
    library["guidance"].unpublish()

    assert not packs.pack_facts(theme_page, "en")["current"]
    assert "first-contact-en.html" not in open_pack(theme_page, "en")


def test_theme_page_offers_the_pack_with_its_size_and_date(client, theme_page, library):
    response = client.get(theme_page.url)
    assert "Download for offline reading (ZIP)" in response.content.decode()

    facts = packs.build_pack(theme_page, "en")
    page = client.get(theme_page.url).content.decode()
    day = re.escape(date(timezone.localtime(facts["built"]), "DATE_FORMAT"))
    assert re.search(r"Download for offline reading \(ZIP, [\d.]+\xa0(bytes|KB), " + day, page)
    url = reverse("guidance:offline_pack", args=[theme_page.theme.key])
    assert f'href="{url}"' in page


def test_download_is_a_zip_named_for_the_theme_and_language(client, theme_page, library):
    with translation.override("ar"):
        url = reverse("guidance:offline_pack", args=[theme_page.theme.key])
    response = client.get(url)

    assert response["Content-Type"] == "application/zip"
    assert f"{theme_page.theme.key}-ar.zip" in response["Content-Disposition"]


def test_private_or_unpublished_theme_has_no_pack(client, theme_page):
    url = reverse("guidance:offline_pack", args=[theme_page.theme.key])
    PageViewRestriction.objects.create(page=theme_page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(url).status_code == 404
    assert client.get(reverse("guidance:offline_pack", args=["no-such-theme"])).status_code == 404


def test_command_builds_one_theme_in_one_language_with_progress(theme_page, library):
    out = io.StringIO()
    call_command(
        "build_offline_packs", theme=theme_page.theme.key, language="fr", verbosity=2, stdout=out
    )

    assert f"{theme_page.theme.key} [fr]" in out.getvalue()
    assert "4/4 Published wording" in out.getvalue()
    assert packs.pack_path(theme_page, "fr").is_file()
    assert not packs.pack_path(theme_page, "en").exists()
