"""The theme page's link to its offline pack, with the pack's size and date when built."""

from django import template
from django.urls import reverse
from django.utils import translation

from guidance.offline.packs import pack_facts

register = template.Library()


@register.inclusion_tag("guidance/offline/_pack_link.html")
def offline_pack_link(theme_page):
    facts = pack_facts(theme_page, translation.get_language())
    return {
        "url": reverse("guidance:offline_pack", args=[theme_page.theme.key]),
        "facts": facts if facts and facts["current"] else None,
    }
