"""What search stores in the database.

- SearchEntry: one row per searchable object *and language*, the text a reader can find.
- SearchTerm, SearchWord, SearchPair: the database engine's index of those entries (the
  embedded default, and the fallback while Elasticsearch is down): the analysed terms of
  each entry, and each language's vocabulary of words and of Chinese character pairs for
  typo tolerance and "did you mean".
- PendingIndexUpdate: the outbox of changes still to be sent to Elasticsearch, so that
  publishing never fails and no update is lost while the engine is unreachable.
- Synonym, Acronym, EditorsPick: what editors tell search (search/editorial.py).
- SearchQuery, SearchClick: what was searched and followed, with nothing about who
  (search/analytics.py).
"""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    PAGE, DOCUMENT = "page", "document"

    target_type = models.CharField(max_length=10, choices=[(PAGE, PAGE), (DOCUMENT, DOCUMENT)])
    # Not "object_id": Wagtail's database search backend annotates rows with that name.
    target_id = models.PositiveIntegerField()
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(max_length=20)  # guidance, standard, tool, course, lesson, document
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    headings = models.TextField(blank=True)  # section headings and standards' titles, one a line
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, blank=True)
    themes = models.CharField(max_length=500, blank=True)  # space-separated keys
    audiences = models.CharField(max_length=500, blank=True)
    regions = models.CharField(max_length=500, blank=True)
    languages = models.CharField(max_length=100, blank=True)  # languages the object exists in
    # An edition of a standard that a newer one replaces: still found, ranked lower, labelled.
    superseded = models.BooleanField(default=False)
    # Words in the entry, weighted by field like SearchTerm.weight (set by the database engine).
    length = models.PositiveIntegerField(default=0)

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


class SearchTerm(models.Model):
    """One analysed term of one entry (foundation.linguistics): the database engine's index.

    Written with the entry, in the same transaction, so publishing costs the same whatever
    the size of the index.
    """

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")
    language = models.CharField(max_length=10)  # the entry's, so one index finds the rows
    term = models.CharField(max_length=60)
    # Occurrences weighted by field: a word in the title counts more than one in the body.
    weight = models.PositiveIntegerField()
    in_title = models.BooleanField(default=False)
    # Where it occurs (first occurrences, space-separated): words next to each other rank higher.
    positions = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["language", "term"])]

    def __str__(self):
        return f"{self.entry_id} [{self.language}] {self.term}"


class SearchWord(models.Model):
    """A word the index has held in a language, folded ("trafficking"), with its term
    ("traffick"): the vocabulary that typos are matched against and suggestions come from.

    Rows are only added as text is indexed (a word no entry uses any more matches nothing
    and is never suggested); `rebuild_search` clears the ones left over.
    """

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=60)
    term = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="one_vocabulary_word")
        ]
        # Words typed without a space are split where both sides are known stems.
        indexes = [models.Index(fields=["language", "term"], name="vocabulary_by_term")]

    def __str__(self):
        return f"[{self.language}] {self.word} ({self.term})"


class SearchPair(models.Model):
    """A pair of Chinese characters the index has held in a language ("个", "案"): the
    vocabulary that a mistyped character is corrected against (search/chinese.py), by the
    characters around it. Kept like SearchWord: added as text is indexed, the pairs no entry
    holds any more cleared by `rebuild_search`.

    Looked up by either character, never by a range of strings (which depends on the
    database's collation).
    """

    language = models.CharField(max_length=10)
    first = models.CharField(max_length=1)
    second = models.CharField(max_length=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "first", "second"], name="one_vocabulary_pair"
            )
        ]
        indexes = [models.Index(fields=["language", "second"], name="pairs_by_second")]

    def __str__(self):
        return f"[{self.language}] {self.first}{self.second}"


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


class Acronym(models.Model):
    """An acronym readers type and what it stands for, per language: "UASC"."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    acronym = models.CharField(
        _("acronym"), max_length=20, help_text=_('As readers type it, e.g. "UASC".')
    )
    meaning = models.CharField(
        _("stands for"),
        max_length=255,
        help_text=_('The words in full, e.g. "unaccompanied and separated children".'),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "acronym", "meaning"], name="one_meaning_per_acronym"
            )
        ]
        ordering = ["language", "acronym"]
        verbose_name = _("acronym")
        verbose_name_plural = _("acronyms")

    def __str__(self):
        return f"[{self.language}] {self.acronym}: {self.meaning}"


def normalise_query(text):
    """A query as it is compared and counted: case-folded, runs of whitespace made one space."""
    return " ".join(str(text or "").casefold().split())[:200]


class EditorsPick(models.Model):
    """A page editors recommend first for one query, in one language."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    query = models.CharField(
        _("query"),
        max_length=200,
        help_text=_("What readers type. Capitals and extra spaces do not matter."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.IntegerField(
        _("order"), default=0, help_text=_("Lower numbers are shown first.")
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("For editors: why this page is recommended. Readers do not see it."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "query", "page"], name="one_pick_per_page_and_query"
            )
        ]
        ordering = ["language", "query", "sort_order", "pk"]
        verbose_name = _("editors' pick")
        verbose_name_plural = _("editors' picks")

    def __str__(self):
        return f"[{self.language}] {self.query} → {self.page_id}"

    def save(self, *args, **kwargs):
        self.query = normalise_query(self.query)
        super().save(*args, **kwargs)

    def clean(self):
        # Before the unique check, so "TIP" and " tip" count as the same query.
        self.query = normalise_query(self.query)


class SearchQuery(models.Model):
    """One search made on the portal: what was asked and what it found, never who asked."""

    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    results = models.PositiveIntegerField(_("results in the language"))
    english_results = models.PositiveIntegerField(_("results in English only"), default=0)
    engine = models.CharField(_("engine"), max_length=20)
    searched_on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        # Nobody edits the log; seeing the reports is a permission of its own.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["searched_on", "language"]),
            models.Index(fields=["query", "language"]),
        ]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self):
        return f"[{self.language}] {self.query} ({self.results})"


class SearchClick(models.Model):
    """A reader followed one of the links a search showed."""

    RESULT, ENGLISH, PICK = "result", "english", "pick"
    SECTIONS = [
        (RESULT, _("Result")),
        (ENGLISH, _("English-only result")),
        (PICK, _("Recommended")),
    ]

    search = models.ForeignKey(SearchQuery, on_delete=models.CASCADE, related_name="clicks")
    section = models.CharField(max_length=10, choices=SECTIONS, default=RESULT)
    position = models.PositiveIntegerField()  # 1-based, within its section
    url = models.CharField(max_length=500)
    clicked_on = models.DateField(default=timezone.localdate)

    class Meta:
        default_permissions = ()
        verbose_name = _("search click")

    def __str__(self):
        return f"{self.search_id} #{self.position} {self.url}"
