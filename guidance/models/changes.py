"""Significant changes to library pages, recorded at publish.

An editor ticks "significant change" and writes a short note in each language before
publishing; the publish records a `GuidanceChange` (the page, the revision, the date, the
note) and the tick is cleared for the next publish. An edition of a standard that gets a
newer edition (`superseded_by`) records one too. Courses read these records to tell
editors, trainers and learners what changed in the guidance they teach.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class GuidanceChange(models.Model):
    SIGNIFICANT, SUPERSEDED = "significant", "superseded"
    KINDS = [(SIGNIFICANT, _("Significant change")), (SUPERSEDED, _("Superseded by a new edition"))]

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="guidance_changes"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind of change"), max_length=20, choices=KINDS)
    changed_at = models.DateTimeField(_("changed"))
    note = models.TextField(_("what changed"), blank=True)
    superseded_by = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("superseded by"),
    )

    class Meta:
        verbose_name = _("guidance change")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision", "kind"], name="one_change_per_revision_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.kind} {self.changed_at:%Y-%m-%d}"

    @cached_property
    def specific_page(self):
        return self.page.specific

    @property
    def summary(self):
        """The note in the reader's language (else English), or what superseded the page."""
        if self.note:
            return self.note
        if self.kind == self.SUPERSEDED and self.superseded_by_id:
            return _("Superseded by %(title)s") % {"title": self.superseded_by.specific.title}
        return ""
