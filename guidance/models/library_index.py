"""The whole library in one filterable list: every theme, type, audience and region."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from foundation.pages import TranslatedPage
from foundation.rich_text import BODY_FEATURES


class LibraryIndexPage(TranslatedPage):
    intro = RichTextField(_("introduction"), blank=True, features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("library index page")

    def get_context(self, request, *args, **kwargs):
        from guidance.listing import LibraryFilter

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = LibraryFilter(request.GET)
        return context
