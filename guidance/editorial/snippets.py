"""The library's snippets in the admin: taxonomies and the glossary, translated per language.

Their form is `foundation.forms.EditorialSnippetForm` (the models' `base_form_class`):
translators change the five translations only, as in pages.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSetGroup

from foundation.reports import SnippetViewSet
from guidance.models import Audience, GlossaryTerm, Region, ResourceType, Theme


class TranslatorsEditView(EditView):
    """Saves what a translator may change and says what it did not save."""

    def form_valid(self, form):
        response = super().form_valid(form)
        ignored = getattr(form, "ignored_fields", list)()
        if ignored:
            messages.warning(
                self.request,
                _(
                    "Only editors can change these fields; what you sent for them was not "
                    "saved: %(fields)s."
                )
                % {"fields": ", ".join(ignored)},
            )
        return response


class LibrarySnippetViewSet(SnippetViewSet):
    edit_view_class = TranslatorsEditView


class TaxonomyViewSet(LibrarySnippetViewSet):
    list_display = ["title", "key", "sort_order"]
    list_export = [
        "key",
        "title_en",
        "title_fr",
        "title_es",
        "title_ar",
        "title_ru",
        "title_zh_hans",
    ]
    search_fields = ["title", "key"]
    ordering = ["sort_order", "title"]


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Themes")


class AudienceViewSet(TaxonomyViewSet):
    model = Audience
    icon = "group"
    menu_label = gettext_lazy("Audiences")


class RegionViewSet(TaxonomyViewSet):
    model = Region
    icon = "site"
    menu_label = gettext_lazy("Regions")


class ResourceTypeViewSet(TaxonomyViewSet):
    model = ResourceType
    icon = "tag"
    menu_label = gettext_lazy("Content types")


class GlossaryTermViewSet(LibrarySnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    menu_label = gettext_lazy("Glossary")
    list_display = ["term", "key"]
    list_export = [
        "key",
        "term_en",
        "definition_en",
        "term_fr",
        "term_es",
        "term_ar",
        "term_ru",
        "term_zh_hans",
    ]
    search_fields = ["term", "definition", "key"]
    ordering = ["term"]


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (
        ThemeViewSet,
        AudienceViewSet,
        RegionViewSet,
        ResourceTypeViewSet,
        GlossaryTermViewSet,
    )
    menu_icon = "folder-inverse"
    menu_label = gettext_lazy("Library")
    menu_name = "library"


register_snippet(LibraryViewSetGroup)
