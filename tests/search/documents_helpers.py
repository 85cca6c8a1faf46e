"""Uploads for the document search tests: a real PDF, a minimal Word file, a tool page."""

import html
import io
import re
import zipfile

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from foundation.pdf import text_to_pdf
from guidance.models import ToolDownload
from tests.conftest import publish
from tests.factories import ToolPageFactory

WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


def docx_bytes(*paragraphs):
    """A minimal valid .docx: one paragraph per argument, each split over two runs."""
    body = ""
    for text in paragraphs:
        half = len(text) // 2
        body += (
            f'<w:p><w:r><w:t xml:space="preserve">{text[:half]}</w:t></w:r>'
            f"<w:r><w:t>{text[half:]}</w:t></w:r></w:p>"
        )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{WORD}"><w:body>{body}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def result_targets(client, page_html):
    """Where each result title on a search page leads a reader (through the click counter)."""
    targets = []
    for href in re.findall(r'<h3><a href="([^"]+)">', page_html):
        href = html.unescape(href)
        if href.startswith("/") and "?" in href:
            response = client.get(href)
            assert response.status_code == 302, href
            href = response["Location"]
        targets.append(href)
    return targets


def pdf_bytes(title, text, language="en"):
    return text_to_pdf(title, text, language)


def upload(title, filename, payload, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(filename, ContentFile(payload), save=False)
    document.save()
    return document


def tool_offering(parent, document, language="en", **fields):
    tool = ToolPageFactory(parent=parent, live=False, **fields)
    ToolDownload.objects.create(page=tool, document=document, language=language)
    return publish(tool)


def private_collection(name="Trainers only"):
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection
