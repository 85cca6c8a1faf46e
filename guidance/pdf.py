"""PDF typesetting with WeasyPrint, in the reader's language and direction.

Arabic and Chinese need the Noto fonts from Debian's packages (fonts-noto-core,
fonts-noto-cjk), which `make run` and `make test` install.
"""

from django.template.loader import render_to_string
from django.utils import translation


def html_to_pdf(html, base_url=None):
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()


def text_to_pdf(title, text, language):
    """A plain document: a title and the paragraphs of `text` (blank-line separated)."""
    paragraphs = [block.strip() for block in text.split("\n\n") if block.strip()]
    with translation.override(language):
        html = render_to_string(
            "guidance/pdf/text_document.html",
            {
                "title": title,
                "paragraphs": paragraphs,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    return html_to_pdf(html)
