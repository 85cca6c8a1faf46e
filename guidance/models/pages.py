"""Page types of the guidance library: themes, guidance, standards and tools."""

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from foundation.pages import TranslatedPage
from foundation.preview import live_pages
from foundation.rich_text import BODY_FEATURES
from guidance.blocks import BaseStreamBlock, StandardsStreamBlock, anchor_for
from guidance.models.glossary import GlossaryTermsMixin
from guidance.models.snippets import Audience, Region, Theme


class LibraryPage(TranslatedPage):
    """What every page of the library has: summary, taxonomies, review cycle, languages."""

    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences, shown in listings and search.")
    )
    themes = ParentalManyToManyField(Theme, blank=True, related_name="%(class)s_pages")
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="%(class)s_pages")
    regions = ParentalManyToManyField(
        Region, blank=True, related_name="%(class)s_pages", help_text=_("Leave empty if global.")
    )
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    version_note = models.CharField(_("version note"), max_length=255, blank=True)
    # Kept in the revision (a reviewer publishes what the editor marked), cleared once
    # published: the change itself is then a GuidanceChange (guidance/models/changes.py).
    significant_change = models.BooleanField(
        _("significant change"),
        default=False,
        help_text=_(
            "Tick when this publish changes what readers must do: courses that cite the "
            "page are flagged for review and learners who completed them are told."
        ),
    )
    change_note = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for trainers and learners, in each language."),
    )

    resource_type_key = None  # "guidance", "standard", ...: the ResourceType it files under

    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
    ]
    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
                FieldPanel("version_note"),
            ],
            heading=_("Publication and review"),
        ),
        MultiFieldPanel(
            [FieldPanel("significant_change"), FieldPanel("change_note")],
            heading=_("Significant change"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary", boost=2)]
    api_fields = [
        APIField("summary"),
        APIField("publication_date"),
        APIField("last_reviewed"),
        APIField("next_review_due"),
        APIField("version_note"),
    ]

    class Meta:
        abstract = True

    # An editor has written the page in a language once its title and summary are there.
    language_fields = ("title", "summary")

    @property
    def version_text(self):
        """Which version readers see: a standard's edition, else the date it was published."""
        edition = getattr(self, "edition", "")
        if edition:
            return edition
        if self.last_published_at:
            published = date_format(timezone.localdate(self.last_published_at))
            return _("version of %(date)s") % {"date": published}
        return ""

    @property
    def is_overdue_for_review(self):
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        previewing = getattr(request, "is_preview", False)
        if request.method == "GET" and response.status_code == 200 and not previewing:
            from guidance.models.usage import record_view

            record_view(self, request)
        return response

    @path("pdf/")
    def pdf(self, request):
        """The page as a PDF in the reader's language, for officials who work offline."""
        from foundation.pdf import page_pdf_response

        return page_pdf_response(self, request)


class GuidancePage(GlossaryTermsMixin, LibraryPage):
    who_for = models.CharField(_("who this is for"), max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
    related_standards = ParentalManyToManyField(
        "guidance.StandardPage", blank=True, related_name="related_guidance"
    )
    related_tools = ParentalManyToManyField(
        "guidance.ToolPage", blank=True, related_name="related_guidance"
    )

    resource_type_key = "guidance"
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("who_for"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("related_standards"), FieldPanel("related_tools")],
            heading=_("Related"),
        ),
        *LibraryPage.review_panels,
    ]
    promote_panels = Page.promote_panels + LibraryPage.classification_panels
    parent_page_types = ["guidance.ThemePage"]
    subpage_types = []
    search_fields = LibraryPage.search_fields + [
        index.SearchField("who_for"),
        index.SearchField("body"),
    ]
    api_fields = LibraryPage.api_fields + [APIField("who_for"), APIField("body")]

    class Meta:
        verbose_name = _("guidance page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return self.glossary_context(context, request)

    @property
    def live_related_standards(self):
        return live_pages(self.related_standards)

    @property
    def live_related_tools(self):
        return live_pages(self.related_tools)

    def glossary_text(self):
        return " ".join([self.summary, *(str(block.render()) for block in self.body)])

    @property
    def contents(self):
        """The on-page table of contents: one entry per heading block."""
        return [
            {"text": block.value, "anchor": anchor_for(block.value)}
            for block in self.body
            if block.block_type == "heading"
        ]


class StandardPage(GlossaryTermsMixin, LibraryPage):
    edition = models.CharField(
        _("edition"), max_length=100, help_text=_('For example "2nd edition, 2025".')
    )
    edition_number = models.PositiveSmallIntegerField(_("edition number"), default=1)
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="earlier_editions",
        verbose_name=_("superseded by"),
        help_text=_("The newer edition that replaces this one. This edition stays readable."),
    )
    intro = RichTextField(_("introduction"), features=BODY_FEATURES, blank=True)
    standards = StreamField(StandardsStreamBlock(), verbose_name=_("standards"))

    resource_type_key = "standard"
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("edition"), FieldPanel("edition_number"), FieldPanel("effective_date")]
        ),
        FieldPanel("superseded_by"),
        FieldPanel("intro"),
        FieldPanel("standards"),
        *LibraryPage.review_panels,
    ]
    promote_panels = Page.promote_panels + LibraryPage.classification_panels
    parent_page_types = ["guidance.ThemePage"]
    subpage_types = []
    search_fields = LibraryPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("standards"),
        index.FilterField("superseded_by_id"),
    ]
    api_fields = LibraryPage.api_fields + [
        APIField("edition"),
        APIField("effective_date"),
        APIField("intro"),
        APIField("standards"),
    ]

    class Meta:
        verbose_name = _("standard page")

    @property
    def is_superseded(self):
        return self.superseded_by_id is not None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return self.glossary_context(context, request)

    def glossary_text(self):
        blocks = (str(block.render()) for block in self.standards)
        return " ".join([self.summary, self.intro, *blocks])


class ToolPage(GlossaryTermsMixin, LibraryPage):
    KINDS = [
        ("checklist", _("Checklist")),
        ("form", _("Form")),
        ("template", _("Template")),
        ("directory", _("Referral directory")),
    ]
    tool_kind = models.CharField(_("kind of tool"), max_length=20, choices=KINDS)
    how_to_use = RichTextField(_("how to use it"), features=BODY_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    resource_type_key = "tool"
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("tool_kind"),
        FieldPanel("how_to_use"),
        FieldPanel("body"),
        InlinePanel("downloads", label=_("Downloads")),
        *LibraryPage.review_panels,
    ]
    promote_panels = Page.promote_panels + LibraryPage.classification_panels
    parent_page_types = ["guidance.ThemePage"]
    subpage_types = []
    search_fields = LibraryPage.search_fields + [
        index.SearchField("how_to_use"),
        index.SearchField("body"),
    ]
    api_fields = LibraryPage.api_fields + [
        APIField("tool_kind"),
        APIField("how_to_use"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("tool page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return self.glossary_context(context, request)

    def glossary_text(self):
        blocks = (str(block.render()) for block in self.body)
        return " ".join([self.summary, self.how_to_use, *blocks])

    def downloads_for_reader(self):
        """Downloads in the reader's language first, then the others."""
        current = translation.get_language()
        items = list(self.downloads.select_related("document"))
        return sorted(items, key=lambda item: (item.language != current, item.sort_order or 0))


class ToolDownload(Orderable):
    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("download")

    @property
    def file_type(self):
        return self.document.file_extension.upper()

    @property
    def file_size(self):
        return self.document.get_file_size()
