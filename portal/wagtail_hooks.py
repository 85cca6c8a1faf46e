"""Wagtail hooks of the site as a whole."""

from wagtail import hooks

from foundation import page_cache


@hooks.register("before_serve_page")
def offer_page_to_the_page_cache(page, request, serve_args, serve_kwargs):
    """Published pages may be stored for anonymous readers, unless their type says no
    (`page_cache = False`); the middleware decides on the response (foundation/page_cache.py)."""
    if getattr(page, "page_cache", True):
        page_cache.allow(request)
