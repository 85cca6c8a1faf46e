"""Per page and language: when its text last changed, and against which English text.

A translation is *outdated* when the English it was last edited against is no longer
the English on the page. Records are written when a page is published.
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page


class TranslationRecord(models.Model):
    MISSING, OUTDATED, TRANSLATED = "missing", "outdated", "translated"
    STATUS_LABELS = {
        MISSING: _("Missing"),
        OUTDATED: _("Outdated"),
        TRANSLATED: _("Translated"),
    }

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translation_records")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    content_hash = models.CharField(max_length=64)
    source_hash = models.CharField(
        max_length=64, help_text=_("Hash of the English text when this language last changed.")
    )
    edited_at = models.DateTimeField(_("last edited"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_record_per_language")
        ]
        verbose_name = _("translation record")

    def __str__(self):
        return f"{self.page_id} [{self.language}]"


def translated_field_names(page):
    try:
        return sorted(translator.get_options_for_model(type(page)).all_fields)
    except NotRegistered:
        return []


def language_hash(page, code):
    """A fingerprint of every translated field of `page` in language `code`."""
    values = {}
    for name in translated_field_names(page):
        if name in {"url_path", "slug"}:
            continue
        value = getattr(page, build_localized_fieldname(name, code), None)
        if hasattr(value, "get_prep_value"):
            value = value.get_prep_value()  # StreamValue
        values[name] = value
    blob = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def record_translations(page):
    """Update the records of `page` after publication; cheap when nothing changed."""
    now = timezone.now()
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    hashes = {code: language_hash(page, code) for code, _name in settings.LANGUAGES}
    existing = {record.language: record for record in page.translation_records.all()}
    for code, content_hash in hashes.items():
        record = existing.get(code)
        if record is None:
            TranslationRecord.objects.create(
                page=page,
                language=code,
                content_hash=content_hash,
                source_hash=hashes[source],
                edited_at=now,
            )
        elif record.content_hash != content_hash:
            record.content_hash = content_hash
            record.source_hash = hashes[source]
            record.edited_at = now
            record.save(update_fields=["content_hash", "source_hash", "edited_at"])


def translation_status(page, code, records=None):
    """missing / outdated / translated for one page in one language."""
    if not page.has_language(code):
        return TranslationRecord.MISSING
    if records is None:
        records = {record.language: record for record in page.translation_records.all()}
    source = records.get(settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    record = records.get(code)
    if code == settings.MODELTRANSLATION_DEFAULT_LANGUAGE or source is None or record is None:
        return TranslationRecord.TRANSLATED
    if record.source_hash != source.content_hash:
        return TranslationRecord.OUTDATED
    return TranslationRecord.TRANSLATED


class TranslationReview(models.Model):
    """A translator or editor confirmed that a language still matches its English.

    The workspace compares the English of the newest revision with the English as it
    was at the later of two moments: the last change to the translation, or the last
    review. A review records the revision it was made against, who made it and when.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translation_reviews")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        verbose_name = _("translation review")

    def __str__(self):
        return f"{self.page_id} [{self.language}] {self.reviewed_at:%Y-%m-%d}"
