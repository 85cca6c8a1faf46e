"""The glossary page, and finding which glossary terms a page uses.

Terms are found with the analysis search uses (foundation.linguistics): "الأطفال" and
"والأطفال", "victims" and "victim" are the same word. Which terms a page uses is worked
out when it is published, once per language, and stored (GlossaryUsage), and again for
every page when a term is added, changed or removed (`refresh_glossary_usage`); the page
then lists those terms with their definitions and links each at its first use in the text.
"""

import re

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from foundation import linguistics
from foundation.pages import TranslatedPage
from foundation.rich_text import BODY_FEATURES
from guidance.models.snippets import GlossaryTerm

_PARENTHESIS = re.compile(r"\s*[(（]([^)）]+)[)）]\s*$")


class GlossaryPage(TranslatedPage):
    """Every glossary term with its definition, in the reader's language."""

    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
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


def term_sequences(term, language):
    """The analysed forms of a term's names: [("traffick", "person"), ("tip",)]."""
    sequences = []
    for name in term_patterns(term):
        sequence = tuple(linguistics.terms(name, language))
        if sequence and sequence not in sequences:
            sequences.append(sequence)
    return sequences


def first_uses(tokens, sequences):
    """{index of the sequence: (start, end)} of each sequence's first occurrence in
    `tokens` (the (term, start, end) of a text): whole words only.

    The words of a term of several words may come in another order with at most one word
    between them ("best interests of the child" in a translation that says "the child's
    best interests"), as translations word a term as their language needs.
    """
    containing = {}
    for number, sequence in enumerate(sequences):
        for term in set(sequence):
            containing.setdefault(term, []).append(number)
    terms = [token[0] for token in tokens]
    found = {}
    for position, term in enumerate(terms):
        for number in containing.get(term, ()):
            if number in found:
                continue
            sequence = sequences[number]
            window = terms[position : position + len(sequence) + (len(sequence) > 1)]
            last = _covers(window, sequence)
            if last is not None:
                found[number] = (tokens[position][1], tokens[position + last][2])
    return found


def _covers(window, sequence):
    """The index in `window` of the last word needed to hold all of `sequence`, or None."""
    needed = list(sequence)
    for index, term in enumerate(window):
        if term in needed:
            needed.remove(term)
            if not needed:
                return index
        elif index == 0:
            return None
    return None


def terms_used_in(text, language=None):
    """Glossary terms (in `language`, by default the active one) that `text` (HTML or
    plain) uses, in any of their forms."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    tokens = list(linguistics.tokens(strip_tags(text), language))
    with translation.override(language):
        # Every name of every term, looked for in one pass over the text.
        owners = [
            (sequence, term)
            for term in GlossaryTerm.objects.all()
            for sequence in term_sequences(term, language)
        ]
        found = first_uses(tokens, [sequence for sequence, _term in owners])
        used = {owners[number][1].pk: owners[number][1] for number in found}
        return sorted(used.values(), key=lambda term: term.term.casefold())


class GlossaryUsage(models.Model):
    """The glossary terms one page uses in one language, worked out when it is published."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    term_keys = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_usage_per_language")
        ]

    def __str__(self):
        return f"{self.page_id} [{self.language}] {len(self.term_keys)} terms"


class GlossaryTermsMixin:
    """A page whose text links the glossary terms it uses (guidance, standards, tools,
    lessons): `glossary_text` says what text that is."""

    def glossary_text(self):
        """The page's text in the active language, HTML or plain."""
        raise NotImplementedError

    def text_language(self):
        """The language of the text a reader of the active language gets."""
        language = translation.get_language()
        return language if language in self.languages else settings.LANGUAGE_CODE

    def record_glossary_terms(self):
        """Work out and store the terms the page uses, in each language it is written in."""
        GlossaryUsage.objects.filter(page_id=self.pk).exclude(language__in=self.languages).delete()
        for language in self.languages:
            with translation.override(language):
                keys = [term.key for term in terms_used_in(self.glossary_text(), language)]
            GlossaryUsage.objects.update_or_create(
                page_id=self.pk, language=language, defaults={"term_keys": keys}
            )

    def glossary_terms(self, previewing=False):
        """The terms stored for the reader's language when the page was published (a
        preview works out the draft's own, and stores nothing). Readers never cost a
        rendering of the whole page to find them."""
        language = self.text_language()
        if previewing:
            with translation.override(language):
                return terms_used_in(self.glossary_text(), language)
        usage = GlossaryUsage.objects.filter(page_id=self.pk, language=language).first()
        keys = usage.term_keys if usage is not None else []
        if not keys:
            return []
        terms = GlossaryTerm.objects.filter(key__in=keys)
        return sorted(terms, key=lambda term: term.term.casefold())

    def glossary_context(self, context, request):
        glossary = GlossaryPage.objects.live().first()
        if glossary is not None:
            context["glossary_page"] = glossary
            context["glossary_terms"] = self.glossary_terms(getattr(request, "is_preview", False))
            context["glossary_language"] = self.text_language()
        return context


def refresh_glossary_usage():
    """Work out again the terms every live page uses, in each of its languages (after a
    term is added, renamed or removed); the number of pages."""
    from django.apps import apps

    from wagtail.models import Page

    kinds = [
        model
        for model in apps.get_models()
        if issubclass(model, GlossaryTermsMixin) and issubclass(model, Page)
    ]
    pages = Page.objects.live().type(*kinds).specific().order_by("path") if kinds else []
    done = 0
    for page in pages:
        page.record_glossary_terms()
        done += 1
    return done
