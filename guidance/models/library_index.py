"""The pages that list the library with filters: the whole library, and one theme's part.

The library index lists every theme, type, audience and region; a theme page lists its
theme's guidance, standards and tools (`guidance.listing` does the filtering).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from foundation.pages import TranslatedPage
from foundation.rich_text import BODY_FEATURES
from guidance.listing import LibraryFilter
from guidance.models.snippets import Theme


class LibraryIndexPage(TranslatedPage):
    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("library index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = LibraryFilter(request.GET)
        return context


class ThemePage(TranslatedPage):
    """One thematic area: its guidance, standards and tools, with filters."""

    theme = models.OneToOneField(
        Theme, on_delete=models.PROTECT, related_name="page", verbose_name=_("theme")
    )
    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("theme"), FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["guidance.GuidancePage", "guidance.StandardPage", "guidance.ToolPage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("theme page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = LibraryFilter(request.GET, theme=self.theme)
        return context
