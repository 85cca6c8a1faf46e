"""The page form that keeps translators to the translations.

A translator changes a page's text in the five languages other than English. The
English text (the source every translation is made from) and every field that is not
translated (dates, taxonomies, relations, downloads, scheduling) stay as they are: for a
translator those fields are disabled, so the form shows them read-only and ignores any
value posted for them. Editors, reviewers and superusers get the whole form.

wagtail-modeltranslation wraps each page's `base_form_class` in its own subclass (slug
checks per language) and builds the per-language fields from the panels, so this form
only has to decide which of those fields a translator may change.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminPageForm

from guidance.rich_text import link_problems, stored_html
from portal.editorial import translates_only

# The translator's own preference for comment notifications, not page content.
ALWAYS_OPEN = {"comment_notifications"}
# Reviewers' and editors' comments are how a translator talks about the page.
OPEN_FORMSETS = {"comments"}


def translation_fields(model):
    """Names of the form fields that hold `model`'s text in a language other than English."""
    try:
        names = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return set()
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return {
        build_localized_fieldname(name, code)
        for name in names
        for code, _name in settings.LANGUAGES
        if code != source
    }


class EditorialPageForm(WagtailAdminPageForm):
    """The admin form of library pages; for translators, only translations are editable."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translations_only = translates_only(self.for_user)
        if self.translations_only:
            self._keep_to_translations()

    def clean(self):
        cleaned_data = super().clean()
        # A link to nothing would be saved and then fail for readers: say where it is.
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
        return cleaned_data

    def _keep_to_translations(self):
        editable = translation_fields(type(self.instance)) | ALWAYS_OPEN
        for name, field in self.fields.items():
            if name not in editable:
                # A disabled field takes its value from the page, never from the request.
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
