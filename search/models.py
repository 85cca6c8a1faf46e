"""What search stores in the database.

- SearchEntry: one row per searchable object *and language*, the text a reader can find.
  It feeds the database engine (the embedded default, and the fallback while
  Elasticsearch is down) through Wagtail's database search backend.
- PendingIndexUpdate: the outbox of changes still to be sent to Elasticsearch, so that
  publishing never fails and no update is lost while the engine is unreachable.
"""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class SearchEntry(index.Indexed, models.Model):
    PAGE, DOCUMENT = "page", "document"

    target_type = models.CharField(max_length=10, choices=[(PAGE, PAGE), (DOCUMENT, DOCUMENT)])
    # Not "object_id": Wagtail's database search backend annotates rows with that name.
    target_id = models.PositiveIntegerField()
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(max_length=20)  # guidance, standard, tool, course, lesson, document
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    themes = models.CharField(max_length=500, blank=True)  # space-separated keys
    audiences = models.CharField(max_length=500, blank=True)
    regions = models.CharField(max_length=500, blank=True)
    languages = models.CharField(max_length=100, blank=True)  # languages the object exists in

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("language"),
        index.FilterField("kind"),
        index.FilterField("target_type"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "language"], name="one_entry_per_language"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"])]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{self.target_type}:{self.target_id} [{self.language}] {self.title}"


class PendingIndexUpdate(models.Model):
    target_type = models.CharField(max_length=10)
    target_id = models.PositiveIntegerField()
    queued_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target_type", "target_id"], name="one_pending_update")
        ]
        ordering = ["queued_at"]
        verbose_name = _("pending search update")

    def __str__(self):
        return f"{self.target_type}:{self.target_id}"


class Synonym(models.Model):
    """Words readers use for the same thing, per language: "AVRR, assisted voluntary return"."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_(
            "Comma-separated words or phrases that mean the same, e.g. "
            '"TIP, trafficking in persons, human trafficking".'
        ),
    )

    class Meta:
        ordering = ["language", "terms"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return f"[{self.language}] {self.terms}"

    def as_rule(self):
        """The Solr-format rule Elasticsearch reads, or None if fewer than two terms."""
        # Keep words only: the rule syntax gives "=>", "#" and "\\" meanings of their own.
        terms = [
            " ".join(re.sub(r"[^\w\s'-]", " ", term).lower().split())
            for term in self.terms.split(",")
        ]
        terms = [term for term in terms if term]
        return ", ".join(terms) if len(terms) > 1 else None
