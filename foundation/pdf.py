"""PDF typesetting with WeasyPrint, in the reader's language and direction.

Arabic and Chinese need the Noto fonts from Debian's packages (fonts-noto-core,
fonts-noto-cjk), which `make run` and `make test` install.

Library pages download as PDF for officials who work offline. Typesetting a long
page takes seconds, so each PDF is kept under MEDIA_ROOT/pdf-cache: one folder per
page, one file per language, named from the live revision and a keyed digest of
the HTML it was made from. The digest makes any change that shows in the document
(a new revision, a related page renamed, an interface translation, the download
date) produce a new file, and makes the names unguessable even though MEDIA_ROOT
may be served by the web server: restricted pages are cached there too.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.encoding import uri_to_iri
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from modeltranslation.utils import build_localized_fieldname

PAGE_TEMPLATE = "foundation/pdf/page.html"
CACHE_FOLDER = "pdf-cache"


def _local_files_fetcher(base_url):
    """A WeasyPrint fetcher that reads uploads from disk and fetches nothing over the network.

    The document's links stay absolute (they point readers back to the portal), but
    typesetting never makes the server request its own pages or anyone else's.
    """
    from weasyprint.urls import URLFetcher

    media_root = Path(settings.MEDIA_ROOT).resolve()
    media_prefix = urlsplit(base_url or "").path.rstrip("/") + settings.MEDIA_URL

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if base_url and url.startswith(base_url) and parts.path.startswith(media_prefix):
                path = (media_root / unquote(parts.path[len(media_prefix) :])).resolve()
                if path.is_relative_to(media_root) and path.is_file():
                    return super().fetch(path.as_uri(), headers)
            raise ValueError(f"Not fetched while typesetting a PDF: {url}")

    return LocalFilesFetcher()


def html_to_pdf(html, base_url=None):
    from weasyprint import HTML

    return HTML(
        string=html, base_url=base_url, url_fetcher=_local_files_fetcher(base_url)
    ).write_pdf()


def text_to_pdf(title, text, language):
    """A plain document: a title and the paragraphs of `text` (blank-line separated)."""
    paragraphs = [block.strip() for block in text.split("\n\n") if block.strip()]
    with translation.override(language):
        html = render_to_string(
            "foundation/pdf/text_document.html",
            {
                "title": title,
                "paragraphs": paragraphs,
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    return html_to_pdf(html)


def pdf_filename(page, language):
    """An ASCII file name from the English slug, e.g. identification-first-contact-ar.pdf."""
    english_slug = getattr(page, build_localized_fieldname("slug", "en"), None) or page.slug
    stem = slugify(english_slug) or f"page-{page.pk}"
    return f"{stem}-{language}.pdf"


def render_page_html(page, request):
    """The print version of a library page, in the active language."""
    page_url = request.build_absolute_uri(page.get_url(request))
    context = {
        "page": page,
        "self": page,
        "fallback": page.shown_in_fallback,
        "page_url": page_url,
        "page_url_display": uri_to_iri(page_url),
        "downloaded_on": timezone.localdate(),
    }
    return render_to_string(PAGE_TEMPLATE, context, request=request)


def _cache_path(page, language, html):
    digest = salted_hmac("foundation.pdf", html, algorithm="sha256").hexdigest()[:32]
    revision = page.live_revision_id or 0
    folder = Path(settings.MEDIA_ROOT) / CACHE_FOLDER / str(page.pk)
    return folder / f"{language}-r{revision}-{digest}.pdf"


def _store(path, pdf, language):
    """Write atomically (another worker may be reading), then drop this language's older files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pdf)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    for older in path.parent.glob(f"{language}-r*.pdf"):
        if older != path:
            older.unlink(missing_ok=True)


def page_pdf(page, request):
    """The PDF bytes of `page` for this request's language, from the cache when it is current."""
    language = translation.get_language()
    html = render_page_html(page, request)
    path = _cache_path(page, language, html)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    _store(path, pdf, language)
    return pdf


def typeset_ahead(page):
    """Typeset `page` in each of its languages before anyone asks (the worker, at publish).

    Made as for an anonymous reader at WAGTAILADMIN_BASE_URL, the public address, so the
    HTML, and so the file, is the one a reader's request looks for. Files already made
    are kept: running this twice typesets nothing the second time.
    """
    made = []
    for language in page.languages:
        with translation.override(language):
            page_pdf(page, reader_request(page.get_url() or "/"))
            made.append(language)
    return made


def reader_request(path):
    """A request for `path` as an anonymous reader at the public address
    (WAGTAILADMIN_BASE_URL) makes it, in the active language: for typesetting ahead."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    request = RequestFactory(HTTP_HOST=address.netloc).get(path, secure=address.scheme == "https")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = translation.get_language()
    return request


def page_pdf_response(page, request):
    """Serve `page` as a PDF download. Wagtail has already checked it is live and viewable."""
    response = HttpResponse(page_pdf(page, request), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, pdf_filename(page, translation.get_language())
    )
    return response
