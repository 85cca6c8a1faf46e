"""The admin forms that keep translators to the translations: pages' and snippets'.

A translator changes the text of a page, theme, audience, region or glossary term in the
five languages other than English. The English text (the source every translation is made
from) and every field that is not translated (keys, dates, taxonomies, relations,
downloads, scheduling) stay as they are: for a translator those fields are disabled, so
the form shows them read-only and ignores any value posted for them. Editors, reviewers
and superusers get the whole form.

wagtail-modeltranslation wraps each page's `base_form_class` in its own subclass (slug
checks per language) and builds the per-language fields from the panels, so this form
only has to decide which of those fields a translator may change. Snippets get the same
form through their models' `base_form_class`, and their edit view says which posted
values were not saved (`guidance.editorial.snippets`).
"""

import copy

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from foundation.rich_text import link_problems, stored_html
from foundation.roles import translates_only
from foundation.slugs import is_typeable, typeable_slug

# The translator's own preference for comment notifications, not page content.
ALWAYS_OPEN = {"comment_notifications"}
# Reviewers' and editors' comments are how a translator talks about the page.
OPEN_FORMSETS = {"comments"}


def translation_languages(model):
    """{form field name: language code} of the fields that hold `model`'s text in a
    language other than English."""
    try:
        names = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return {}
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return {
        build_localized_fieldname(name, code): code
        for name in names
        for code, _name in settings.LANGUAGES
        if code != source
    }


def translation_fields(model):
    """Names of the form fields that hold `model`'s text in a language other than English."""
    return set(translation_languages(model))


class TranslationsOnlyMixin:
    """For a translator, every field but the translations is disabled: the form shows it
    read-only and keeps the stored value whatever the request says."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translations_only = translates_only(self.for_user)
        self._mark_languages()
        if self.translations_only:
            self._keep_to_translations()

    def _mark_languages(self):
        """Each translation's input in its language and direction (Arabic right to left),
        and no "required" hint on an optional translated title."""
        for name, code in translation_languages(type(self.instance)).items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget.attrs["lang"] = code
            field.widget.attrs["dir"] = "rtl" if get_language_info(code)["bidi"] else "ltr"
            if name.startswith("title_"):  # Wagtail's title panel would say "Page title*"
                field.widget.attrs["placeholder"] = _(
                    "Optional: readers see the English until this is filled"
                )

    def clean(self):
        cleaned_data = super().clean()
        self._make_slugs_typeable(cleaned_data)
        self._refuse_broken_links(cleaned_data)
        return cleaned_data

    def _make_slugs_typeable(self, cleaned_data):
        """Write each language's slug in Latin letters, from the title if none was given.

        A slug already published stays as it is: its address is out in mails and links.
        """
        published = bool(self.instance.pk and getattr(self.instance, "first_published_at", None))
        for code, _name in settings.LANGUAGES:
            slug_name = build_localized_fieldname("slug", code)
            field = self.fields.get(slug_name)
            if field is None or field.disabled:
                continue
            posted = cleaned_data.get(slug_name) or ""
            if is_typeable(posted):
                continue
            if published and posted and posted == getattr(self.instance, slug_name, None):
                continue
            source = posted or cleaned_data.get(build_localized_fieldname("title", code)) or ""
            if source:
                cleaned_data[slug_name] = typeable_slug(source)

    def _refuse_broken_links(self, cleaned_data):
        """A link to nothing would be saved and then fail for readers: say where it is."""
        problems = []
        for name, value in cleaned_data.items():
            field = self.fields.get(name)
            if field is None or field.disabled:
                continue
            for html in stored_html(value):
                for problem in link_problems(html):
                    problems.append(
                        _("%(field)s: %(problem)s") % {"field": field.label, "problem": problem}
                    )
        for message in problems:
            self.add_error(None, message)

    def _keep_to_translations(self):
        editable = translation_fields(type(self.instance)) | ALWAYS_OPEN
        for name, field in self.fields.items():
            if name not in editable:
                # A disabled field takes its value from the instance, never from the request.
                field.disabled = True
                field.help_text = _("Only editors can change this field.")
        for name, formset in self.formsets.items():
            if name in OPEN_FORMSETS:
                continue
            # Existing rows keep their values, DELETE and ORDER included; added rows are
            # unchanged forms, which a formset does not save.
            for form in formset.forms:
                for field in form.fields.values():
                    field.disabled = True

    def ignored_fields(self):
        """Labels of the locked fields the request tried to change (a browser never sends
        a disabled field, so only a hand-made request does)."""
        if not (self.translations_only and self.is_bound):
            return []
        ignored = []
        for name, field in self.fields.items():
            if not field.disabled or self.add_prefix(name) not in self.data:
                continue
            posted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            probe = copy.copy(field)
            probe.disabled = False  # a disabled field never reports a change
            if probe.has_changed(self.get_initial_for_field(field, name), posted):
                ignored.append(str(field.label or name))
        return ignored


class EditorialPageForm(TranslationsOnlyMixin, WagtailAdminPageForm):
    """The admin form of library pages; for translators, only translations are editable."""


class EditorialSnippetForm(TranslationsOnlyMixin, WagtailAdminModelForm):
    """The admin form of the taxonomies and the glossary; the same limits as pages."""
