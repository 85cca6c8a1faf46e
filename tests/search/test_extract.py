"""Reading the text of uploads: PDF, Word, plain text; broken files give no text, never an error."""

import io
import zipfile

import pytest

from search import extract
from tests.search.documents_helpers import docx_bytes, pdf_bytes, upload

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_pdf_text_in_latin_and_cyrillic_script():
    english = upload("Card", "card.pdf", pdf_bytes("Card", "Refer the person with consent."))
    russian = upload("Карта", "card-ru.pdf", pdf_bytes("Карта", "Направьте человека.", "ru"))

    assert "Refer the person with consent." in extract.document_text(english)
    assert "Направьте человека." in extract.document_text(russian)


def test_word_paragraphs_are_read_in_order_with_runs_joined():
    form = upload("Form", "form.docx", docx_bytes("First paragraph here", "Second one"))

    assert extract.document_text(form) == "First paragraph here\nSecond one"


def test_plain_text_with_invalid_utf8_is_read_with_replacement_characters():
    notes = upload("Notes", "notes.txt", "Café ".encode() + b"\xff\xfe end")

    assert extract.document_text(notes) == "Café \ufffd\ufffd end"


def test_text_is_capped():
    long = upload("Long", "long.csv", b"a," * extract.MAX_TEXT)

    assert len(extract.document_text(long)) == extract.MAX_TEXT


@pytest.mark.parametrize(
    "filename, payload",
    [
        ("broken.pdf", b"%PDF-1.7\nnot really"),
        ("broken.docx", b"PK\x03\x04 not a zip"),
        ("empty.docx", b""),
    ],
)
def test_broken_files_give_no_text_and_are_logged(filename, payload, caplog):
    document = upload("Broken", filename, payload)

    assert extract.document_text(document) == ""
    assert f"No text read from document {document.pk}" in caplog.text


def test_word_file_with_an_entity_expansion_is_refused(caplog):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", bomb)
    document = upload("Bomb", "bomb.docx", buffer.getvalue())

    assert extract.document_text(document) == ""
    assert "EntitiesForbidden" in caplog.text or "DTDForbidden" in caplog.text


def test_other_types_give_no_text():
    image = upload("Scan", "scan.png", b"\x89PNG\r\n\x1a\n")

    assert extract.document_text(image) == ""
