"""The links every page shows (main navigation, footer), read from the page tree once and
kept in the cache until a page is published, unpublished, moved or deleted."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "portal:pages-version"
TIMEOUT = 600  # seconds: a safety net, the signals below make changes show at once


def cached(name, site, language, build):
    """`build()` for this site and language, from the cache while no page changed."""
    version = cache.get(VERSION_KEY, 0)
    key = f"portal:{name}:{site.pk if site else 0}:{language}:{version}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def pages_changed(sender, **kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        pages_changed(sender)
