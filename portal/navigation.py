"""The links every page shows (main navigation, footer), read from the page tree once and
kept in the cache until a page is published, unpublished, moved or deleted; and the site a
request is for, kept in the process under the same version (a site's change bumps it too)."""

import secrets
import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port

from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "portal:pages-version"
TIMEOUT = 600  # seconds: a safety net, the signals below make changes show at once


def cached(name, site, language, build):
    """`build()` for this site and language, from the cache while no page changed."""
    version = _version()
    key = f"portal:{name}:{site.pk if site else 0}:{language}:{version}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _version():
    """The pages' version. Started at random when the cache has none (after it was emptied),
    so that a version this process kept things under is not met again."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.randbits(48), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


_sites = {}
_sites_lock = threading.Lock()


def current_site(request):
    """Wagtail's `Site.find_for_request`, without its database query on every request: the
    site found for a host and port is kept in this process until a page or a site changes."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port(), _version())
    with _sites_lock:
        found = _sites.get(key)
    if found is None:
        found = (Site._find_for_request(request),)
        with _sites_lock:
            if len(_sites) > 100:  # hosts are few; a flood of made-up ones is not kept
                _sites.clear()
            _sites[key] = found
    request._wagtail_site = found[0]  # where Site.find_for_request looks first
    return found[0]


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, **kwargs):
    # Again once saved, so that a request in between does not keep the site as it was.
    pages_changed(sender)
    transaction.on_commit(lambda: pages_changed(sender))


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def pages_changed(sender, **kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, secrets.randbits(48), timeout=None)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        pages_changed(sender)
