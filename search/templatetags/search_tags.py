"""What the search page needs to mark text in another language than the page's."""

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def text_direction(code):
    """ "rtl" or "ltr" for a language code, for the dir attribute beside lang."""
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


@register.filter
def language_name(code):
    """The language's name in itself ("Français"), as a language menu shows it."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code
