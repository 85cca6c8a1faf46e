"""The library's snippets in the admin: taxonomies and the glossary, translated per language."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from guidance.models import Audience, GlossaryTerm, Region, ResourceType, Theme
from portal.reports import SnippetViewSet


class TaxonomyViewSet(SnippetViewSet):
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
    menu_label = _("Themes")


class AudienceViewSet(TaxonomyViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")


class RegionViewSet(TaxonomyViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")


class ResourceTypeViewSet(TaxonomyViewSet):
    model = ResourceType
    icon = "tag"
    menu_label = _("Content types")


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("Glossary")
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
    menu_label = _("Library")
    menu_name = "library"


register_snippet(LibraryViewSetGroup)
