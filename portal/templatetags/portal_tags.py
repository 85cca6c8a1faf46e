"""Template helpers shared by every page: the language switcher and its alternates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from modeltranslation.utils import build_localized_fieldname

register = template.Library()


def page_languages(page):
    """Codes of the languages this page is written in (the rest fall back to English).

    Library pages say so themselves (title and summary); other pages need a title.
    """
    if hasattr(page, "languages"):
        return page.languages
    return [
        code
        for code, _name in settings.LANGUAGES
        if getattr(page, build_localized_fieldname("title", code), None)
    ]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per interface language: where this same page lives in it.

    Each entry says whether the page exists in that language or will be shown
    in English, so the switcher never promises a translation that is not there.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    available = page_languages(page) if page is not None else None
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            with translation.override(code):
                url = page.get_url(request)
        else:
            # translate_url reads the path in the current language, so not inside override().
            url = translate_url(request.get_full_path(), code)
        local_name = translation.get_language_info(code)["name_local"]
        links.append(
            {
                "code": code,
                "name": name,
                "local_name": local_name,
                "url": url,
                "current": code == current,
                "translated": available is None or code in available,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links);
    a parameter given None or "" is left out."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()
