"""What search engines read: robots.txt, a sitemap index and one sitemap per language.

`/sitemap.xml` points at `/<lang>/sitemap.xml` for each interface language. A language's
sitemap lists the live, public pages written in that language, each with
`<xhtml:link rel="alternate" hreflang>` to the languages it exists in. A page a reader
would only get in English fallback is listed in the English sitemap alone, so search
engines never index an English page under another language's address.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from wagtail.models import Site

from foundation.pages import page_languages

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class LanguageSitemap(Sitemap):
    """The pages of the request's site written in the active language."""

    def __init__(self, request):
        self.request = request
        self.language = translation.get_language()

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        pages = (
            site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        return [page for page in pages if self.language in page_languages(page)]

    def url_in(self, page, language):
        with translation.override(language):
            return self.request.build_absolute_uri(page.get_url(self.request))

    def get_urls(self, page=1, site=None, protocol=None):
        # Addresses come from the request, like the hreflang links in each page's <head>.
        urls = []
        for item in self.paginator.page(page).object_list:
            urls.append(
                {
                    "item": item,
                    "location": self.url_in(item, self.language),
                    "lastmod": item.last_published_at,
                    "alternates": [
                        {"lang_code": code, "location": self.url_in(item, code)}
                        for code in page_languages(item)
                    ],
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request):
    """The sitemap of the language in the URL."""
    return sitemap_views.sitemap(request, {"pages": LanguageSitemap(request)})


@require_safe
def sitemap_index(request):
    """One entry per interface language."""
    entries = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            entries.append({"location": request.build_absolute_uri(reverse("sitemap"))})
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Search pages and result clicks are for readers; crawlers would only skew analytics.
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
