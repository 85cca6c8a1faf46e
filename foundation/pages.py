"""The translated page every page type of the portal is built on.

One page holds all six languages (django-modeltranslation fields such as `title_fr`);
English is the source. A page is written in a language when every field named in its
`language_fields` is filled in that language; otherwise readers of that language get the
English text with a notice (`fallback` in the template context). The base page also gives
each page a preview per language and the editorial form that keeps translators to the
translations (`foundation.forms`).
"""

from django.conf import settings
from django.utils import translation
from django.utils.functional import cached_property

from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from foundation.forms import EditorialPageForm
from foundation.preview import LanguagePreviewMixin

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class TranslatedPage(LanguagePreviewMixin, RoutablePageMixin, Page):
    """Languages, their fallback, a preview per language and the translators' form.

    Routable so a page type may add views of itself (its PDF, a course's certificate)
    without changing its place in the language logic; previews stay in their language.
    """

    # The fields an editor must have written in a language for the page to count as
    # translated into it; anything less is served in English with the notice.
    language_fields = ("title",)
    base_form_class = EditorialPageForm

    class Meta:
        abstract = True

    def has_language(self, code):
        """Whether an editor wrote this page in `code` (else readers get English)."""
        return all(
            getattr(self, build_localized_fieldname(name, code), None)
            for name in self.language_fields
        )

    @cached_property
    def languages(self):
        """The languages this page is written in (the language switcher reads this too)."""
        return [code for code in LANGUAGE_CODES if self.has_language(code)]

    @property
    def shown_in_fallback(self):
        return translation.get_language() not in self.languages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fallback"] = self.shown_in_fallback
        return context


def page_languages(page):
    """The languages `page` is written in; a page outside the portal's types by its title."""
    if isinstance(page, TranslatedPage):
        return page.languages
    return [
        code
        for code in LANGUAGE_CODES
        if getattr(page, build_localized_fieldname("title", code), None)
    ]
