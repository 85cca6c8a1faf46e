"""Word documents (.docx) from plain text, in the document's language and direction.

Officials fill in forms and adapt templates in a word processor: a tool's printable
text is offered as a .docx beside its PDF. The text keeps its lines (form fields such
as "Name: ______" stay one per line); blank lines separate paragraphs. Arabic is
marked right to left on every paragraph and run, and every run carries the language,
so Word picks the right fonts, spelling and line direction.
"""

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from django.utils import translation

# What the text's language is called in Word's w:lang (BCP 47).
WORD_LANGUAGES = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ar": "ar-SA", "ru": "ru-RU"}
WORD_LANGUAGES["zh-hans"] = "zh-CN"


def _language_tag(language):
    return WORD_LANGUAGES.get(language, language)


def _set_run_language(run, tag, right_to_left):
    properties = run._r.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), tag)
    language.set(qn("w:bidi"), tag)
    language.set(qn("w:eastAsia"), tag)
    properties.append(language)
    if right_to_left:
        properties.append(OxmlElement("w:rtl"))


def _set_paragraph_direction(paragraph, right_to_left):
    if right_to_left:
        paragraph.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))


def _add_paragraph(document, text, tag, right_to_left, style=None):
    paragraph = document.add_paragraph(style=style)
    _set_paragraph_direction(paragraph, right_to_left)
    for number, line in enumerate(text.split("\n")):
        run = paragraph.add_run(line)
        _set_run_language(run, tag, right_to_left)
        if number < text.count("\n"):
            run.add_break()
    return paragraph


def text_to_docx(title, text, language):
    """The bytes of a .docx: `title` as its heading, then the blank-line separated paragraphs."""
    right_to_left = translation.get_language_info(language)["bidi"]
    tag = _language_tag(language)
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = tag
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.font.name = "Arial"  # on every office computer; has Arabic and Cyrillic
    _add_paragraph(document, title, tag, right_to_left, style="Title")
    for block in text.split("\n\n"):
        if block.strip():
            _add_paragraph(document, block.strip("\n"), tag, right_to_left)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
