"""The home page: the root of the site in every language."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from foundation.pages import TranslatedPage


class HomePage(TranslatedPage):
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
        from guidance.models import Audience, GuidancePage, LibraryIndexPage, ThemePage
        from guidance.models.usage import most_used

        context = super().get_context(request, *args, **kwargs)
        guidance = GuidancePage.objects.live().public()
        context["themes"] = ThemePage.objects.child_of(self).live().public().select_related("theme")
        context["library"] = LibraryIndexPage.objects.child_of(self).live().first()
        context["audiences"] = Audience.objects.all()
        context["latest"] = guidance.order_by("-publication_date", "-id")[:6]
        context["most_used"] = most_used(guidance)
        from courses.models import featured_courses

        context.update(featured_courses(self))
        return context


class InformationPage(TranslatedPage):
    """What a public body owes its readers: who runs the portal, what it does with personal
    data, how to reach the team, and how accessible it is. Each kind exists once, so the
    footer finds them by kind, whatever their titles and slugs in each language."""

    ABOUT = "about"
    PRIVACY = "privacy"
    CONTACT = "contact"
    ACCESSIBILITY = "accessibility"
    KINDS = [
        (ABOUT, _("About the portal")),
        (PRIVACY, _("Privacy notice")),
        (CONTACT, _("Contact")),
        (ACCESSIBILITY, _("Accessibility statement")),
    ]

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=KINDS,
        unique=True,
        help_text=_("Which of the footer's pages this is; each kind exists once."),
    )
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    last_updated = models.DateField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_("Shown to readers; statements and notices say when they were last checked."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("body"),
        FieldPanel("last_updated"),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
