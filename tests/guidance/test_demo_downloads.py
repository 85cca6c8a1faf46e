"""The demo tools' downloads: real PDF and Word files made from the demo text, in their
language and direction, listed on the tool page with their format, size and language."""

import io
import tomllib
import zipfile

import pytest
from docx import Document as WordDocument

from django.utils import translation

from guidance.demo import CONTENT, add_downloads, replace_text_downloads
from guidance.models import ToolDownload
from tests.factories import ToolPageFactory
from tests.guidance.test_pdf import shows

pytestmark = pytest.mark.django_db

TOOL = CONTENT / "tools" / "best-interests-assessment-form.toml"


@pytest.fixture
def data():
    with open(TOOL, "rb") as handle:
        return tomllib.load(handle)


@pytest.fixture
def tool(theme_page):
    return ToolPageFactory(parent=theme_page, title="Best interests assessment form")


def word_text(payload):
    return "\n".join(paragraph.text for paragraph in WordDocument(io.BytesIO(payload)).paragraphs)


def test_each_language_gets_a_pdf_and_a_word_file(tool, data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    add_downloads(tool, data)

    downloads = list(ToolDownload.objects.filter(page=tool).select_related("document"))
    by_language = {}
    for download in downloads:
        by_language.setdefault(download.language, set()).add(download.file_type)
    assert by_language == {code: {"PDF", "DOCX"} for code in ("en", "fr", "es", "ar")}
    assert not any(d.document.filename.endswith(".txt") for d in downloads)

    for download in downloads:
        payload = download.document.file.read()
        title = download.document.title
        if download.file_type == "PDF":
            assert payload.startswith(b"%PDF") and shows(payload, title)
        else:
            assert zipfile.is_zipfile(io.BytesIO(payload))
            text = word_text(payload)
            assert text.startswith(title)
            first_line = data[download.language]["downloads"][0]["content"].splitlines()[0]
            assert first_line in text

    # The Arabic Word file reads right to left and says it is Arabic.
    arabic = next(d for d in downloads if d.language == "ar" and d.file_type == "DOCX")
    document = WordDocument(io.BytesIO(arabic.document.file.open().read()))
    xml = document.paragraphs[1]._p.xml
    assert "<w:bidi/>" in xml and "<w:rtl/>" in xml and 'w:val="ar-SA"' in xml
    assert document.core_properties.language == "ar-SA"


def test_the_tool_page_lists_format_size_and_language(client, tool, data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    add_downloads(tool, data)
    tool.save_revision().publish()

    with translation.override("en"):
        html = client.get(tool.url).content.decode()

    section = html.split('id="downloads-heading"', 1)[1].split("</section>", 1)[0]
    assert section.count(" download>") == 8
    assert '<bdi lang="ar" dir="rtl">العربيّة</bdi>' in section
    assert 'hreflang="ar" lang="ar" dir="rtl" download>استمارة تقييم المصالح الفضلى</a>' in section
    english = "Best interests assessment form"
    assert f'hreflang="en" lang="en" dir="ltr" download>{english}</a>' in section
    assert "PDF · " in section and "DOCX · " in section and "KB" in section
    # The reader's language comes first.
    assert section.index('hreflang="en"') < section.index('hreflang="fr"')


def test_a_tool_loaded_with_text_files_gets_pdf_and_word_instead(tool, data, settings, tmp_path):
    """A demo database loaded before: its .txt downloads are replaced, others kept."""
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    document_model = get_document_model()
    old = document_model(title="Best interests assessment form (printable text)")
    old.file.save("best-interests-assessment-form-en.txt", ContentFile(b"FORM"), save=True)
    kept = document_model(title="Editor's own notes")
    kept.file.save("notes.txt", ContentFile(b"notes"), save=True)
    ToolDownload.objects.create(page=tool, document=old, language="en", sort_order=0)
    ToolDownload.objects.create(page=tool, document=kept, language="en", sort_order=1)

    assert replace_text_downloads(tool, data)

    names = sorted(d.document.filename for d in ToolDownload.objects.filter(page=tool))
    assert "notes.txt" in names
    assert not any(name.startswith("best-interests") and name.endswith(".txt") for name in names)
    assert len([name for name in names if name.endswith((".pdf", ".docx"))]) == 8
    assert not document_model.objects.filter(pk=old.pk).exists()
    # Again: nothing to do.
    assert not replace_text_downloads(tool, data)
