"""The glossary page, and finding which glossary terms a page uses."""

import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from guidance.editorial.forms import EditorialPageForm
from guidance.models.snippets import GlossaryTerm
from guidance.rich_text import BODY_FEATURES
from portal.preview import LanguagePreviewMixin

_PARENTHESIS = re.compile(r"\s*[(（]([^)）]+)[)）]\s*$")


class GlossaryPage(LanguagePreviewMixin, Page):
    """Every glossary term with its definition, in the reader's language."""

    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = EditorialPageForm  # translators change translations only
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("glossary page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = sorted(GlossaryTerm.objects.all(), key=lambda term: term.term.casefold())
        context["terms"] = terms
        return context


def term_patterns(term):
    """Ways a term shows up in text: its name without the acronym, and the acronym."""
    text = term.term
    names = []
    acronym = _PARENTHESIS.search(text)
    if acronym:
        names.append(acronym.group(1).strip())
        text = _PARENTHESIS.sub("", text)
    names.append(text.strip())
    return [name for name in names if len(name) >= 2]


def terms_used_in(text):
    """Glossary terms (in the active language) that appear in `text` (HTML or plain)."""
    haystack = strip_tags(text).casefold()
    found = []
    for term in GlossaryTerm.objects.all():
        for name in term_patterns(term):
            needle = name.casefold()
            # Whole-word match for alphabetic scripts; plain containment for CJK.
            if needle.isascii() or any(ch.isalpha() and ord(ch) < 0x2E80 for ch in needle):
                if re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
                    found.append(term)
                    break
            elif needle in haystack:
                found.append(term)
                break
    return sorted(found, key=lambda term: term.term.casefold())
