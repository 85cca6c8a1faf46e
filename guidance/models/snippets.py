"""Taxonomies and the glossary: snippets that editors manage and translate."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from foundation.forms import EditorialSnippetForm


class Taxonomy(index.Indexed, models.Model):
    """A named term editors tag pages with. `key` is stable and never shown."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("title"), FieldPanel("key"), FieldPanel("sort_order")]
    base_form_class = EditorialSnippetForm  # translators change translations only
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class Theme(Taxonomy):
    summary = models.TextField(_("summary"), blank=True)
    icon = models.CharField(_("icon"), max_length=40, blank=True)

    panels = Taxonomy.panels + [FieldPanel("summary"), FieldPanel("icon")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Audience(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class Region(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class ResourceType(Taxonomy):
    """Guidance, standard, tool, course: the kind of resource a reader filters by."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("content type")
        verbose_name_plural = _("content types")


class GlossaryTerm(index.Indexed, models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    term = models.CharField(_("term"), max_length=200)
    definition = models.TextField(_("definition"))

    panels = [FieldPanel("term"), FieldPanel("definition"), FieldPanel("key")]
    base_form_class = EditorialSnippetForm  # translators change translations only
    search_fields = [
        index.SearchField("term", boost=3),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self):
        return self.term

    @property
    def anchor(self):
        return f"term-{self.key}"
