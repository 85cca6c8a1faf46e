"""The links every page shows (main navigation, footer), read from the page tree once, and
the site a request is for: both kept in the process while the content's generation is
current (foundation.page_cache: any publish, unpublish, move or deletion of a page, or
change to a site, starts a new one), so that a page asks neither the database nor the
shared cache for them."""

from django.http.request import split_domain_port

from wagtail.models import Site

from foundation.page_cache import ContentMemo

# Hosts are few: a flood of made-up ones is not kept for long.
_sites = ContentMemo(limit=100)
_links = ContentMemo(limit=1000)


def cached(name, site, language, build):
    """`build()` for this site and language, kept while no content changed."""
    key = (name, site.pk if site else 0, language)
    return _links.get_many([key], lambda missing: {key: build()})[key]


def current_site(request):
    """Wagtail's `Site.find_for_request`, without its database query on every request."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    found = _sites.get_many([key], lambda missing: {key: Site._find_for_request(request)})[key]
    request._wagtail_site = found  # where Site.find_for_request looks first
    return found
