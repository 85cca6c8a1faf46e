"""The home page: the root of the site in every language."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the portal offers, in two or three sentences."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    # Only one home page, at the top of the tree.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from guidance.models import GuidancePage, ThemePage

        context = super().get_context(request, *args, **kwargs)
        context["themes"] = ThemePage.objects.child_of(self).live().public().select_related("theme")
        context["latest"] = (
            GuidancePage.objects.live().public().order_by("-publication_date", "-id")[:6]
        )
        return context
